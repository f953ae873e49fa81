import { describe, expect, test } from 'vitest';
import { checkPostUrl, checkVideoId, describeRemovedEmbed, videoFromAddress } from '../../src/pipeline/embeds.ts';
import { renderMarkdown } from '../../src/pipeline/markdown.ts';

describe('checkPostUrl', () => {
  test.each([
    ['https://x.com/dateline/status/1234567890', 'X', '@dateline', 'https://x.com/dateline/status/1234567890'],
    ['https://twitter.com/dateline/status/1234567890?s=20', 'X', '@dateline', 'https://twitter.com/dateline/status/1234567890'],
    [
      'https://bsky.app/profile/dateline.bsky.social/post/3kabc123',
      'Bluesky',
      '@dateline.bsky.social',
      'https://bsky.app/profile/dateline.bsky.social/post/3kabc123',
    ],
    ['https://www.instagram.com/p/C0abc_12-x/', 'Instagram', undefined, 'https://www.instagram.com/p/C0abc_12-x/'],
    [
      'https://www.tiktok.com/@dateline/video/7312345678901234567',
      'TikTok',
      '@dateline',
      'https://www.tiktok.com/@dateline/video/7312345678901234567',
    ],
    ['https://www.threads.net/@dateline/post/C1abcDEF', 'Threads', '@dateline', 'https://www.threads.net/@dateline/post/C1abcDEF'],
    [
      'https://www.facebook.com/datelinenews/posts/123456789',
      'Facebook',
      'datelinenews',
      'https://www.facebook.com/datelinenews/posts/123456789',
    ],
    [
      'https://mastodon.example/@dateline/113045678901234567#top',
      'Mastodon',
      '@dateline@mastodon.example',
      'https://mastodon.example/@dateline/113045678901234567',
    ],
  ])('accepts %s as a post on its network, without query or fragment', (url, network, author, canonical) => {
    expect(checkPostUrl(url)).toEqual({ ok: true, value: { network, author, url: canonical } });
  });

  test.each([
    ['javascript:alert(1)', 'must be a plain https:// address'],
    ['http://x.com/a/status/1', 'must be a plain https:// address'],
    ['https://x.com:8443/a/status/1', 'must be a plain https:// address'],
    ['https://user@x.com/a/status/1', 'must be a plain https:// address'],
    ['https://x.com/a', 'is not the address of a post'],
    ['https://x.com/a/status/1/../../../evil', 'is not the address of a post'],
    ['not a url', 'is not an address'],
  ])('refuses %s', (url, message) => {
    const result = checkPostUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('checkVideoId', () => {
  test('builds the video page address from a valid id only', () => {
    expect(checkVideoId('youtube', 'dQw4w9WgXcQ')).toEqual({
      ok: true,
      value: { id: 'dQw4w9WgXcQ', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
    });
    expect(checkVideoId('vimeo', '76979871')).toEqual({ ok: true, value: { id: '76979871', url: 'https://vimeo.com/76979871' } });
    expect(checkVideoId('youtube', 'dQw4w9WgXcQ&x=1').ok).toBe(false);
    expect(checkVideoId('vimeo', '0123456').ok).toBe(false);
    expect(checkVideoId('youtube', undefined).ok).toBe(false);
  });
});

describe('videoFromAddress', () => {
  test.each([
    ['https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0', { directive: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', { directive: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://youtu.be/dQw4w9WgXcQ', { directive: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', { directive: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://player.vimeo.com/video/76979871', { directive: 'vimeo', id: '76979871' }],
    ['https://evil.example/embed/dQw4w9WgXcQ', undefined],
  ])('%s', (url, expected) => {
    expect(videoFromAddress(url)).toEqual(expected);
  });
});

describe('describeRemovedEmbed', () => {
  test('a YouTube player iframe: the exact line to write instead, with its title', () => {
    expect(
      describeRemovedEmbed({ tag: 'iframe', src: 'https://www.youtube.com/embed/dQw4w9WgXcQ', title: 'The council vote', nearby: [] }),
    ).toBe(
      'an <iframe> is removed (pages show no frames or plug-ins from other sites); to show it, write ::youtube[The council vote]{id=dQw4w9WgXcQ} on a line of its own instead',
    );
  });

  test("a network's embed script after its quote: the ::post line for the post it links to", () => {
    expect(
      describeRemovedEmbed({
        tag: 'script',
        src: 'https://platform.twitter.com/widgets.js',
        nearby: ['https://twitter.com/dateline/status/123?ref_src=twsrc'],
      }),
    ).toBe(
      'a <script> is removed (pages run no JavaScript); to show it, write ::post{url=https://twitter.com/dateline/status/123} on a line of its own instead',
    );
  });

  test('anything else: the directives there are', () => {
    expect(describeRemovedEmbed({ tag: 'object', src: 'movie.swf', nearby: [] })).toBe(
      'an <object> is removed (pages show no frames or plug-ins from other sites); to show a video, write ::youtube[Title]{id=…} or ::vimeo[Title]{id=…}; a social post, ::post{url=…}; anything else, link to it',
    );
  });

  test('renderMarkdown reports a pasted tweet embed at the line of its script', () => {
    const { removedEmbeds } = renderMarkdown(
      'Text.\n\n<blockquote class="twitter-tweet"><p>Hi</p><a href="https://twitter.com/dateline/status/42">March 17</a></blockquote>\n<script async src="https://platform.twitter.com/widgets.js"></script>\n',
    );
    expect(removedEmbeds).toEqual([
      {
        url: 'https://platform.twitter.com/widgets.js',
        line: 4,
        column: 1,
        message:
          'a <script> is removed (pages run no JavaScript); to show it, write ::post{url=https://twitter.com/dateline/status/42} on a line of its own instead',
      },
    ]);
  });
});

describe('directives', () => {
  test('a video becomes a facade linking to the video, with nothing that plays or runs', () => {
    expect(renderMarkdown('::youtube[The vote]{id=dQw4w9WgXcQ}').html).toBe(
      '<figure class="embed embed-video"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" class="embed-link"><strong class="embed-title">The vote</strong> <small class="embed-source">Watch on YouTube</small></a></figure>',
    );
  });

  test('a figure: its image marked for the pipeline, its caption and credit', () => {
    expect(renderMarkdown(':::figure{credit="Photo: Jane Doe"}\n![A ferry](/media/ferry.jpg)\n\nThe *morning* ferry.\n:::').html).toBe(
      '<figure class="figure"><img src="/media/ferry.jpg" alt="A ferry" data-dateline-image="figure"><figcaption>The <em>morning</em> ferry. <span class="credit">Photo: Jane Doe</span></figcaption></figure>',
    );
  });

  test('images of a gallery and a poster are laid out as such; a poster needs no alt text', () => {
    const { images, directiveProblems } = renderMarkdown(
      ':::gallery\n![A](/media/a.jpg)\n![B](/media/b.jpg)\n:::\n\n::vimeo[Talk]{id=76979871 poster=/media/still.jpg}',
    );
    expect(directiveProblems).toEqual([]);
    expect(images.map((image) => [image.url, image.layout, image.line])).toEqual([
      ['/media/a.jpg', 'gallery', 2],
      ['/media/b.jpg', 'gallery', 3],
      ['/media/still.jpg', 'poster', 6],
    ]);
  });

  test('text with colons is never a directive', () => {
    expect(renderMarkdown('Re:Build at 12:40, Note:this.').html).toBe('<p>Re:Build at 12:40, Note:this.</p>');
  });
});
