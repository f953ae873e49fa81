import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isOwned } from '../../src/integrations/kept-output.ts';
import { removeOtherSitemaps } from '../../src/integrations/sitemap.ts';
import {
  isSitemapPage,
  latestLastmod,
  renderNewsSitemap,
  renderRobotsTxt,
  selectNewsArticles,
  SITEMAP_FILE,
  sitemapFiles,
} from '../../src/lib/sitemaps.ts';
import { newsSitemapPath, sitemapIndexPath } from '../../src/lib/urls.ts';
import { makeArticle } from '../helpers/factories.ts';
import { parseXml } from '../helpers/xml.ts';

describe('isSitemapPage', () => {
  test.each([
    ['/', true],
    ['/national/', true],
    ['/national/carney-macron/', true],
    ['/tags/trade/page/2/', true],
    ['/search/', false],
    ['/404/', false],
    ['/500/', false],
    ['/_redirects/', false],
    ['/rss.xml', false],
    ['/national/rss.xml', false],
  ])('%s → %s', (path, expected) => {
    expect(isSitemapPage(path)).toBe(expected);
  });
});

describe('sitemapFiles', () => {
  const site = 'https://n.example';

  test('lists every URL once in natural order, with lastmod in UTC, and an index of the files', () => {
    const { index, files } = sitemapFiles(
      [
        { url: `${site}/tags/a/page/10/` },
        { url: `${site}/national/b/`, lastmod: '2025-03-17T12:40:00-07:00' },
        { url: `${site}/tags/a/page/2/` },
        { url: `${site}/national/a&b/`, lastmod: '2025-03-18T09:00:00-07:00' },
      ],
      site,
      [`${site}/news-sitemap.xml`],
    );
    expect(files.map((file) => file.path)).toEqual(['/sitemap-0.xml']);
    const urls = parseXml(files[0]!.xml, ['url'])['urlset'];
    expect(urls['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urls['url']).toEqual([
      { loc: `${site}/national/a&b/`, lastmod: '2025-03-18T16:00:00.000Z' },
      { loc: `${site}/national/b/`, lastmod: '2025-03-17T19:40:00.000Z' },
      { loc: `${site}/tags/a/page/2/` },
      { loc: `${site}/tags/a/page/10/` },
    ]);
    expect(parseXml(index, ['sitemap'])['sitemapindex']['sitemap']).toEqual([
      { loc: `${site}/news-sitemap.xml` },
      { loc: `${site}/sitemap-0.xml`, lastmod: '2025-03-18T16:00:00.000Z' },
    ]);
  });

  test('splits past the limit into numbered files, each dated by its own latest change', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ url: `${site}/p${i}/`, lastmod: `2025-03-0${i + 1}T00:00:00Z` }));
    const { index, files } = sitemapFiles(entries, site, [], 2);
    expect(files.map((file) => file.path)).toEqual(['/sitemap-0.xml', '/sitemap-1.xml', '/sitemap-2.xml']);
    expect(files.map((file) => parseXml(file.xml, ['url'])['urlset']['url'].length)).toEqual([2, 2, 1]);
    expect(parseXml(index, ['sitemap'])['sitemapindex']['sitemap'].map((entry: { lastmod: string }) => entry.lastmod)).toEqual([
      '2025-03-02T00:00:00.000Z',
      '2025-03-04T00:00:00.000Z',
      '2025-03-05T00:00:00.000Z',
    ]);
  });

  test('a kept output folder keeps only the sitemap files this build wrote; the output record leaves them to the sitemap', async () => {
    const entries = Array.from({ length: 3 }, (_, i) => ({ url: `${site}/p${i}/` }));
    const { files } = sitemapFiles(entries, site, [], 2);
    const written = [...files.map((file) => file.path), sitemapIndexPath()];
    const names = written.map((path) => path.slice(1));
    expect(names.every((name) => SITEMAP_FILE.test(name) && isOwned(name, [SITEMAP_FILE]))).toBe(true);
    expect(SITEMAP_FILE.test(newsSitemapPath().slice(1)), 'the news sitemap is a page, not one of these files').toBe(false);

    const outDir = await mkdtemp(join(tmpdir(), 'dateline-sitemaps-'));
    try {
      // A previous build of a bigger newsroom wrote three files; this one writes two.
      for (const name of [
        'sitemap-0.xml',
        'sitemap-1.xml',
        'sitemap-2.xml',
        'sitemap-index.xml',
        'news-sitemap.xml',
        'sitemap-notes.txt',
      ]) {
        await writeFile(join(outDir, name), '');
      }
      await removeOtherSitemaps(outDir, written);
      expect((await readdir(outDir)).sort()).toEqual([
        'news-sitemap.xml',
        'sitemap-0.xml',
        'sitemap-1.xml',
        'sitemap-index.xml',
        'sitemap-notes.txt',
      ]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  test('the latest lastmod compares instants, not text', () => {
    expect(
      latestLastmod([
        { url: 'a', lastmod: '2025-03-18T01:00:00+09:00' },
        { url: 'b', lastmod: '2025-03-17T20:00:00-07:00' },
      ]),
    ).toBe('2025-03-17T20:00:00-07:00');
    expect(latestLastmod([{ url: 'a' }])).toBeUndefined();
  });
});

describe('selectNewsArticles', () => {
  const now = new Date('2025-03-20T12:00:00Z');

  test('keeps stories of the two days up to the build time, inclusive, newest first', () => {
    const articles = [
      makeArticle({ id: 'future', at: '2025-03-20T12:00:01Z' }),
      makeArticle({ id: 'now', at: '2025-03-20T12:00:00Z' }),
      makeArticle({ id: 'yesterday', at: '2025-03-19T08:00:00Z' }),
      makeArticle({ id: 'edge', at: '2025-03-18T12:00:00Z' }),
      makeArticle({ id: 'too-old', at: '2025-03-18T11:59:59Z' }),
    ];
    expect(selectNewsArticles(articles, now).map((article) => article.id)).toEqual(['now', 'yesterday', 'edge']);
  });

  test('holds at most 1000 stories', () => {
    const articles = Array.from({ length: 1005 }, (_, i) =>
      makeArticle({ id: `a${i}`, at: new Date(now.getTime() - i * 1000).toISOString() }),
    );
    const selected = selectNewsArticles(articles, now);
    expect(selected).toHaveLength(1000);
    expect(selected[999]!.id).toBe('a999');
  });
});

describe('renderNewsSitemap', () => {
  test('one url with news:news per story, publication name and language as configured, any title escaped', () => {
    const title = '</news:title><script>alert(1)</script> & “quotes” \u0007';
    const xml = renderNewsSitemap([{ url: 'https://news.example.com/national/a/', title, published: '2025-03-17T12:40:00-07:00' }], {
      name: 'Dateline & Co',
      language: 'en',
    });
    const urlset = parseXml(xml, ['url'])['urlset'];
    expect(urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(urlset['url']).toEqual([
      {
        loc: 'https://news.example.com/national/a/',
        'news:news': {
          'news:publication': { 'news:name': 'Dateline & Co', 'news:language': 'en' },
          'news:publication_date': '2025-03-17T12:40:00-07:00',
          'news:title': '</news:title><script>alert(1)</script> & “quotes” ',
        },
      },
    ]);
  });

  test('no recent story: an empty urlset', () => {
    expect(parseXml(renderNewsSitemap([], { name: 'X', language: 'en' }))['urlset']['url']).toBeUndefined();
  });
});

describe('renderRobotsTxt', () => {
  test('allows everything and lists the sitemaps', () => {
    expect(renderRobotsTxt(['https://n.example/sitemap-index.xml', 'https://n.example/news-sitemap.xml'])).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://n.example/sitemap-index.xml\nSitemap: https://n.example/news-sitemap.xml\n',
    );
  });
});
