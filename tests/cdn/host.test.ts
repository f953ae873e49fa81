import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import {
  CACHE_IMMUTABLE,
  CACHE_SHORT,
  COMMON_HEADERS,
  contentSecurityPolicy,
  formatPolicy,
  inlineScriptHashes,
  RSS_CONTENT_TYPE,
  XML_CONTENT_TYPE,
} from '../../src/lib/cdn.ts';
import { listFiles } from '../helpers/build.ts';
import { LEAD_ALIASES, LEAD_PATH, WORLD_ALIASES, WORLD_PATH } from './global-setup.ts';

const { url, outDir, wranglerOutput } = inject('cdn');
const HTML = 'text/html; charset=utf-8';
const PAGE_POLICY = formatPolicy(contentSecurityPolicy());

/** One plain HTTP request to the emulator, redirects not followed. */
async function request(path: string) {
  const response = await fetch(`${url}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, header, body };
}

const files = await listFiles(outDir);
const asset = (pattern: RegExp) => `/${files.find((file) => pattern.test(file))}`;

describe('wrangler pages dev serving the CDN newsroom', () => {
  test('reads every _headers rule and every _redirects line, and reports nothing invalid', async () => {
    const headerRules = (await readFile(join(outDir, '_headers'), 'utf8')).split('\n').filter((line) => line.startsWith('/')).length;
    const redirects = (await readFile(join(outDir, '_redirects'), 'utf8')).split('\n').filter((line) => line.startsWith('/')).length;
    expect(redirects).toBe(2 * LEAD_ALIASES.length - 1 + 2 * WORLD_ALIASES.length);
    expect(wranglerOutput).toContain(`Parsed ${headerRules} valid header rules.`);
    expect(wranglerOutput).toContain(`Parsed ${redirects} valid redirect rules.`);
    expect(wranglerOutput).not.toMatch(/invalid|ignoring|maximum number/i);
  });

  test.each([
    ['the home page', '/', HTML, CACHE_SHORT],
    ['a section front', '/national/', HTML, CACHE_SHORT],
    ['a paginated front', '/national/page/2/', HTML, CACHE_SHORT],
    ['an article', LEAD_PATH, HTML, CACHE_SHORT],
    ['a topic page', '/tags/transit/', HTML, CACHE_SHORT],
    ['an author page', '/authors/dateline-fixture-desk/', HTML, CACHE_SHORT],
    ['the search page', '/search/', HTML, CACHE_SHORT],
    ['a stylesheet', asset(/^_astro\/.*\.css$/), 'text/css; charset=utf-8', CACHE_IMMUTABLE],
    ['an image', asset(/^_astro\/.*\.jpg$/), 'image/jpeg', CACHE_IMMUTABLE],
    ['the site feed', '/rss.xml', RSS_CONTENT_TYPE, CACHE_SHORT],
    ['the National feed', '/national/rss.xml', RSS_CONTENT_TYPE, CACHE_SHORT],
    ['the World feed', '/world/rss.xml', RSS_CONTENT_TYPE, CACHE_SHORT],
    ['the Business feed', '/business/rss.xml', RSS_CONTENT_TYPE, CACHE_SHORT],
    ['the sitemap index', '/sitemap-index.xml', XML_CONTENT_TYPE, CACHE_SHORT],
    ['a sitemap', '/sitemap-0.xml', XML_CONTENT_TYPE, CACHE_SHORT],
    ['the news sitemap', '/news-sitemap.xml', XML_CONTENT_TYPE, CACHE_SHORT],
    ['robots.txt', '/robots.txt', 'text/plain; charset=utf-8', CACHE_SHORT],
    ['the search index entry', '/pagefind/0/pagefind-entry.json', 'application/json', CACHE_SHORT],
    ['the search worker', '/pagefind/0/pagefind-worker.js', 'application/javascript', CACHE_SHORT],
    ['a search index file', asset(/^pagefind\/1\/index\/.*\.pf_index$/), 'application/octet-stream', CACHE_SHORT],
  ])('%s (%s): 200, %s, %s', async (_name, path, type, cache) => {
    const response = await request(path);
    expect(response.status).toBe(200);
    expect(response.header('content-type')).toBe(type);
    expect(response.header('cache-control')).toBe(cache);
    expect(response.header('location')).toBeNull();
  });

  test('every feed the build wrote is served as RSS, every other XML file as XML', async () => {
    const xml = files.filter((file) => file.endsWith('.xml'));
    expect(xml.filter((file) => file.endsWith('rss.xml')).length).toBeGreaterThanOrEqual(7);
    for (const file of xml) {
      const response = await request(`/${file}`);
      expect(response.header('content-type'), file).toBe(file.endsWith('rss.xml') ? RSS_CONTENT_TYPE : XML_CONTENT_TYPE);
    }
  });

  test('every response carries the common security headers: pages, files, redirects and 404s', async () => {
    for (const path of ['/', LEAD_PATH, '/rss.xml', asset(/^_astro\/.*\.css$/), LEAD_ALIASES[0], '/national', '/no-such-page/']) {
      const response = await request(path);
      for (const [name, value] of COMMON_HEADERS) expect(response.header(name), `${path} ${name}`).toBe(value);
    }
  });

  test('pages, files and feeds get the page policy: no scripts, styles and images from the site, never framed', async () => {
    for (const path of [
      '/',
      '/national/',
      '/national/page/2/',
      LEAD_PATH,
      '/tags/transit/',
      '/authors/',
      '/rss.xml',
      '/national/rss.xml',
      '/404',
    ]) {
      expect((await request(path)).header('content-security-policy'), path).toBe(PAGE_POLICY);
    }
  });

  test('the search page and its index get the search policy: the site’s own scripts, no inline script', async () => {
    const page = await request('/search/');
    const hashes = inlineScriptHashes(page.body);
    expect(hashes).toEqual([]);
    const policy = formatPolicy(contentSecurityPolicy({ search: { inlineScriptHashes: hashes } }));
    expect(page.header('content-security-policy')).toBe(policy);
    expect(policy).not.toContain('unsafe-inline');
    expect((await request('/pagefind/0/pagefind-worker.js')).header('content-security-policy')).toBe(policy);
  });

  describe('aliases', () => {
    const cases = [
      ...LEAD_ALIASES.map((alias) => [alias, LEAD_PATH] as const),
      ...WORLD_ALIASES.map((alias) => [alias, WORLD_PATH] as const),
    ];
    const shapes = cases.flatMap(([alias, target]) =>
      alias.endsWith('.html')
        ? [[alias, target] as const]
        : [[alias, target] as const, [alias.endsWith('/') ? alias.slice(0, -1) : `${alias}/`, target] as const],
    );

    test.each(shapes)('%s redirects permanently to %s', async (path, target) => {
      const response = await request(path);
      expect(response.status).toBe(301);
      expect(response.header('location')).toBe(target);
      expect((await request(target)).status).toBe(200);
    });

    test.each(shapes)('%s keeps the query string', async (path, target) => {
      const response = await request(`${path}?utm_source=newsletter&ref=a%20b`);
      expect(response.status).toBe(301);
      expect(response.header('location')).toBe(`${target}?utm_source=newsletter&ref=a%20b`);
    });

    test('an alias with a file extension redirects only as written', async () => {
      expect((await request('/2019/03/lead')).status).toBe(404);
      expect((await request('/2019/03/lead.html/')).status).toBe(404);
    });
  });

  describe('addresses without their trailing slash and missing pages', () => {
    test.each([
      ['/national', '/national/'],
      ['/national/lead', LEAD_PATH],
      ['/search', '/search/'],
    ])('%s leads to %s with one 308, and that page answers 200', async (path, target) => {
      const response = await request(path);
      expect(response.status).toBe(308);
      expect(response.header('location')).toBe(target);
      expect((await request(target)).status).toBe(200);
    });

    test.each(['/no-such-page/', '/no-such-page', '/national/no-such-story/', '/search/no-such-page/', '/2019/03/other.html'])(
      '%s answers 404 with the 404 page, not cached, and its own policy',
      async (path) => {
        const response = await request(path);
        expect(response.status).toBe(404);
        expect(response.header('content-type')).toBe(HTML);
        expect(response.header('cache-control')).toBe('no-store');
        expect(response.body).toContain('<h1 class="page-title">Page not found</h1>');
        expect(response.body).toContain(
          `<meta http-equiv="Content-Security-Policy" content="${formatPolicy(contentSecurityPolicy(), 'meta')}">`,
        );
      },
    );

    test('the host also serves the 404 page at /404 (200) and /404.html (308 to /404), and nothing links there', async () => {
      expect((await request('/404')).status).toBe(200);
      const html = await request('/404.html');
      expect(html.status).toBe(308);
      expect(html.header('location')).toBe('/404');
      for (const file of files.filter((file) => /\.(html|xml)$/.test(file))) {
        const text = await readFile(join(outDir, file), 'utf8');
        expect(text, file).not.toMatch(/(href="|<loc>)[^"<]*\/404(\.html)?\/?["<]/);
      }
    });
  });

  test('the built pages need nothing the policies refuse: no inline style, no script but the search page’s', async () => {
    for (const file of files.filter((file) => file.endsWith('.html'))) {
      const html = await readFile(join(outDir, file), 'utf8');
      expect(html, file).not.toMatch(/<style[\s>]|\sstyle=/);
      const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !tag.includes('type="application/ld+json"'));
      expect(scripts, file).toEqual(
        file === 'search/index.html' ? [expect.stringMatching(/^<script type="module" src="\/_astro\/[\w.-]+\.js">$/)] : [],
      );
    }
  });
});
