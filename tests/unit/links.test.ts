import { describe, expect, test } from 'vitest';
import { rewriteLinks } from '../../src/lib/body-links.ts';
import { classifyLink, linkTargets, resolveArticleFileLink, resolveBodyLink, resolveSitePath } from '../../src/pipeline/links.ts';

describe('classifyLink', () => {
  test.each([
    ['https://example.com/a.md', 'external'],
    ['mailto:desk@example.com', 'external'],
    ['//cdn.example.com/x', 'external'],
    ['#quote', 'fragment'],
    ['../02/story.md', 'article-file'],
    ['story.md#top', 'article-file'],
    ['/national/story/', 'site-path'],
    ['/docs/guide.md', 'site-path'],
    ['page/2/', 'relative'],
  ])('%s is %s', (url, kind) => {
    expect(classifyLink(url)).toBe(kind);
  });
});

describe('resolveArticleFileLink', () => {
  test.each([
    ['2025/03/a', '../02/b.md', { id: '2025/02/b', hash: '' }],
    ['2025/03/a', './c.md#quote', { id: '2025/03/c', hash: '#quote' }],
    ['2025/03/a', 'd%20e.md', { id: '2025/03/d e', hash: '' }],
    ['a', '../outside.md', undefined],
    ['2025/03/a', '../../../etc/passwd.md', undefined],
  ])('from %s, %s', (from, url, expected) => {
    expect(resolveArticleFileLink(from, url)).toEqual(expected);
  });
});

describe('resolveSitePath', () => {
  test('resolves relative links against the article URL and drops query and hash', () => {
    expect(resolveSitePath('../world/', '/national/story/')).toBe('/national/world/');
    expect(resolveSitePath('/national/?x=1#top', '/a/b/')).toBe('/national/');
  });
});

describe('resolveBodyLink', () => {
  const targets = linkTargets([
    { id: '2025/03/b', section: 'world', slug: 'b', aliases: ['/national/old-b/', '/2019/b.html'], shown: true },
    { id: '2025/03/later', section: 'national', slug: 'later', aliases: ['/old-later/'], shown: false },
  ]);
  const from = { id: '2025/03/a', pagePath: '/national/a/' };

  test.each([
    ['dateline-article:2025/03/b#quote', '/world/b/#quote'],
    ['b.md#quote', '/world/b/#quote'],
    ['/world/b/', '/world/b/'],
    ['../../world/b/', '../../world/b/'],
    ['/national/old-b/?ref=mail#top', '/world/b/?ref=mail#top'],
    ['/national/old-b', '/world/b/'],
    ['/2019/b.html', '/world/b/'],
    ['dateline-article:2025/03/later', null],
    ['later.md', null],
    ['/national/later/', null],
    ['/old-later', null],
  ])('a link to a story, %s, shows as %j', (href, shown) => {
    expect(resolveBodyLink(href, from, targets)).toEqual({ href: shown });
  });

  test.each(['/national/', '/media/chart.png', 'https://example.com/world/b/', '#quote', '/national/missing/'])(
    '%s does not lead to a story and is left alone',
    (href) => {
      expect(resolveBodyLink(href, from, targets)).toBeUndefined();
    },
  );
});

describe('rewriteLinks', () => {
  const resolve = (href: string) => ({ '/alias/': '/world/b/?a=1&b=2', '/hidden/': null, '/same/': '/same/' })[href];

  test('rewrites or unwraps links as told, keeping their content and other attributes, and leaves the rest byte for byte', () => {
    const html =
      '<p><a href="/alias/" title="T">to <em>B</em></a>, <a href="/hidden/">hidden <strong>story</strong></a>, ' +
      '<a href="/same/">same</a>, <a href="https://example.com/?a=1&#x26;b=2">out</a></p>';
    expect(rewriteLinks(html, resolve)).toBe(
      '<p><a href="/world/b/?a=1&amp;b=2" title="T">to <em>B</em></a>, hidden <strong>story</strong>, ' +
        '<a href="/same/">same</a>, <a href="https://example.com/?a=1&#x26;b=2">out</a></p>',
    );
  });

  test('hands the resolver the href as written, character references decoded', () => {
    const seen: string[] = [];
    rewriteLinks('<a href="/x/?a=1&#x26;b=&#x22;2&#x22;">x</a>', (href) => void seen.push(href));
    expect(seen).toEqual(['/x/?a=1&b="2"']);
  });
});
