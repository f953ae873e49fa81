/**
 * `npm run screenshots`: photographs the built site (`dist/`, from `npm run build`) at a phone's
 * and a desktop's width with Debian's Chromium, into `docs/screenshots/<page>-<width>.jpg`, for
 * the README and for reviewing a layout change: the top of the home page, a section front (with
 * its pin and the breaking-news banner), an article (the seed's wire story), an article's video
 * and gallery, an author page and the search page with results.
 *
 * Options: `--dist D` the built site (default `dist`); `--out O` the folder (default `docs/screenshots`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/serve.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** The pages photographed, by name: one of each kind a reader meets first. */
const PAGES: ReadonlyArray<{ name: string; path: string; scrollTo?: string; waitFor?: string }> = [
  { name: 'home', path: '/' },
  { name: 'section-front', path: '/national/' },
  { name: 'article', path: '/national/carney-macron-security-partnership/' },
  // The body's video card and gallery, further down the story.
  { name: 'article-embeds', path: '/community/lantern-walk-bear-creek/', scrollTo: '.embed-title' },
  { name: 'author', path: '/authors/priya-sandhu/' },
  { name: 'search', path: '/search/?q=tariffs', waitFor: '.search-result' },
];

/** A phone's width and a desktop's. */
const WIDTHS = [375, 1280] as const;

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string', default: 'docs/screenshots' } },
});
const dist = resolve(ROOT, values.dist);
const out = resolve(ROOT, values.out);
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`${dist} holds no built site: run npm run build first.`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });

const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
try {
  for (const width of WIDTHS) {
    // What a reader sees in the first screens: two phone screens, one and a half desktop screens.
    const page = await browser.newPage({ viewport: { width, height: width < 800 ? 1400 : 1200 }, deviceScaleFactor: 1 });
    for (const { name, path, scrollTo, waitFor } of PAGES) {
      const response = await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
      if (scrollTo) {
        await page
          .locator(scrollTo)
          .first()
          .evaluate((element) => {
            element.closest('figure, aside, div')?.scrollIntoView({ block: 'start' });
            scrollBy(0, -24);
          });
      }
      if (waitFor) await page.locator(waitFor).first().waitFor();
      // Every image in view loaded and decoded (lazy ones too), so none is photographed blank.
      await page.evaluate(async () => {
        const inView = [...document.images].filter((image) => {
          const box = image.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight;
        });
        for (const image of inView) image.loading = 'eager';
        await Promise.all(inView.map((image) => image.decode().catch(() => undefined)));
      });
      const file = join(out, `${name}-${width}.jpg`);
      await page.screenshot({ path: file, type: 'jpeg', quality: 60 });
      console.log(`${path} at ${width} px → ${file}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
