import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { findAccessibilityViolations, formatViolations } from '../helpers/axe.ts';
import { measureLayoutShift } from '../helpers/layout-shift.ts';

const baseUrl = inject('baseUrl');

/** The sample's story with a video facade, a gallery and a quoted post, and a profiled author's page. */
const ARTICLE = '/community/lantern-walk-bear-creek/';
const AUTHOR = '/authors/priya-sandhu/';

const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 900 },
} as const;

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.entries(VIEWPORTS))('an article with an embed and a gallery, and an author page, at %s width', (_, viewport) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport });
  });
  afterAll(async () => {
    await context.close();
  });

  test.each([ARTICLE, AUTHOR])('%s has no axe-core violations and fits without sideways scrolling', async (path) => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`);
    const violations = await findAccessibilityViolations(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.close();
  });

  test.concurrent.for([ARTICLE, AUTHOR])('%s: nothing shifts as its images load', async (path, { expect }) => {
    const page = await context.newPage();
    expect(await measureLayoutShift(page, `${baseUrl}${path}`)).toBe(0);
    await page.close();
  });
});

describe('a reader of the article', () => {
  test('finds the video as a link to it, the gallery in modern formats loaded as they scroll, and no frame or script', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${baseUrl}${ARTICLE}`);
    const video = page.getByRole('link', { name: 'The lantern walk from the bridge, in two minutes Watch on YouTube' });
    await expect(video.getAttribute('href')).resolves.toBe('https://www.youtube.com/watch?v=DatelineS01');
    const gallery = page.getByRole('figure').filter({ hasText: 'Scenes from Saturday' });
    await expect(gallery.getByRole('img').count()).resolves.toBe(4);
    await expect(page.locator('iframe, script:not([type="application/ld+json"])').count()).resolves.toBe(0);
    await gallery.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.querySelectorAll('.gallery img')].every((image) => (image as HTMLImageElement).complete));
    const sources = await gallery.locator('img').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).currentSrc));
    for (const source of sources) expect(source).toMatch(/\/_astro\/lantern-walk-[a-z]+\.[\w-]+\.avif$/);
    // Nothing was asked of another host: the facades link out, they load nothing.
    expect(requests.filter((url) => !url.startsWith(baseUrl))).toEqual([]);
    await page.close();
  });

  test('goes from the byline to the author’s page, which shows her profile', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await page.goto(`${baseUrl}${ARTICLE}`);
    await page.locator('.byline').getByRole('link', { name: 'Priya Sandhu' }).click();
    await page.waitForURL(`${baseUrl}${AUTHOR}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Priya Sandhu');
    await expect(page.getByText('Community reporter').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('img', { name: /a woman with long dark hair/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Mastodon' }).getAttribute('rel')).resolves.toBe('me');
    await page.close();
  });
});
