import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileOf, urlPathOf } from '../../scripts/quality/dist.ts';
import { findBrokenLinks, formatBrokenLinks, readRedirects } from '../../scripts/quality/links.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

/** A hand-made build with one broken link of each kind (see the files). */
const TINY_DIST = join(PROJECT_ROOT, 'tests/fixtures/tiny-dist');
const SITE_URL = 'https://news.example.com';

describe('urlPathOf and fileOf', () => {
  test.each([
    ['index.html', '/'],
    ['national/index.html', '/national/'],
    ['national/page/2/index.html', '/national/page/2/'],
    ['404.html', '/404.html'],
    ['sitemap-0.xml', '/sitemap-0.xml'],
  ])('%s is served at %s', (file, path) => {
    expect(urlPathOf(file)).toBe(path);
  });

  test('a URL path maps to the file a static host serves, percent-decoded', () => {
    const files = new Set(['index.html', 'national/index.html', 'media/café.jpg']);
    expect(fileOf('/', files)).toBe('index.html');
    expect(fileOf('/national/', files)).toBe('national/index.html');
    expect(fileOf('/media/caf%C3%A9.jpg', files)).toBe('media/café.jpg');
    expect(fileOf('/national', files)).toBeUndefined();
    expect(fileOf('/%E0%A4%A', files)).toBeUndefined();
  });
});

describe('findBrokenLinks', () => {
  test('names every page and link that leads nowhere, and why', async () => {
    await expect(findBrokenLinks(TINY_DIST, { siteUrl: SITE_URL })).resolves.toEqual([
      { page: '/', link: '/national', reason: 'no such file in the build; the page is /national/ (with the trailing slash)' },
      {
        page: '/',
        link: '/national/gone/',
        reason: 'redirects (_redirects) to /national/missing-story/, which leads nowhere: no such file in the build',
      },
      { page: '/national/', link: '/national/story/#byline', reason: 'no element with id “byline” on /national/story/' },
      { page: '/national/story/', link: '/media/photo-2x.jpg', reason: 'no such file in the build' },
      { page: '/national/story/', link: '/national/missing-story/', reason: 'no such file in the build' },
      { page: '/sitemap.xml', link: 'https://news.example.com/national/old-story/', reason: 'no such file in the build' },
    ]);
  });

  test('a path _redirects redirects (an old URL of an article) is a link to its target', async () => {
    const links = (await findBrokenLinks(TINY_DIST, { siteUrl: SITE_URL })).map((b) => b.link);
    expect(links).not.toContain('/national/renamed/');
    expect(links).not.toContain('/national/renamed');
    expect(readRedirects('# comment\n/a /b/ 301\n/a /c/ 301\n\n')).toEqual(new Map([['/a', '/b/']]));
  });

  test('links to the site’s own origin are internal; another site URL makes them external', async () => {
    const broken = await findBrokenLinks(TINY_DIST, { siteUrl: 'https://elsewhere.example.org' });
    expect(broken.map((b) => b.link)).toContain('https://elsewhere.example.org/missing/');
    expect(broken.map((b) => b.link)).not.toContain('https://news.example.com/national/old-story/');
  });

  test('the report is one line per broken link with page, link and reason', () => {
    expect(formatBrokenLinks([{ page: '/national/story/', link: '/national/missing-story/', reason: 'no such file in the build' }])).toBe(
      '1 broken internal link (page  link  reason):\n  /national/story/  /national/missing-story/  no such file in the build',
    );
    expect(formatBrokenLinks([])).toBe('No broken internal links.');
  });
});
