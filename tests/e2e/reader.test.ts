import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { isPublished } from '../../src/lib/articles.ts';
import { articlePath } from '../../src/lib/urls.ts';
import { BuildState } from '../../src/store/build-state.ts';
import { assignShards } from '../../src/lib/search-index.ts';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { LONG_READ_PATH } from '../helpers/newsroom.ts';
import { SEARCH_SHARD_SIZE } from './global-setup.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

describe('a reader in Chromium', () => {
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  test('goes from the home page to a section front, an article and a rail story', async () => {
    await page.goto(`${baseUrl}/`);
    await expect(page.title()).resolves.toBe('Dateline News');
    await expect(page.getByRole('heading', { name: 'Latest', exact: true }).isVisible()).resolves.toBe(true);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'National' }).click();
    await page.waitForURL(`${baseUrl}/national/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('National');

    await page.getByRole('link', { name: 'Carney and Macron agree to deepen intelligence and security co-operation' }).click();
    await page.waitForURL(`${baseUrl}/national/carney-macron-security-partnership/`);
    const headline = page.getByRole('heading', { level: 1 });
    await expect(headline.textContent()).resolves.toBe('Carney and Macron agree to deepen intelligence and security co-operation');
    await expect(page.locator('.byline').innerText()).resolves.toBe('Darpan News Desk The Canadian Press, 17 Mar, 2025 12:40 PM');
    await expect(page.getByRole('img', { name: /maple leaf/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('ADVT').first().isVisible()).resolves.toBe(true);

    const rail = page.getByRole('region', { name: 'More National Articles' });
    const railLinks = rail.getByRole('heading', { level: 3 }).getByRole('link');
    await expect(railLinks.allTextContents()).resolves.toEqual([
      expect.stringContaining('Poilievre calls for 50 per cent metal tariffs'),
      expect.stringContaining('tariff deadlines'),
      expect.stringContaining('Carney demands respect'),
      expect.stringContaining('Doctors'),
      expect.stringContaining('capital gains'),
      expect.stringContaining('RCMP'),
    ]);

    const first = railLinks.first();
    const firstTitle = await first.textContent();
    await first.click();
    await page.waitForURL(/\/national\/poilievre-/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(firstTitle);
    await expect(
      page
        .getByRole('region', { name: 'More National Articles' })
        .getByRole('link', { name: /Carney and Macron/ })
        .count(),
    ).resolves.toBe(1);
  });

  test('the skip link is the first thing a keyboard reaches and moves focus to the content', async () => {
    await page.goto(`${baseUrl}/national/carney-macron-security-partnership/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(skip.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  test('an unknown address gets the 404 page', async () => {
    const response = await page.goto(`${baseUrl}/national/no-such-story/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
  });

  test('an in-page link of a story lands on its heading, whose anchor is in the address', async () => {
    await page.goto(`${inject('extendedBaseUrl')}${LONG_READ_PATH}`);
    const heading = page.getByRole('heading', { level: 2, name: 'What changed' });
    await page.getByRole('link', { name: 'what changed' }).click();
    await expect(page.evaluate(() => window.location.hash)).resolves.toBe('#user-content-what-changed');
    await expect(heading.getAttribute('id')).resolves.toBe('user-content-what-changed');
    // The heading is at the top of the viewport, not below it.
    const box = await heading.boundingBox();
    expect(box && box.y).toBeGreaterThanOrEqual(0);
    expect(box && box.y).toBeLessThan(page.viewportSize()!.height / 2);
  });

  test('story pages run no JavaScript: their only scripts are JSON-LD data', async () => {
    await page.goto(`${baseUrl}/national/carney-macron-security-partnership/`);
    await expect(page.evaluate(() => [...document.scripts].map((script) => script.type))).resolves.toEqual([
      'application/ld+json',
      'application/ld+json',
    ]);
  });
});

describe('the sample newsroom’s pictures', () => {
  // Every section has a fallback image (content/fronts/<section>.jpg), so every card that has a
  // picture slot shows one, as the seed's rail does: on the fronts and in each story's rail.
  test.each([
    '/',
    '/national/',
    '/world/',
    '/business/',
    '/health/',
    '/sports/',
    '/community/',
    '/national/carney-macron-security-partnership/',
  ])('%s: every card with a picture slot has its picture', async (path) => {
    const reader = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await reader.goto(`${baseUrl}${path}`);
    const cards = reader.locator('.front-top-list .card, .rail .card, .home-section .card');
    expect(await cards.count()).toBeGreaterThan(0);
    const withoutPicture = await cards.evaluateAll((nodes) =>
      nodes.filter((node) => !node.querySelector('.card-thumb img')).map((node) => node.querySelector('a')?.textContent),
    );
    expect(withoutPicture).toEqual([]);
    await reader.close();
  });
});

describe('a reader searching', () => {
  test('finds a story by a word of its text on /search/ and follows the result', async () => {
    const reader = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await reader.goto(`${baseUrl}/`);
    await reader.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await reader.waitForURL(`${baseUrl}/search/`);
    const search = reader.getByRole('search', { name: 'Search this site' });
    await search.getByRole('searchbox', { name: 'Search' }).fill('espionage');
    const results = search.getByRole('listitem').getByRole('link');
    await results.first().waitFor();
    await expect(results.allTextContents()).resolves.toEqual(['Carney and Macron agree to deepen intelligence and security co-operation']);
    await results.first().click();
    await reader.waitForURL(`${baseUrl}/national/carney-macron-security-partnership/`);
    await expect(reader.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Carney and Macron agree to deepen intelligence and security co-operation',
    );
    await reader.close();
  });

  test('a link to /search/?q= runs the search on arrival', async () => {
    const reader = await browser.newPage();
    await reader.goto(`${baseUrl}/search/?q=kabaddi`);
    const first = reader.getByRole('search', { name: 'Search this site' }).getByRole('listitem').getByRole('link').first();
    await first.waitFor();
    await expect(first.getAttribute('href')).resolves.toMatch(/^\/sports\/kabaddi-indoor-invitational\/$/);
    await reader.close();
  });

  test('finds stories of every search shard, merged into one list', async () => {
    // The stories the build showed, as the build state keeps them (the build's time is fixed).
    const now = new Date(Date.UTC(2025, 2, 20, 12));
    const stories = [...BuildState.open(inject('cacheDir')).articles().entries().values()]
      .map(({ record }) => record)
      .filter((record) => isPublished(record, now))
      .map((record) => ({ id: record.id, title: record.title, path: articlePath(record) }));
    const shards = assignShards(stories, SEARCH_SHARD_SIZE);
    expect(shards.length).toBeGreaterThan(1);
    const reader = await browser.newPage();
    for (const shard of shards) {
      const story = shard[0]!;
      await reader.goto(`${baseUrl}/search/?q=${encodeURIComponent(story.title)}`);
      const links = reader.getByRole('search', { name: 'Search this site' }).getByRole('listitem').getByRole('link');
      await links.first().waitFor();
      expect(await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href'))), story.title).toContain(story.path);
    }
    // Results of a common word come from several shards.
    await reader.goto(`${baseUrl}/search/?q=tariffs`);
    const links = reader.getByRole('search', { name: 'Search this site' }).getByRole('listitem').getByRole('link');
    await links.first().waitFor();
    const found = new Set(await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href'))));
    expect(shards.filter((shard) => shard.some((story) => found.has(story.path))).length).toBeGreaterThan(1);
    await reader.close();
  });
});

describe('a reader on a 320 px phone', () => {
  test.each(['/', '/national/', '/national/carney-macron-security-partnership/', '/search/?q=tariffs', '/tags/'])(
    '%s fits without sideways scrolling',
    async (path) => {
      const phone = await browser.newPage({ viewport: { width: 320, height: 640 } });
      await phone.goto(`${baseUrl}${path}`);
      const { scrollWidth, clientWidth } = await phone.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await phone.close();
    },
  );
});
