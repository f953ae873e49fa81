/**
 * The only URL builders. Every internal link is a path with a trailing slash; files (feeds,
 * sitemaps) end in their extension.
 */

/** `/<section>/<slug>/` */
export function articlePath(article: { section: string; slug: string }): string {
  return `/${article.section}/${article.slug}/`;
}

/** `/<section>/` for page 1, `/<section>/page/<n>/` after. */
export function sectionPath(section: string, page = 1): string {
  return page <= 1 ? `/${section}/` : `/${section}/page/${page}/`;
}

/** The route parameter of a paginated list page: undefined for page 1, `page/<n>` after. */
export function sectionPageParam(page: number): string | undefined {
  return page <= 1 ? undefined : `page/${page}`;
}

/** Top-level folders the site itself uses; no section may take one of these slugs. */
export const RESERVED_SEGMENTS = ['tags', 'authors', 'search', 'pagefind', '_astro'] as const;

/** `/tags/` */
export function tagsPath(): string {
  return '/tags/';
}

/** `/tags/<slug>/` for page 1, `/tags/<slug>/page/<n>/` after. */
export function tagPath(slug: string, page = 1): string {
  return page <= 1 ? `/tags/${slug}/` : `/tags/${slug}/page/${page}/`;
}

/** `/authors/` */
export function authorsPath(): string {
  return '/authors/';
}

/** `/authors/<slug>/` for page 1, `/authors/<slug>/page/<n>/` after. */
export function authorPath(slug: string, page = 1): string {
  return page <= 1 ? `/authors/${slug}/` : `/authors/${slug}/page/${page}/`;
}

/** `/search/` */
export function searchPath(): string {
  return '/search/';
}

/** The RSS feed of the whole site (`/rss.xml`) or of one section (`/<section>/rss.xml`). */
export function feedPath(section?: string): string {
  return section ? `/${section}/rss.xml` : '/rss.xml';
}

/** The sitemap index (`src/integrations/sitemap.ts`). */
export function sitemapIndexPath(): string {
  return '/sitemap-index.xml';
}

/** The Google News sitemap. */
export function newsSitemapPath(): string {
  return '/news-sitemap.xml';
}

/** An absolute URL for `path` on the site at `siteUrl`. */
export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
