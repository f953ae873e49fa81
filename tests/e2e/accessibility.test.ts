import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { findAccessibilityViolations, formatViolations } from '../helpers/axe.ts';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { LONG_READ_PATH } from '../helpers/newsroom.ts';

const SITES = { sample: inject('baseUrl'), extended: inject('extendedBaseUrl') };

/**
 * One page of each kind, in the sample newsroom or, for what it lacks, the extended one.
 * Tag, author and search pages join this list when the site has them.
 */
const PAGES: ReadonlyArray<{ name: string; site: keyof typeof SITES; path: string }> = [
  { name: 'home page', site: 'sample', path: '/' },
  { name: 'section front', site: 'sample', path: '/national/' },
  { name: 'section front, page 2', site: 'extended', path: '/national/page/2/' },
  { name: 'article with lead image and full rail', site: 'sample', path: '/national/carney-macron-security-partnership/' },
  { name: 'article without image', site: 'sample', path: '/national/poilievre-50-per-cent-metal-tariffs/' },
  { name: 'article with a table', site: 'sample', path: '/national/tariff-deadlines-what-we-know/' },
  { name: 'long read with figure, quote and list', site: 'extended', path: LONG_READ_PATH },
  { name: 'topic page', site: 'sample', path: '/tags/trade/' },
  { name: 'topics index', site: 'sample', path: '/tags/' },
  { name: 'author page', site: 'sample', path: '/authors/darpan-news-desk/' },
  { name: 'search page', site: 'sample', path: '/search/?q=tariffs' },
  { name: 'not-found page', site: 'sample', path: '/national/no-such-story/' },
];

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 320, height: 640 },
  // The fronts' grid changes at each width; 375 px is the commonest phone (fronts only, see below).
  'phone-375': { width: 375, height: 812 },
} as const;

/** The pages checked at every viewport; the others at `desktop` and `phone`. */
const FRONTS = new Set(['/', '/national/']);

let browser: Browser;
const contexts = new Map<keyof typeof VIEWPORTS, BrowserContext>();

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
  for (const [name, viewport] of Object.entries(VIEWPORTS) as [keyof typeof VIEWPORTS, (typeof VIEWPORTS)[keyof typeof VIEWPORTS]][]) {
    contexts.set(name, await browser.newContext({ viewport }));
  }
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])('axe-core, WCAG 2.2 A and AA, %s', (viewport) => {
  let page: Page;
  beforeAll(async () => {
    page = await contexts.get(viewport)!.newPage();
  });
  afterAll(async () => {
    await page.close();
  });

  test.each(viewport === 'phone-375' ? PAGES.filter((entry) => FRONTS.has(entry.path)) : PAGES)(
    '$name ($path) has no violations',
    async ({ site, path }) => {
      await page.goto(`${SITES[site]}${path}`);
      const violations = await findAccessibilityViolations(page);
      expect(violations, formatViolations(violations)).toEqual([]);
    },
  );
});

describe('the axe-core check', () => {
  test('reports a violation planted in a page, naming the rule and the element', async () => {
    const page = await contexts.get('desktop')!.newPage();
    await page.goto(`${SITES.sample}/national/carney-macron-security-partnership/`);
    await page.evaluate(() => document.querySelector('.lead-image img')?.removeAttribute('alt'));
    const violations = await findAccessibilityViolations(page);
    expect(violations.map((violation) => violation.id)).toEqual(['image-alt']);
    expect(formatViolations(violations)).toBe('image-alt (critical) Images must have alternative text — img[loading="eager"]');
    await page.close();
  });
});

/** Where keyboard focus is, and whether a reader can see it. */
async function describeFocus(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      text: (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      region: element.closest('.rail')
        ? 'rail'
        : element.closest('.article-body')
          ? 'article body'
          : element.closest('article')
            ? 'article'
            : element.closest('main')
              ? 'main'
              : 'outside main',
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)',
      onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
    };
  });
}

describe('a keyboard reader', () => {
  test('tabs from the skip link into the article body and through the rail, always seeing where focus is', async () => {
    const page = await contexts.get('desktop')!.newPage();
    await page.goto(`${SITES.sample}/national/poilievre-50-per-cent-metal-tariffs/`);
    const bylineLinks = await page.locator('.byline a').allTextContents();
    const bodyLinks = await page.locator('.article-body a').allTextContents();
    const topicLinks = await page.locator('.topics a').allTextContents();
    const railLinks = await page.locator('.rail .card-title a').allTextContents();
    expect(bodyLinks.length).toBeGreaterThan(0);
    expect(topicLinks.length).toBeGreaterThan(0);
    expect(railLinks).toHaveLength(6);

    await page.keyboard.press('Tab');
    await expect(describeFocus(page)).resolves.toEqual({
      text: 'Skip to main content',
      region: 'outside main',
      outline: true,
      onScreen: true,
    });
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');

    const stops: Awaited<ReturnType<typeof describeFocus>>[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focus = await describeFocus(page);
      if (focus.region === 'outside main') break;
      stops.push(focus);
    }
    expect(stops.map((stop) => [stop.region, stop.text])).toEqual([
      ['article', 'National'],
      ...bylineLinks.map((text) => ['article', text]),
      ...bodyLinks.map((text) => ['article body', text]),
      ...topicLinks.map((text) => ['article', text]),
      ...railLinks.map((text) => ['rail', text]),
    ]);
    for (const stop of stops) expect(stop, stop.text).toMatchObject({ outline: true, onScreen: true });
    await page.close();
  });
});
