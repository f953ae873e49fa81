import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, PROJECT_ROOT, readPage, TMP_ROOT, type BuildResult } from '../helpers/build.ts';
import { scanSite } from '../helpers/scan-output.ts';

/**
 * Every hostile fixture that renders (tests/fixtures/hostile/<case>/expected.json) is published
 * as an article of one newsroom, and the whole built site is scanned.
 */
const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures/hostile');
const CONTENT = join(TMP_ROOT, 'hostile-content');
const rendering = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'expected.json')));
let site: BuildResult;

beforeAll(async () => {
  await rm(CONTENT, { recursive: true, force: true });
  await mkdir(CONTENT, { recursive: true });
  for (const name of rendering) await copyFile(join(FIXTURES, name, 'input.md'), join(CONTENT, `${name}.md`));
  await mkdir(join(CONTENT, 'media'), { recursive: true });
  const photo = join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg');
  // The images the fixtures show (directives-allowed's poster, figure and gallery among them).
  for (const name of ['carney-macron-paris.jpg', 'still.jpg', 'a.jpg', 'one.jpg']) await copyFile(photo, join(CONTENT, 'media', name));
  await sharp(photo).png().toFile(join(CONTENT, 'media/two.png'));
  site = await buildSite('hostile', CONTENT);
  if (site.status !== 0) throw new Error(`build failed:\n${site.output}`);
});

describe('hostile content in a built site', () => {
  test('every rendering case is published', () => {
    expect(rendering.length).toBeGreaterThanOrEqual(12);
    for (const name of rendering) expect(existsSync(join(site.outDir, 'national', name, 'index.html')), name).toBe(true);
  });

  test('no executable script, event handler or script URL from content reaches any HTML, XML or JSON file', async () => {
    const { files, findings } = await scanSite(site.outDir);
    expect(files).toBeGreaterThan(rendering.length);
    expect(findings).toEqual([]);
  });

  test('hostile frontmatter values are shown as text', async () => {
    const { html } = await readPage(site.outDir, '/national/hostile-frontmatter-values/');
    const escapedTitle = '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt;';
    expect(html).toContain(`<h1 class="headline" id="headline">${escapedTitle}</h1>`);
    expect(/<title>(.*?)<\/title>/.exec(html)?.[1]).toBe(`${escapedTitle} | Dateline News`);
    expect(html).toContain('alt="&quot; onerror=&quot;alert(7)"');
    expect(html).toContain('rel="author">&lt;img src=x onerror=alert(2)&gt;</a>');
    expect(html).toContain('<figcaption>&lt;iframe src=https://evil.example&gt;&lt;/iframe&gt;');
  });

  test('the hostile article files themselves are unchanged', async () => {
    const source = await readFile(join(CONTENT, 'raw-script.md'), 'utf8');
    expect(source).toContain('<script>alert(document.cookie)</script>');
  });
});
