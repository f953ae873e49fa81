import { readFile } from 'node:fs/promises';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { walkFiles } from '../../src/io/walk.ts';
import { buildSite, readPage, TMP_ROOT, type BuildResult } from '../helpers/build.ts';
import { makeSource } from '../helpers/factories.ts';

/**
 * Nothing of an unpublished story reaches the output: not its lead image in any size or format,
 * not its original, not the images and files its body shows or links to, not its search entry,
 * not its aliases, not the photo of a reporter whose only story it is. And of a published story, only the image files its pages name are shipped.
 */

const CONTENT = join(TMP_ROOT, 'unpublished-content');
/** Written into every file of the unpublished stories (names and bytes), so that any trace is found. */
const MARKER = 'UNPUBLISHED-7f3a9c';

/** A PNG of `width` × `height` whose bytes hold `text` (as a metadata chunk). */
async function markedPng(width: number, height: number, text: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .png()
    .withMetadata({ exif: { IFD0: { ImageDescription: text } } })
    .toBuffer();
}

let site: BuildResult;

beforeAll(async () => {
  await rm(CONTENT, { recursive: true, force: true });
  await mkdir(join(CONTENT, 'media'), { recursive: true });
  for (const who of ['draft', 'embargoed']) {
    await writeFile(join(CONTENT, 'media', `${who}-lead-${MARKER}.png`), await markedPng(1600, 1000, `${MARKER} lead`));
    await writeFile(join(CONTENT, 'media', `${who}-chart-${MARKER}.png`), await markedPng(600, 400, `${MARKER} chart`));
    await writeFile(join(CONTENT, 'media', `${who}-report-${MARKER}.pdf`), `%PDF-1.4 ${MARKER} report`);
  }
  // A phone photo, 3024 × 4032: its original is not shipped, and the <img> fallback is mid-size.
  await writeFile(
    join(CONTENT, 'media', 'phone-photo.jpg'),
    await sharp({ create: { width: 3024, height: 4032, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .jpeg()
      .toBuffer(),
  );
  const body = (who: string) =>
    `Body of the ${who} story ${MARKER}.\n\n![A chart](/media/${who}-chart-${MARKER}.png)\n\n[The report](/media/${who}-report-${MARKER}.pdf)\n`;
  await writeFile(
    join(CONTENT, 'draft.md'),
    makeSource(
      {
        title: `Draft headline ${MARKER}`,
        draft: true,
        image: { src: `/media/draft-lead-${MARKER}.png`, alt: 'A lead' },
        tags: [`Draft topic ${MARKER}`],
        aliases: [`/old/draft-${MARKER}/`],
      },
      body('draft'),
    ),
  );
  await writeFile(
    join(CONTENT, 'embargoed.md'),
    makeSource(
      {
        title: `Embargoed headline ${MARKER}`,
        date: '2025-03-25T10:00',
        byline: `Reporter ${MARKER}`,
        image: { src: `/media/embargoed-lead-${MARKER}.png`, alt: 'A lead' },
        aliases: [`/old/embargoed-${MARKER}/`],
      },
      body('embargoed'),
    ),
  );
  // The embargoed story's reporter has a profile with a photo, but no page until the story is published.
  await mkdir(join(CONTENT, 'authors'), { recursive: true });
  await writeFile(join(CONTENT, 'authors', `photo-${MARKER}.png`), await markedPng(400, 400, `${MARKER} photo`));
  await writeFile(
    join(CONTENT, 'authors', 'reporter.yaml'),
    `name: Reporter ${MARKER}\nphoto:\n  src: ./photo-${MARKER}.png\n  alt: A reporter\n`,
  );
  await writeFile(
    join(CONTENT, 'published.md'),
    makeSource(
      { title: 'A published story', image: { src: '/media/phone-photo.jpg', alt: 'A photo' } },
      'Published body.\n\n:::gallery\n![A photo](/media/phone-photo.jpg)\n![Again](/media/phone-photo.jpg "Twice")\n:::\n',
    ),
  );
  await writeFile(join(CONTENT, 'other.md'), makeSource({ title: 'Another published story' }, 'Another body.\n'));
  site = await buildSite('unpublished', CONTENT);
  expect(site.status, site.output).toBe(0);
}, 300_000);

describe('unpublished stories', () => {
  test('no file of the output is named after, or holds the bytes of, anything of a draft or an embargoed story', async () => {
    const files = walkFiles(site.outDir);
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((file) => file.includes(MARKER) || /draft|embargoed/.test(file))).toEqual([]);
    for (const file of files) {
      const bytes = await readFile(join(site.outDir, file));
      expect(bytes.includes(MARKER), file).toBe(false);
      // Search files are compressed: their content is checked too.
      if (file.startsWith('pagefind/') && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        expect(gunzipSync(bytes).includes(MARKER), `${file} (decompressed)`).toBe(false);
      }
    }
  });
});

describe('image files', () => {
  test('every file in /_astro/ is named by some page, stylesheet or feed: no original beside its cut sizes', async () => {
    const files = walkFiles(site.outDir);
    const texts = await Promise.all(
      files.filter((file) => /\.(?:html|xml|css|json|txt)$/.test(file)).map((file) => readFile(join(site.outDir, file), 'utf8')),
    );
    const named = texts.join('\n');
    const shipped = files.filter((file) => file.startsWith('_astro/'));
    expect(shipped.length).toBeGreaterThan(5);
    expect(shipped.filter((file) => !named.includes(`/${file}`))).toEqual([]);
    expect(shipped.filter((file) => /^_astro\/phone-photo\.[^_]+\.jpg$/.test(file))).toEqual([]);
  });

  test("a phone photo's <img> fallback is a mid-size JPEG, and no size is wider than the widest offered", async () => {
    const { tree } = await readPage(site.outDir, '/national/published/');
    const pictures: string[] = [];
    const visit = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
      if (node.type === 'element' && node.tagName === 'img' && String(node.properties?.['src']).includes('phone-photo')) {
        pictures.push(String(node.properties?.['src']));
      }
      for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
    };
    visit(tree as unknown as Parameters<typeof visit>[0]);
    // The lead image, then the two gallery images of the body (cut for the gallery, 640 px fallbacks).
    expect(pictures).toHaveLength(3);
    expect((await sharp(join(site.outDir, pictures[1]!)).metadata()).width).toBe(640);
    const fallback = await sharp(join(site.outDir, pictures[0]!)).metadata();
    expect([fallback.format, fallback.width]).toEqual(['jpeg', 800]);
    for (const file of walkFiles(join(site.outDir, '_astro')).filter((name) => name.startsWith('phone-photo'))) {
      expect((await sharp(join(site.outDir, '_astro', file)).metadata()).width, file).toBeLessThanOrEqual(1200);
    }
  });
});
