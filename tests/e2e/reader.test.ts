import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CHROMIUM_ARGS } from '../helpers/chromium.ts';

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
    await expect(page.getByRole('region', { name: 'More National Articles' }).getByRole('link', { name: /Carney and Macron/ }).count()).resolves.toBe(1);
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

  test('pages run no JavaScript', async () => {
    await page.goto(`${baseUrl}/national/carney-macron-security-partnership/`);
    await expect(page.evaluate(() => document.scripts.length)).resolves.toBe(0);
  });
});

describe('a reader on a 320 px phone', () => {
  test.each(['/', '/national/', '/national/carney-macron-security-partnership/'])('%s fits without sideways scrolling', async (path) => {
    const phone = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await phone.goto(`${baseUrl}${path}`);
    const { scrollWidth, clientWidth } = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await phone.close();
  });
});
