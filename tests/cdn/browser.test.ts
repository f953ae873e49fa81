import { chromium, type Browser, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { LEAD_PATH, SEARCH_WORD } from './global-setup.ts';

const { url } = inject('cdn');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A new page that records what the browser reports about security policies: console messages
 * of the page and its workers that mention Content Security Policy or Permissions Policy (a
 * violation reads "Refused to …" or "… violates the following Content Security Policy
 * directive …"), and uncaught errors.
 */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (/Refused to|violates|Content.Security.Policy|Permissions.Policy/i.test(message.text()))
      problems.push(`${message.type()}: ${message.text()}`);
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems };
}

describe('every page type in Chromium, with the host’s headers', () => {
  test.each([
    ['the home page', '/', 200, 'Latest'],
    ['a section front', '/national/', 200, 'National'],
    ['a paginated front', '/national/page/2/', 200, 'National: page 2 of 2'],
    ['an article', LEAD_PATH, 200, 'Council approves the new transit plan'],
    ['a topic page', '/tags/transit/', 200, 'Transit'],
    ['an author page', '/authors/dateline-fixture-desk/', 200, 'Dateline Fixture Desk'],
    ['the 404 page at a missing URL', '/no-such-page/', 404, 'Page not found'],
    ['the 404 page in a section', '/national/no-such-story/', 404, 'Page not found'],
  ])('%s (%s) renders with no policy violation', async (_name, path, status, heading) => {
    const { page, problems } = await watchedPage();
    try {
      const response = await page.goto(`${url}${path}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(status);
      await expect(page.getByRole('heading', { name: heading, exact: true }).first().isVisible()).resolves.toBe(true);
      // The site's stylesheet applies (it takes the skip link out of the flow), and every image,
      // lazy ones too, loads.
      await expect(page.evaluate(() => getComputedStyle(document.querySelector('.skip-link')!).position)).resolves.toBe('absolute');
      await page.evaluate(() => document.querySelectorAll('img').forEach((image) => (image.loading = 'eager')));
      await expect
        .poll(() => page.evaluate(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0)), {
          timeout: 30_000,
        })
        .toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('the search page finds a story with Pagefind, its worker and WebAssembly, with no policy violation', async () => {
    const { page, problems } = await watchedPage();
    try {
      await page.goto(`${url}/search/?q=${SEARCH_WORD}`, { waitUntil: 'load' });
      const search = page.getByRole('search', { name: 'Search this site' });
      const first = search.getByRole('listitem').getByRole('link').first();
      // Without results, say what the browser refused rather than only that nothing came.
      const found = (locator: Locator) =>
        locator.waitFor({ timeout: 60_000 }).catch((error: unknown) => {
          throw new Error(`no search result; policy problems: ${JSON.stringify(problems)}`, { cause: error });
        });
      await found(first);
      await expect(first.textContent()).resolves.toBe('Council approves the new transit plan');
      await expect(first.getAttribute('href')).resolves.toBe(LEAD_PATH);
      // A story of the other search shard, from the merged index.
      await search.getByRole('searchbox', { name: 'Search' }).fill('Leaders meet abroad');
      await found(search.getByRole('link', { name: 'Leaders meet abroad' }));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('a violation is seen: an inline script added to an article is refused and reported', async () => {
    const { page, problems } = await watchedPage();
    try {
      await page.goto(`${url}${LEAD_PATH}`, { waitUntil: 'load' });
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'document.title = "ran";';
        document.body.append(script);
      });
      await expect.poll(() => problems.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(problems[0]).toMatch(/inline script .*Content Security Policy directive 'script-src 'none''/);
      await expect(page.title()).resolves.not.toBe('ran');
    } finally {
      await page.close();
    }
  });
});
