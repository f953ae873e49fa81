import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { shareImageWidth } from '../../src/lib/images.ts';
import { loadCorpus } from '../../src/loader/corpus.ts';
import { describeImageSrcProblem, resolveImagePath } from '../../src/pipeline/image-path.ts';
import { formatProblem } from '../../src/pipeline/problems.ts';
import { makeSource, pngHeader, SECTION_SLUGS, TIME_ZONE } from '../helpers/factories.ts';

/** A small image file (its header is all the corpus check reads). */
const IMAGE = pngHeader(40, 30);

describe('describeImageSrcProblem', () => {
  test.each(['/media/photo.jpg', './photo.JPG', 'photo.jpeg', '../media/chart.png', '/media/x.webp', '/media/x.avif'])(
    'accepts %s',
    (src) => {
      expect(describeImageSrcProblem(src)).toBeUndefined();
    },
  );

  test.each([
    ['an https URL', 'https://cdn.example.com/photo.jpg', 'images from other sites are not allowed'],
    ['a protocol-relative URL', '//cdn.example.com/photo.jpg', 'images from other sites are not allowed'],
    ['a data: URL', 'data:image/png;base64,AAAA', 'images from other sites are not allowed'],
    ['a javascript: URL', 'javascript:alert(1)', 'images from other sites are not allowed'],
    ['a query string', '/media/photo.jpg?w=300', 'plain file path'],
    ['a Windows path', 'media\\photo.jpg', 'plain file path'],
    ['an SVG', '/media/logo.svg', 'must be an image file ending in .jpg, .jpeg, .png, .webp, .avif'],
    ['no extension', '/media/photo', 'must be an image file'],
  ])('refuses %s', (_name, src, message) => {
    expect(describeImageSrcProblem(src)).toContain(message);
  });
});

describe('resolveImagePath', () => {
  test.each([
    ['/media/a.jpg', 'content/2025/03/story.md', 'content', { file: 'content/media/a.jpg', fromArticle: '../../media/a.jpg' }],
    ['./a.jpg', 'content/2025/03/story.md', 'content', { file: 'content/2025/03/a.jpg', fromArticle: './a.jpg' }],
    ['a.jpg', 'content/2025/03/story.md', './content/', { file: 'content/2025/03/a.jpg', fromArticle: './a.jpg' }],
    ['../media/a.jpg', 'content/2025/story.md', 'content', { file: 'content/media/a.jpg', fromArticle: '../media/a.jpg' }],
    ['/media/a.jpg', 'tests/.tmp/site/story.md', 'tests/.tmp/site', { file: 'tests/.tmp/site/media/a.jpg', fromArticle: './media/a.jpg' }],
  ])('%s from %s (content folder %s)', (src, article, base, expected) => {
    expect(resolveImagePath(src, article, base)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['../../../etc/photo.jpg', 'content/2025/03/story.md'],
    ['/../src/photo.jpg', 'content/story.md'],
    ['../photo.jpg', 'content/story.md'],
  ])('refuses %s, which leaves the content folder', (src, article) => {
    const result = resolveImagePath(src, article, 'content');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('points outside the content folder content/');
  });
});

// loadCorpus starts worker threads that each load the pipeline.
describe('lead images in a corpus', { timeout: 120_000 }, () => {
  let root: string;
  const options = { base: 'content', sections: SECTION_SLUGS, timeZone: TIME_ZONE, cacheDir: 'cache' };
  const write = async (path: string, text: string | Uint8Array) => {
    await mkdir(dirname(join(root, 'content', path)), { recursive: true });
    await writeFile(join(root, 'content', path), text);
  };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dateline-images-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('a missing file is a content error naming the article, the line of image.src and the file looked for', async () => {
    await write('media/here.jpg', IMAGE);
    await write('2025/ok.md', makeSource({ image: { src: '/media/here.jpg', alt: 'A photo' } }));
    await write('2025/beside.md', makeSource({ slug: 'beside', image: { src: './beside.jpg', alt: 'A photo' } }));
    await write('2025/beside.jpg', IMAGE);
    await write('2025/missing.md', makeSource({ slug: 'missing', image: { src: '/media/gone.jpg', alt: 'A photo' } }));
    await write('2025/wrong-folder.md', makeSource({ slug: 'wrong', image: { src: 'here.jpg', alt: 'A photo' } }));
    const { problems } = await loadCorpus(root, options);
    expect(problems.map((problem) => formatProblem(problem))).toEqual([
      'content/2025/missing.md:9:3  image.src  image.src “/media/gone.jpg” does not exist: no file content/media/gone.jpg; add the image there or correct the path',
      'content/2025/wrong-folder.md:9:3  image.src  image.src “here.jpg” does not exist: no file content/2025/here.jpg; add the image there or correct the path',
    ]);
  });

  test('the content folder may be given as an absolute path: images are found the same way', async () => {
    await write('media/here.jpg', IMAGE);
    await write('2025/ok.md', makeSource({ image: { src: '/media/here.jpg', alt: 'A photo' } }));
    await write('2025/missing.md', makeSource({ slug: 'missing', image: { src: '/media/gone.jpg', alt: 'A photo' } }));
    const relative = await loadCorpus(root, options);
    const absolute = await loadCorpus(root, { ...options, base: join(root, 'content') });
    expect(absolute.problems).toEqual(relative.problems);
    expect(absolute.problems.map((problem) => problem.file)).toEqual(['content/2025/missing.md']);
  });

  test('an unchanged article whose image was deleted is reported on the next run, cache or not', async () => {
    await write('media/here.jpg', IMAGE);
    await write('story.md', makeSource({ image: { src: '/media/here.jpg', alt: 'A photo' } }));
    const first = await loadCorpus(root, options);
    expect(first.problems).toEqual([]);
    await rm(join(root, 'content/media/here.jpg'));
    const second = await loadCorpus(root, options);
    expect(second.parsed).toBe(0);
    expect(second.problems.map((problem) => problem.field)).toEqual(['image.src']);
  });

  test('an image past the pixel limit, or not an image at all, is an error naming the limit or the problem', async () => {
    await write('media/huge.png', pngHeader(20_000, 20_000));
    await write('media/not-an-image.jpg', 'just text');
    await write('huge.md', makeSource({ image: { src: '/media/huge.png', alt: 'A photo' } }));
    await write('text.md', makeSource({ slug: 'text', image: { src: '/media/not-an-image.jpg', alt: 'A photo' } }));
    const { problems } = await loadCorpus(root, options);
    expect(problems.map((problem) => formatProblem(problem))).toEqual([
      expect.stringMatching(
        /^content\/huge\.md:8:3 {2}image\.src {2}image\.src “\/media\/huge\.png” is 20000 × 20000 pixels \(400 megapixels\); a lead image may have at most 100 megapixels/,
      ),
      expect.stringMatching(
        /^content\/text\.md:9:3 {2}image\.src {2}image\.src “\/media\/not-an-image\.jpg” could not be read as an image/,
      ),
    ]);
  });

  test('an image that is a link leading outside the content folder is an error, and never read', async () => {
    await mkdir(join(root, 'secrets'), { recursive: true });
    await writeFile(join(root, 'secrets', 'key.png'), IMAGE);
    await mkdir(join(root, 'content', 'media'), { recursive: true });
    await symlink(join(root, 'secrets', 'key.png'), join(root, 'content', 'media', 'photo.png'));
    await write('linked.md', makeSource({ image: { src: '/media/photo.png', alt: 'A photo' } }));
    const { problems } = await loadCorpus(root, options);
    expect(problems.map((problem) => formatProblem(problem))).toEqual([
      `content/linked.md:8:3  image.src  image.src “/media/photo.png”: content/media/photo.png is a link to ${join(root, 'secrets', 'key.png')}, outside the content folder: the build never reads it; copy the file into the content folder instead`,
    ]);
  });
});

describe('shareImageWidth', () => {
  test.each([
    [3000, 1200],
    [1200, 1200],
    [800, 800],
  ])('an original %i px wide is shared at %i px', (width, expected) => {
    expect(shareImageWidth({ width })).toBe(expected);
  });
});
