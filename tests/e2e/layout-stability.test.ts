import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { layoutShiftSoFar, layoutShiftSources, measureLayoutShift, observeLayoutShift } from '../helpers/layout-shift.ts';
import { LONG_READ_PATH } from '../helpers/newsroom.ts';

const SITES = { sample: inject('baseUrl'), extended: inject('extendedBaseUrl') };

/**
 * Pages with every kind of image and ad slot: the home page and a section front (a front's lead
 * image, thumbnails and fallback images, the date strip and the banner), lead images, inline
 * figures and galleries, video cards, profile photos, both ad formats.
 */
const PAGES: ReadonlyArray<{ site: keyof typeof SITES; path: string }> = [
  { site: 'sample', path: '/' },
  { site: 'sample', path: '/national/' },
  { site: 'sample', path: '/national/carney-macron-security-partnership/' },
  // A video card and a gallery in the body, and an author page with a profile photo.
  { site: 'sample', path: '/community/lantern-walk-bear-creek/' },
  { site: 'sample', path: '/authors/priya-sandhu/' },
  { site: 'extended', path: LONG_READ_PATH },
];

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['desktop', { width: 1280, height: 900 }, PAGES],
  ['phone', { width: 320, height: 640 }, PAGES],
  // The fronts' grid changes at each width; 375 px is the commonest phone.
  ['375 px phone', { width: 375, height: 812 }, PAGES],
] as const)('nothing shifts as a page loads (%s)', (_, viewport, pages) => {
  beforeAll(async () => {
    context = await browser.newContext({ viewport });
  });
  afterAll(async () => {
    await context.close();
  });

  // Concurrent: most of each measurement is waiting for the held-back images.
  test.concurrent.for(pages)('$path: images and ad slots have their space before they load', async ({ site, path }, { expect }) => {
    const page = await context.newPage();
    expect(await measureLayoutShift(page, `${SITES[site]}${path}`), (await layoutShiftSources(page)).join('\n')).toBe(0);
    await page.close();
  });
});

describe('the search page', () => {
  // Pagefind's UI builds its form, then its results, after the page has laid out: the space they
  // take is reserved, so the footer below does not jump (shifts within 500 ms of typing would not
  // count; a search run on arrival by ?q= would).
  test.for([
    ['desktop', { width: 1280, height: 900 }],
    ['375 px phone', { width: 375, height: 812 }],
  ] as const)('nothing shifts while results load from ?q= (%s)', async ([, viewport]) => {
    const page = await browser.newPage({ viewport });
    await observeLayoutShift(page);
    await page.goto(`${SITES.sample}/search/?q=tariffs`);
    await page.getByRole('search', { name: 'Search this site' }).getByRole('listitem').getByRole('link').first().waitFor();
    await page.waitForTimeout(500);
    expect(await layoutShiftSoFar(page), (await layoutShiftSources(page)).join('\n')).toBe(0);
    await page.close();
  });
});

describe('the layout shift measurement', () => {
  test('sees the shift an image without dimensions causes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(`${SITES.sample}/shift-demo/`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>Shift</title><p>Before</p><img src="/logo.png" alt=""><p>After</p></html>',
      }),
    );
    expect(await measureLayoutShift(page, `${SITES.sample}/shift-demo/`)).toBeGreaterThan(0);
    await page.close();
  });
});

describe('ad slots', () => {
  // The height of each format is fixed; the width is the format's, or the page's where narrower.
  test.each([
    ['desktop', { width: 1280, height: 900 }, 728, 300],
    ['phone', { width: 320, height: 640 }, 320, 288],
  ] as const)('keep their full size reserved while empty (%s)', async (_, viewport, leaderboardWidth, rectangleWidth) => {
    const page = await browser.newPage({ viewport });
    await page.goto(`${SITES.sample}/national/carney-macron-security-partnership/`);
    const leaderboard = await page.locator('.ad-leaderboard').boundingBox();
    const rectangle = await page.locator('.ad-rectangle').boundingBox();
    expect(leaderboard).toMatchObject({ width: leaderboardWidth, height: 90 });
    expect(rectangle).toMatchObject({ width: rectangleWidth, height: 250 });
    await page.close();
  });
});
