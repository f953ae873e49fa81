import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { walkFiles } from '../../src/io/walk.ts';
import { buildSite, readPage, TMP_ROOT, type BuildResult } from '../helpers/build.ts';
import { makeSource } from '../helpers/factories.ts';

/**
 * Author profiles, embeds, figures and galleries in a built site:
 * - Jane Doe (a profile with a photo and links) files a story with a figure, a gallery, a video
 *   with a poster and a post; Darpan News Desk (a profile without a photo) files another;
 * - Sam Draft has a profile with a photo but only a draft story, so no author page.
 */
const CONTENT = join(TMP_ROOT, 'authors-embeds-content');
const SITE = 'https://news.example.com';

async function write(path: string, text: string | Buffer) {
  await mkdir(dirname(join(CONTENT, path)), { recursive: true });
  await writeFile(join(CONTENT, path), text);
}

/** A JPEG of `width` × `height` in one colour. */
const jpeg = (width: number, height: number, r: number) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 120 } } })
    .jpeg()
    .toBuffer();

const jsonLd = (tree: Root) =>
  selectAll('script[type="application/ld+json"]', tree).map((node) => JSON.parse(toText(node)) as Record<string, unknown>);
const attributes = (node: Element | undefined) => node?.properties ?? {};

let site: BuildResult;

beforeAll(async () => {
  await rm(CONTENT, { recursive: true, force: true });
  await write('media/figure.jpg', await jpeg(1600, 1000, 200));
  await write('media/one.jpg', await jpeg(1500, 1000, 100));
  await write('media/two.jpg', await jpeg(900, 1200, 150));
  await write('media/poster.jpg', await jpeg(1920, 1080, 50));
  await write('authors/jane.jpg', await jpeg(600, 600, 220));
  await write('authors/sam-draft-photo.jpg', await jpeg(500, 500, 30));
  await write(
    'authors/jane-doe.yaml',
    'name: Jane Doe\nrole: City hall reporter\nbio: Covers council.\nphoto:\n  src: ./jane.jpg\n  alt: Jane Doe smiling\nlinks:\n  - label: Mastodon\n    url: https://social.example/@jane\n  - https://jane.example\n',
  );
  await write('authors/desk.yaml', 'name: Darpan News Desk\nrole: News desk\n');
  await write('authors/sam.yaml', 'name: Sam Draft\nphoto:\n  src: ./sam-draft-photo.jpg\n  alt: Sam\n');
  await write(
    'story.md',
    makeSource(
      { title: 'Council story', byline: 'Jane Doe' },
      [
        'First paragraph.',
        ':::figure{credit="Photo: Staff"}\n![The council chamber](/media/figure.jpg)\n\nCouncil met on *Monday*.\n:::',
        ':::gallery\n![One](/media/one.jpg "First")\n![Two](/media/two.jpg)\n\nTwo views.\n:::',
        '::youtube[The vote, in full]{id=dQw4w9WgXcQ poster=/media/poster.jpg}',
        '::post[We voted yes.]{url="https://bsky.app/profile/council.example/post/3kabc?ref=x"}',
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
      ].join('\n\n'),
    ),
  );
  await write('desk.md', makeSource({ title: 'Desk story', slug: 'desk-story', date: '2025-03-16T10:00' }));
  await write('draft.md', makeSource({ title: 'Draft story', slug: 'draft-story', byline: 'Sam Draft', draft: true }));
  site = await buildSite('authors-embeds', CONTENT);
  expect(site.status, site.output).toBe(0);
}, 300_000);

describe('author pages', () => {
  test('a profiled author’s page shows the photo, name, role, bio and links, and is a ProfilePage', async () => {
    const { tree } = await readPage(site.outDir, '/authors/jane-doe/');
    expect(toText(select('.author-profile h1', tree)!)).toBe('Jane Doe');
    expect(toText(select('.author-role', tree)!)).toBe('City hall reporter');
    expect(toText(select('.author-bio', tree)!).trim()).toBe('Covers council.');
    expect(selectAll('.author-links a', tree).map((a) => [toText(a).trim(), a.properties['href'], a.properties['rel']])).toEqual([
      ['Mastodon', 'https://social.example/@jane', ['me']],
      ['jane.example', 'https://jane.example', ['me']],
    ]);
    const photo = select('.author-photo img', tree)!;
    expect(attributes(photo)).toMatchObject({ alt: 'Jane Doe smiling', width: 240, height: 240, loading: 'eager' });
    expect(selectAll('.card-title', tree).map((node) => node.tagName)).toEqual(['h3']);
    const [profile] = jsonLd(tree);
    expect(profile).toMatchObject({
      '@type': 'ProfilePage',
      mainEntity: {
        '@type': 'Person',
        name: 'Jane Doe',
        url: `${SITE}/authors/jane-doe/`,
        jobTitle: 'City hall reporter',
        description: 'Covers council.',
        sameAs: ['https://social.example/@jane', 'https://jane.example'],
      },
    });
    expect(existsSync(join(site.outDir, String(photo.properties['src'])))).toBe(true);
  });

  test('a desk’s profile makes an Organization; a name without a profile keeps the plain list page', async () => {
    const desk = await readPage(site.outDir, '/authors/darpan-news-desk/');
    expect(jsonLd(desk.tree)[0]).toMatchObject({ mainEntity: { '@type': 'Organization', name: 'Darpan News Desk' } });
    expect(select('.author-photo', desk.tree)).toBeUndefined();
    expect(existsSync(join(site.outDir, 'authors/sam-draft/index.html'))).toBe(false);
  });

  test('the article names its profiled author with sameAs and jobTitle', async () => {
    const { tree } = await readPage(site.outDir, '/national/story/');
    const [news] = jsonLd(tree);
    expect(news!['author']).toEqual([
      {
        '@type': 'Person',
        name: 'Jane Doe',
        url: `${SITE}/authors/jane-doe/`,
        jobTitle: 'City hall reporter',
        sameAs: ['https://social.example/@jane', 'https://jane.example'],
      },
    ]);
    expect(selectAll('.byline a', tree).map((a) => a.properties['href'])).toEqual(['/authors/jane-doe/']);
  });
});

describe('figures, galleries and embeds', () => {
  test('body images are pictures cut by the pipeline: modern formats, their size, lazy; no mark and no copy of the original left', async () => {
    const { html, tree } = await readPage(site.outDir, '/national/story/');
    expect(html).not.toContain('data-dateline-image');
    const figure = select('.article-body figure.figure', tree)!;
    expect(selectAll('source', figure).map((source) => source.properties['type'])).toEqual(['image/avif', 'image/webp']);
    expect(attributes(select('img', figure))).toMatchObject({ alt: 'The council chamber', width: 800, height: 500, loading: 'lazy' });
    expect(toText(select('figcaption', figure)!)).toBe('Council met on Monday. Photo: Staff');
    const gallery = selectAll('.gallery .gallery-item img', tree).map((img) => [
      img.properties['alt'],
      img.properties['width'],
      img.properties['height'],
    ]);
    expect(gallery).toEqual([
      ['One', 640, 427],
      ['Two', 640, 853],
    ]);
    const poster = select('.embed-video .embed-link img', tree)!;
    expect(attributes(poster)).toMatchObject({ alt: '', width: 800, height: 450, loading: 'lazy' });
    expect(existsSync(join(site.outDir, 'media'))).toBe(false);
  });

  test('a video is a link to it and a post a quote linking to it; no frame, no script', async () => {
    const { html, tree } = await readPage(site.outDir, '/national/story/');
    const video = select('.embed-video a', tree)!;
    expect(video.properties['href']).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(toText(video).replace(/\s+/g, ' ').trim()).toBe('The vote, in full Watch on YouTube');
    expect(select('.embed-post blockquote', tree)?.properties['cite']).toBe('https://bsky.app/profile/council.example/post/3kabc');
    expect(toText(select('.embed-post figcaption', tree)!)).toBe('Post by @council.example on Bluesky');
    expect(html).not.toMatch(/<iframe|<script(?![^>]*application\/ld\+json)/);
    expect(site.output).toContain('an <iframe> is removed');
    expect(site.output).toContain('::youtube[What the video shows]{id=dQw4w9WgXcQ}');
  });

  test('every image file shipped is named by a page, and nothing of the draft’s author reaches the output', async () => {
    const files = walkFiles(site.outDir);
    const texts = await Promise.all(
      files.filter((file) => /\.(?:html|xml|css)$/.test(file)).map((file) => readFile(join(site.outDir, file), 'utf8')),
    );
    const named = texts.join('\n');
    expect(files.filter((file) => file.startsWith('_astro/') && !named.includes(`/${file}`))).toEqual([]);
    expect(files.filter((file) => /sam-draft|figure\.[^_]+\.jpg$|poster\.[^_]+\.jpg$/.test(file))).toEqual([]);
  });

  test('the page policy still allows no frame and images from the site only: facades load nothing from the providers', async () => {
    const headers = await readFile(join(site.outDir, '_headers'), 'utf8');
    expect(headers).toContain("img-src 'self'; frame-src 'none'");
  });
});
