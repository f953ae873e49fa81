import { escapeXml } from './feeds.ts';

/**
 * Sitemaps: which pages `@astrojs/sitemap` lists, and the Google News sitemap.
 */

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
  return pathname.endsWith('/') && pathname !== '/search/' && !pathname.split('/').some((segment) => segment.startsWith('_'));
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
