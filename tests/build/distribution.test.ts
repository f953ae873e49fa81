import { escapeHtmlText } from '../../src/lib/feeds.ts';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, listFiles, PROJECT_ROOT, readPage, TMP_ROOT, type BuildResult } from '../helpers/build.ts';
import { makeSource, SECTION_SLUGS } from '../helpers/factories.ts';
import { parseXml } from '../helpers/xml.ts';

/**
 * A newsroom for what search engines, social networks, feed readers and CDNs read. Built at
 * 2025-03-20T12:00Z (05:00 in Vancouver):
 * - national/lead: image, two bylines and an agency, tags, an update, two aliases (yesterday);
 * - national/hostile: a headline, dek, tag and byline written to break out of HTML, JSON and XML;
 * - national/transit-01…11: eleven stories tagged Transit (two topic pages), spread over March;
 * - world/abroad: one story; world/draft and world/embargoed: never published.
 */
const CONTENT = join(TMP_ROOT, 'distribution-content');
const SITE = 'https://news.example.com';
const HOSTILE = '</script><script>alert(1)</script><!-- & "quotes" ]]> \u2028 <b>bold</b>';
/** A hostile byline name: bylines are split at commas and "and", and their spaces normalised. */
const HOSTILE_NAME = '</script><script>alert(2)</script><!--"Evil"-->';

async function writeArticle(path: string, source: string) {
  await mkdir(dirname(join(CONTENT, path)), { recursive: true });
  await writeFile(join(CONTENT, path), source);
}

const attr = (node: Element | undefined, name: string) => (node ? String(node.properties[name] ?? '') : undefined);
const metaContent = (tree: Root, key: string) =>
  selectAll(`meta[property="${key}"], meta[name="${key}"]`, tree).map((node) => String(node.properties['content']));
const jsonLdOf = (tree: Root) =>
  selectAll('script[type="application/ld+json"]', tree).map((node) => JSON.parse(toText(node)) as Record<string, any>);
const textOfNode = (tree: Root, selector: string) => toText(select(selector, tree)!).replace(/\s+/g, ' ').trim();

let site: BuildResult;
let htmlFiles: string[];

beforeAll(async () => {
  await rm(CONTENT, { recursive: true, force: true });
  await mkdir(join(CONTENT, 'media'), { recursive: true });
  await copyFile(join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg'), join(CONTENT, 'media/carney-macron-paris.jpg'));
  await writeArticle(
    'national/lead.md',
    makeSource({
      title: 'Carney and Macron agree on security',
      byline: 'Jane Doe and John Smith',
      agency: 'The Canadian Press',
      date: '2025-03-19T12:40',
      updated: '2025-03-19T18:05',
      summary: 'The two leaders met in Paris.',
      image: { src: '/media/carney-macron-paris.jpg', alt: 'Two flags', caption: 'Paris.', credit: 'Staff' },
      tags: ['Trade', 'Mark Carney'],
      aliases: ['/national/carney-in-paris/', '/2019/03/carney.html'],
    }),
  );
  await writeArticle(
    'national/hostile.md',
    makeSource({
      title: HOSTILE,
      byline: ['Jane Doe', HOSTILE_NAME],
      date: '2025-03-19T09:00',
      summary: HOSTILE,
      tags: [HOSTILE, 'Trade'],
    }),
  );
  for (let i = 1; i <= 11; i++) {
    const n = String(i).padStart(2, '0');
    await writeArticle(
      `national/transit-${n}.md`,
      makeSource({ title: `Transit story ${n}`, date: `2025-03-${n}T10:00`, tags: ['Transit'] }),
    );
  }
  await writeArticle(
    'world/abroad.md',
    makeSource({ title: 'World story', section: 'world', date: '2025-03-18T11:00', byline: 'Ottawa Bureau' }),
  );
  await writeArticle(
    'world/draft.md',
    makeSource({ title: 'Secret draft', section: 'world', draft: true, tags: ['Secret topic'], byline: 'Hidden Writer' }),
  );
  await writeArticle(
    'world/embargoed.md',
    makeSource({ title: 'Embargoed story', section: 'world', date: '2025-04-01T06:00', tags: ['Secret topic'] }),
  );
  site = await buildSite('distribution', CONTENT);
  if (site.status !== 0) throw new Error(`build failed:\n${site.output}`);
  htmlFiles = (await listFiles(site.outDir)).filter((file) => file.endsWith('.html'));
});

/** The URL path a built HTML file is served at. */
const pathOf = (file: string) => (file === '404.html' ? '/404.html' : `/${file.replace(/index\.html$/, '')}`);

describe('feeds', () => {
  test('the site feed is RSS 2.0 with every published story, newest first, absolute links and credits', async () => {
    const rss = parseXml(await readFile(join(site.outDir, 'rss.xml'), 'utf8'), ['item', 'category'])['rss'];
    expect(rss['@_version']).toBe('2.0');
    const items = rss['channel']['item'] as Record<string, any>[];
    expect(items.map((item) => item.link)).toEqual([
      `${SITE}/national/lead/`,
      `${SITE}/national/hostile/`,
      `${SITE}/world/abroad/`,
      ...[11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `${SITE}/national/transit-${String(i).padStart(2, '0')}/`),
    ]);
    expect(items[0]).toMatchObject({
      title: 'Carney and Macron agree on security',
      description: 'The two leaders met in Paris.',
      pubDate: 'Wed, 19 Mar 2025 19:40:00 GMT',
      category: ['Trade', 'Mark Carney'],
      'dc:creator': 'Jane Doe and John Smith, The Canadian Press',
    });
    const image = items[0]!['media:content'];
    expect(image['@_url']).toMatch(new RegExp(`^${SITE}/_astro/.+\\.jpg$`));
    expect(existsSync(join(site.outDir, new URL(image['@_url']).pathname))).toBe(true);
    expect(rss['channel']['link']).toBe(`${SITE}/`);
  });

  test('a hostile headline, dek, tag and byline keep the feed well-formed and come out as their text, tags removed', async () => {
    const xml = await readFile(join(site.outDir, 'rss.xml'), 'utf8');
    expect(xml).not.toContain('<script>');
    const hostile = (parseXml(xml, ['item', 'category'])['rss']['channel']['item'] as Record<string, any>[])[1]!;
    // Plain-text fields carry no markup into feeds (check warns about it); the rest stays as written.
    const asText = 'alert(1) <!-- & "quotes" ]]> bold';
    expect(hostile.title).toBe(asText);
    expect(hostile.description).toBe(escapeHtmlText(asText));
    expect(hostile.category).toEqual([asText, 'Trade']);
    expect(hostile['dc:creator']).toBe('Jane Doe and alert(2)');
  });

  test('each section has a feed of its own stories, empty sections included', async () => {
    const national = parseXml(await readFile(join(site.outDir, 'national/rss.xml'), 'utf8'), ['item'])['rss']['channel'];
    expect(national['title']).toBe('Dateline News: National');
    expect(national['link']).toBe(`${SITE}/national/`);
    expect((national['item'] as { link: string }[]).every((item) => item.link.startsWith(`${SITE}/national/`))).toBe(true);
    expect(national['item']).toHaveLength(13);
    const world = parseXml(await readFile(join(site.outDir, 'world/rss.xml'), 'utf8'), ['item'])['rss']['channel'];
    expect((world['item'] as { title: string }[]).map((item) => item.title)).toEqual(['World story']);
    const health = parseXml(await readFile(join(site.outDir, 'health/rss.xml'), 'utf8'), ['item'])['rss']['channel'];
    expect(health['item']).toBeUndefined();
  });

  test('every page announces the site feed; section fronts and stories their section’s feed too', async () => {
    for (const file of htmlFiles) {
      const { tree } = await readPage(site.outDir, pathOf(file));
      const feeds = selectAll('link[rel="alternate"][type="application/rss+xml"]', tree).map((node) => attr(node, 'href'));
      const section = SECTION_SLUGS.find((slug) => file.startsWith(`${slug}/`));
      expect(feeds, file).toEqual([`${SITE}/rss.xml`, ...(section ? [`${SITE}/${section}/rss.xml`] : [])]);
    }
  });
});

describe('sitemaps and robots.txt', () => {
  async function sitemapUrls() {
    const index = parseXml(await readFile(join(site.outDir, 'sitemap-index.xml'), 'utf8'), ['sitemap'])['sitemapindex'];
    const locs = (index['sitemap'] as { loc: string }[]).map((entry) => entry.loc);
    expect(locs).toEqual([`${SITE}/news-sitemap.xml`, `${SITE}/sitemap-0.xml`]);
    const urlset = parseXml(await readFile(join(site.outDir, 'sitemap-0.xml'), 'utf8'), ['url'])['urlset'];
    return urlset['url'] as { loc: string; lastmod?: string }[];
  }

  test('the sitemap lists exactly the canonical URLs of the indexable pages: no 404, search page, draft or embargoed story', async () => {
    const canonicals: string[] = [];
    for (const file of htmlFiles) {
      const { tree } = await readPage(site.outDir, pathOf(file));
      const noindex = metaContent(tree, 'robots').includes('noindex');
      const links = selectAll('link[rel="canonical"]', tree).map((node) => attr(node, 'href')!);
      if (file === '404.html') {
        expect(links).toEqual([]);
        expect(noindex).toBe(true);
        continue;
      }
      expect(links, file).toEqual([`${SITE}${pathOf(file)}`]);
      if (!noindex) canonicals.push(links[0]!);
    }
    const urls = (await sitemapUrls()).map((url) => url.loc);
    expect([...urls].sort()).toEqual([...canonicals].sort());
    expect(urls).not.toContain(`${SITE}/search/`);
    expect(urls.filter((url) => /draft|embargoed|secret|hidden/.test(url))).toEqual([]);
    expect(urls.every((url) => url.endsWith('/'))).toBe(true);
    expect(urls).toEqual(
      expect.arrayContaining([`${SITE}/`, `${SITE}/national/lead/`, `${SITE}/tags/transit/page/2/`, `${SITE}/authors/jane-doe/`]),
    );
  });

  test('stories carry their last change as lastmod', async () => {
    const urls = await sitemapUrls();
    expect(urls.find((url) => url.loc === `${SITE}/national/lead/`)?.lastmod).toBe('2025-03-20T01:05:00.000Z');
    expect(urls.find((url) => url.loc === `${SITE}/world/abroad/`)?.lastmod).toBe('2025-03-18T18:00:00.000Z');
  });

  test('the Google News sitemap has the stories of the two days before the build, newest first', async () => {
    const urlset = parseXml(await readFile(join(site.outDir, 'news-sitemap.xml'), 'utf8'), ['url'])['urlset'];
    expect(urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const entries = (urlset['url'] as Record<string, any>[]).map((url) => ({
      loc: url['loc'],
      name: url['news:news']['news:publication']['news:name'],
      language: url['news:news']['news:publication']['news:language'],
      date: url['news:news']['news:publication_date'],
      title: url['news:news']['news:title'],
    }));
    expect(entries).toEqual([
      {
        loc: `${SITE}/national/lead/`,
        name: 'Dateline News',
        language: 'en',
        date: '2025-03-19T12:40:00-07:00',
        title: 'Carney and Macron agree on security',
      },
      { loc: `${SITE}/national/hostile/`, name: 'Dateline News', language: 'en', date: '2025-03-19T09:00:00-07:00', title: HOSTILE },
      { loc: `${SITE}/world/abroad/`, name: 'Dateline News', language: 'en', date: '2025-03-18T11:00:00-07:00', title: 'World story' },
    ]);
  });

  test('robots.txt points at the sitemap index and the news sitemap', async () => {
    const robots = await readFile(join(site.outDir, 'robots.txt'), 'utf8');
    expect(robots.split('\n').filter((line) => line.startsWith('Sitemap:'))).toEqual([
      `Sitemap: ${SITE}/sitemap-index.xml`,
      `Sitemap: ${SITE}/news-sitemap.xml`,
    ]);
  });
});

describe('structured data and link previews', () => {
  test('a story has a NewsArticle with every required property, and a BreadcrumbList', async () => {
    const { tree } = await readPage(site.outDir, '/national/lead/');
    const [article, breadcrumbs] = jsonLdOf(tree);
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Carney and Macron agree on security',
      datePublished: '2025-03-19T12:40:00-07:00',
      dateModified: '2025-03-19T18:05:00-07:00',
      author: [
        { '@type': 'Person', name: 'Jane Doe', url: `${SITE}/authors/jane-doe/` },
        { '@type': 'Person', name: 'John Smith', url: `${SITE}/authors/john-smith/` },
      ],
      publisher: { '@type': 'NewsMediaOrganization', name: 'Dateline News', logo: { url: `${SITE}/logo.png`, width: 512, height: 512 } },
      articleSection: 'National',
      mainEntityOfPage: { '@id': `${SITE}/national/lead/` },
    });
    const image = article!['image'][0];
    expect(image).toMatchObject({ width: 1200, height: 800 });
    expect(existsSync(join(site.outDir, new URL(image.url).pathname))).toBe(true);
    expect(existsSync(join(site.outDir, 'logo.png'))).toBe(true);
    expect(breadcrumbs!['itemListElement'].map((item: { item: string }) => item.item)).toEqual([
      `${SITE}/`,
      `${SITE}/national/`,
      `${SITE}/national/lead/`,
    ]);
  });

  test('every story page has exactly its two JSON-LD blocks, parseable, naming the story', async () => {
    for (const file of htmlFiles.filter((f) => /^(national|world)\/(?!page\/)[^/]+\/index\.html$/.test(f))) {
      const { tree } = await readPage(site.outDir, pathOf(file));
      const blocks = jsonLdOf(tree);
      expect(
        blocks.map((block) => block['@type']),
        file,
      ).toEqual(['NewsArticle', 'BreadcrumbList']);
      expect(String(blocks[0]!['headline']).replace(/\s+/g, ' ').trim()).toBe(textOfNode(tree, 'h1'));
    }
  });

  test('a hostile headline stays inside its JSON-LD and meta tags: the page has no script of its own', async () => {
    const { tree } = await readPage(site.outDir, '/national/hostile/');
    expect(selectAll('script', tree).map((node) => attr(node, 'type'))).toEqual(['application/ld+json', 'application/ld+json']);
    const [article] = jsonLdOf(tree);
    expect(article!['headline']).toBe(HOSTILE);
    expect(article!['description']).toBe(HOSTILE);
    expect(article!['keywords']).toBe(`${HOSTILE}, Trade`);
    expect(article!['author'][1]['name']).toBe(HOSTILE_NAME);
    expect(metaContent(tree, 'og:title')).toEqual([HOSTILE]);
    expect(metaContent(tree, 'article:tag')).toEqual([HOSTILE, 'Trade']);
    expect(textOfNode(tree, 'h1')).toBe(HOSTILE.replace(/\s+/g, ' ').trim());
    expect(selectAll('b', tree)).toEqual([]);
  });

  test('stories have OpenGraph article tags and a large Twitter card', async () => {
    const { tree } = await readPage(site.outDir, '/national/lead/');
    expect(metaContent(tree, 'og:type')).toEqual(['article']);
    expect(metaContent(tree, 'og:url')).toEqual([`${SITE}/national/lead/`]);
    expect(metaContent(tree, 'article:published_time')).toEqual(['2025-03-19T12:40:00-07:00']);
    expect(metaContent(tree, 'article:modified_time')).toEqual(['2025-03-19T18:05:00-07:00']);
    expect(metaContent(tree, 'article:section')).toEqual(['National']);
    expect(metaContent(tree, 'article:tag')).toEqual(['Trade', 'Mark Carney']);
    expect(metaContent(tree, 'og:image:alt')).toEqual(['Two flags']);
    expect(metaContent(tree, 'twitter:card')).toEqual(['summary_large_image']);
    const [ogImage] = metaContent(tree, 'og:image');
    expect(existsSync(join(site.outDir, new URL(ogImage!).pathname))).toBe(true);
  });

  test('other pages are og:type website; the home page describes the site and its search', async () => {
    const { tree } = await readPage(site.outDir, '/');
    expect(metaContent(tree, 'og:type')).toEqual(['website']);
    expect(metaContent(tree, 'twitter:card')).toEqual(['summary']);
    expect(jsonLdOf(tree)).toEqual([
      expect.objectContaining({
        '@type': 'WebSite',
        potentialAction: expect.objectContaining({ target: `${SITE}/search/?q={search_term_string}` }),
      }),
    ]);
  });
});

describe('topics and people', () => {
  test('a story links each byline name and each tag to its page', async () => {
    const { tree } = await readPage(site.outDir, '/national/lead/');
    expect(selectAll('.byline a', tree).map((node) => [toText(node), attr(node, 'href')])).toEqual([
      ['Jane Doe', '/authors/jane-doe/'],
      ['John Smith', '/authors/john-smith/'],
    ]);
    expect(textOfNode(tree, '.byline')).toMatch(/^Jane Doe and John Smith The Canadian Press, 19 Mar, 2025 12:40 PM/);
    expect(selectAll('.topics a', tree).map((node) => attr(node, 'href'))).toEqual(['/tags/trade/', '/tags/mark-carney/']);
  });

  test('a topic page lists its stories newest first over numbered pages', async () => {
    const first = await readPage(site.outDir, '/tags/transit/');
    expect(textOfNode(first.tree, 'h1')).toBe('Transit');
    expect(selectAll('.card-title a', first.tree).map((node) => attr(node, 'href'))).toEqual(
      [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((i) => `/national/transit-${String(i).padStart(2, '0')}/`),
    );
    expect(selectAll('.pagination a', first.tree).map((node) => attr(node, 'href'))).toEqual(['/tags/transit/page/2/']);
    const second = await readPage(site.outDir, '/tags/transit/page/2/');
    expect(selectAll('.card-title a', second.tree).map((node) => attr(node, 'href'))).toEqual(['/national/transit-01/']);
  });

  test('an author page lists their stories; a desk has one too', async () => {
    const { tree } = await readPage(site.outDir, '/authors/jane-doe/');
    expect(selectAll('.card-title a', tree).map((node) => attr(node, 'href'))).toEqual(['/national/lead/', '/national/hostile/']);
    expect(existsSync(join(site.outDir, 'authors/ottawa-bureau/index.html'))).toBe(true);
  });

  test('the indexes list every topic and person of published stories only', async () => {
    const tags = await readPage(site.outDir, '/tags/');
    const topics = selectAll('.term-index a', tags.tree).map((node) => toText(node));
    expect(topics).toEqual(expect.arrayContaining(['Trade', 'Mark Carney', 'Transit']));
    expect(topics).not.toContain('Secret topic');
    const authors = await readPage(site.outDir, '/authors/');
    expect(selectAll('.term-index a', authors.tree).map((node) => toText(node))).not.toContain('Hidden Writer');
    expect(existsSync(join(site.outDir, 'tags/secret-topic'))).toBe(false);
  });
});

describe('CDN output', () => {
  /** The `_headers` rules, in order: a path pattern (a trailing `*` matches the rest) and its headers. */
  async function readHeaderRules() {
    const rules: { pattern: string; headers: Record<string, string> }[] = [];
    for (const line of (await readFile(join(site.outDir, '_headers'), 'utf8')).split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      if (!line.startsWith(' ')) rules.push({ pattern: line, headers: {} });
      else {
        const [name, ...value] = line.trim().split(': ');
        rules.at(-1)!.headers[name!] = value.join(': ');
      }
    }
    return rules;
  }
  /** Whether a `_headers` pattern matches a path: `*` matches the rest, `:name` one segment. */
  const matches = (pattern: string, path: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/:\w+/g, '[^/]+')}$`,
    ).test(path);

  test('every served file gets exactly one Cache-Control: a year, immutable, for hashed assets; a minute for the rest', async () => {
    const rules = await readHeaderRules();
    const files = (await listFiles(site.outDir)).filter((file) => !['_headers', '_redirects'].includes(file));
    for (const file of files) {
      const path = `/${file}`.replace(/(^|\/)index\.html$/, '$1');
      const caching = rules.filter((rule) => matches(rule.pattern, path) && rule.headers['Cache-Control']);
      expect(
        caching.map((rule) => rule.pattern),
        path,
      ).toHaveLength(1);
      const cache = caching[0]!.headers['Cache-Control'];
      if (file.startsWith('_astro/')) {
        expect(file).toMatch(/\.[\w-]{8,}\.\w+$/);
        expect(cache).toBe('public, max-age=31536000, immutable');
      } else {
        expect(cache, path).toBe('public, max-age=60, must-revalidate');
      }
    }
    expect(Object.keys(rules.find((rule) => rule.pattern === '/*')?.headers ?? {})).toEqual([
      'X-Content-Type-Options',
      'Referrer-Policy',
      'Strict-Transport-Security',
      'Permissions-Policy',
      'X-Frame-Options',
    ]);
  });

  test('every served file gets one rule for each header: one Content-Security-Policy, scripts on the search page only; at most one Content-Type', async () => {
    const rules = await readHeaderRules();
    const files = (await listFiles(site.outDir)).filter((file) => !['_headers', '_redirects'].includes(file));
    for (const file of files) {
      const path = `/${file}`.replace(/(^|\/)index\.html$/, '$1');
      const matching = rules.filter((rule) => matches(rule.pattern, path));
      const names = matching.flatMap((rule) => Object.keys(rule.headers));
      expect(names.length, `${path}: ${names.join(', ')}`).toBe(new Set(names).size);
      const policy = matching.map((rule) => rule.headers['Content-Security-Policy']).find(Boolean);
      expect(policy, path).toMatch(/frame-ancestors 'none'/);
      expect(policy, path).toContain(
        path.startsWith('/search/') || path.startsWith('/pagefind/') ? "script-src 'self'" : "script-src 'none'",
      );
      const type = matching.map((rule) => rule.headers['Content-Type']).find(Boolean);
      if (file.endsWith('rss.xml')) expect(type, path).toBe('application/rss+xml; charset=utf-8');
      else if (file.endsWith('.xml')) expect(type, path).toBe('application/xml; charset=utf-8');
      else expect(type, path).toBeUndefined();
    }
  });

  test('_redirects sends each alias of a published story to its URL, permanently, with and without its trailing slash', async () => {
    expect(await readFile(join(site.outDir, '_redirects'), 'utf8')).toBe(
      '# Old URLs of renamed or moved articles, written by Dateline at build time.\n' +
        '/2019/03/carney.html /national/lead/ 301\n' +
        '/national/carney-in-paris /national/lead/ 301\n' +
        '/national/carney-in-paris/ /national/lead/ 301\n',
    );
  });

  test('internal links, canonicals and sitemap URLs all end in a slash (files aside)', async () => {
    for (const file of htmlFiles) {
      const { tree } = await readPage(site.outDir, pathOf(file));
      for (const link of selectAll('a[href^="/"]', tree).map((node) => attr(node, 'href')!)) {
        expect(link, `${file} → ${link}`).toMatch(/\/$|\.(xml|html)$/);
      }
    }
  });

  test('the Pagefind index covers every published story, and nothing else', async () => {
    const entry = JSON.parse(await readFile(join(site.outDir, 'pagefind/0/pagefind-entry.json'), 'utf8'));
    expect(Object.values(entry.languages).map((language: any) => language.page_count)).toEqual([14]);
    expect(existsSync(join(site.outDir, 'pagefind/0/pagefind.js'))).toBe(true);
  });
});
