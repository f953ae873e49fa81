import { escapeXml } from './feeds.ts';
import { absoluteUrl } from './urls.ts';

/**
 * Sitemaps: the sitemap of every indexable page (in files of at most 50,000 URLs, listed by a
 * sitemap index), and the Google News sitemap.
 */

/** The most URLs one sitemap file may list (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

/** How far back the Google News sitemap looks: Google reads only stories of the last two days. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
/** The most URLs Google accepts in one news sitemap. */
export const NEWS_SITEMAP_LIMIT = 1000;

/**
 * Whether the page at `pathname` belongs in the sitemap: every public HTML page (a path ending in
 * `/`), except the search page (no content of its own, `noindex`) and files the site writes for
 * hosts (`/_redirects`). The 404 page and drafts are never built as listable pages.
 */
export function isSitemapPage(pathname: string): boolean {
  return (
    pathname.endsWith('/') &&
    !['/search/', '/404/', '/500/'].includes(pathname) &&
    !pathname.split('/').some((segment) => segment.startsWith('_'))
  );
}

/** One URL of a sitemap or a sitemap index. */
export interface SitemapEntry {
  /** Absolute URL. */
  url: string;
  /** When it last changed, ISO 8601. */
  lastmod?: string | undefined;
}

/** W3C date-time in UTC, as sitemaps usually carry it. */
function utc(lastmod: string): string {
  return new Date(lastmod).toISOString();
}

function entryXml(tag: 'url' | 'sitemap', { url, lastmod }: SitemapEntry): string {
  return `<${tag}><loc>${escapeXml(url)}</loc>${lastmod ? `<lastmod>${utc(lastmod)}</lastmod>` : ''}</${tag}>`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** A sitemap (`urlset`) of `entries`, in the given order. */
export function renderSitemap(entries: readonly SitemapEntry[]): string {
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">${entries.map((entry) => entryXml('url', entry)).join('')}</urlset>`;
}

/** A sitemap index of the sitemap files `entries`. */
export function renderSitemapIndex(entries: readonly SitemapEntry[]): string {
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">${entries.map((entry) => entryXml('sitemap', entry)).join('')}</sitemapindex>`;
}

/** The latest of the `lastmod`s of `entries`, if any has one. */
export function latestLastmod(entries: readonly SitemapEntry[]): string | undefined {
  let latest: string | undefined;
  let latestTime = -Infinity;
  for (const { lastmod } of entries) {
    const time = lastmod ? Date.parse(lastmod) : NaN;
    if (time > latestTime) [latest, latestTime] = [lastmod, time];
  }
  return latest;
}

/** Natural order of URLs (`/page/2/` before `/page/10/`). One collator serves every comparison. */
export const compareUrls = new Intl.Collator('en', { numeric: true }).compare;

/** The names, at the top of the site, of the sitemap files `sitemapFiles` writes and of their index. */
export const SITEMAP_FILE = /^sitemap-(?:index|\d+)\.xml$/;

/**
 * The sitemap files of `entries`: sorted by URL, in files of at most `limit` URLs named
 * `sitemap-<n>.xml`, and the index listing `extraSitemaps` (e.g. the news sitemap) and then each
 * file with its latest `lastmod`. Paths are relative to the site root.
 */
export function sitemapFiles(
  entries: readonly SitemapEntry[],
  siteUrl: string,
  extraSitemaps: readonly string[] = [],
  limit = SITEMAP_LIMIT,
): { index: string; files: { path: string; xml: string }[] } {
  const sorted = [...entries].sort((a, b) => compareUrls(a.url, b.url));
  const files: { path: string; xml: string; lastmod: string | undefined }[] = [];
  for (let start = 0; start < Math.max(sorted.length, 1); start += limit) {
    const chunk = sorted.slice(start, start + limit);
    files.push({ path: `/sitemap-${files.length}.xml`, xml: renderSitemap(chunk), lastmod: latestLastmod(chunk) });
  }
  const index = renderSitemapIndex([
    ...extraSitemaps.map((url) => ({ url })),
    ...files.map(({ path, lastmod }) => ({ url: absoluteUrl(path, siteUrl), lastmod })),
  ]);
  return { index, files: files.map(({ path, xml }) => ({ path, xml })) };
}

/**
 * The stories for the Google News sitemap: published within the last two days before `now`
 * (inclusive), newest first, at most 1000. `articles` is newest first.
 */
export function selectNewsArticles<T extends { date: { date: Date } }>(articles: readonly T[], now: Date): T[] {
  const since = now.getTime() - NEWS_WINDOW_MS;
  return articles
    .filter((article) => article.date.date.getTime() >= since && article.date.date.getTime() <= now.getTime())
    .slice(0, NEWS_SITEMAP_LIMIT);
}

/** One story in the news sitemap. */
export interface NewsEntry {
  /** Absolute URL. */
  url: string;
  title: string;
  /** ISO 8601 with offset. */
  published: string;
}

/**
 * A Google News sitemap (`urlset` with one `news:news` per story).
 * Publication name and language must match the publication registered with Google News.
 */
export function renderNewsSitemap(entries: readonly NewsEntry[], publication: { name: string; language: string }): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${escapeXml(entry.url)}</loc><news:news><news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${escapeXml(publication.language)}</news:language></news:publication><news:publication_date>${escapeXml(entry.published)}</news:publication_date><news:title>${escapeXml(entry.title)}</news:title></news:news></url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** `robots.txt`: everything may be crawled; the sitemap index and the news sitemap (absolute URLs). */
export function renderRobotsTxt(sitemaps: readonly string[]): string {
  return ['User-agent: *', 'Allow: /', '', ...sitemaps.map((url) => `Sitemap: ${url}`), ''].join('\n');
}

/** `robots.txt` of a preview build: nothing may be crawled, and no sitemap is named (a preview writes none). */
export const PREVIEW_ROBOTS_TXT = 'User-agent: *\nDisallow: /\n';

/** Whether a `robots.txt` is a preview build's (see `PREVIEW_ROBOTS_TXT`): no deploy may publish it. */
export function isPreviewRobotsTxt(text: string): boolean {
  return text.replace(/\r\n/g, '\n') === PREVIEW_ROBOTS_TXT;
}
