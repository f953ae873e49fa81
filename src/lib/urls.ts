/**
 * The only URL builders. Every internal link is a path with a trailing slash; files (feeds,
 * sitemaps) end in their extension.
 */

/** `/<section>/<slug>/` */
export function articlePath(article: { section: string; slug: string }): string {
  return `/${article.section}/${article.slug}/`;
}

/**
 * Whether `url` leaves the site: it has a scheme (`https:`, `mailto:`, `javascript:`) or starts
 * with `//` (another host). Everything else is a path on this site or relative to a page.
 */
export function isExternalUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

/**
 * Page `page` of a paginated list whose first page is at `base` (`/national/`): `base` itself for
 * page 1, `<base>page/<n>/` after. The one rule for every paginated list (sections, topics, authors).
 */
function listPath(base: string, page: number): string {
  return page <= 1 ? base : `${base}${sectionPageParam(page)}/`;
}

/** The route parameter of a paginated list page: undefined for page 1, `page/<n>` after. */
export function sectionPageParam(page: number): string | undefined {
  return page <= 1 ? undefined : `page/${page}`;
}

/**
 * The page number that the path segments after a list's base name (`[]`, `['page', '3']`), or
 * undefined when they name no page of a list (`['page', '0']`, `['story']`).
 */
export function listPageNumber(rest: readonly string[]): number | undefined {
  if (rest.length === 0) return 1;
  return rest.length === 2 && rest[0] === 'page' && /^[1-9]\d*$/.test(rest[1]!) ? Number(rest[1]) : undefined;
}

/** `/<section>/` for page 1, `/<section>/page/<n>/` after. */
export function sectionPath(section: string, page = 1): string {
  return listPath(`/${section}/`, page);
}

/** Top-level folders the site itself writes; no section may take one of these slugs, and no alias may point into them. */
export const RESERVED_SEGMENTS = ['tags', 'authors', 'search', 'pagefind', '_astro', 'media'] as const;

/** `/tags/` */
export function tagsPath(): string {
  return '/tags/';
}

/** `/tags/<slug>/` for page 1, `/tags/<slug>/page/<n>/` after. */
export function tagPath(slug: string, page = 1): string {
  return listPath(`/tags/${slug}/`, page);
}

/** `/authors/` */
export function authorsPath(): string {
  return '/authors/';
}

/** `/authors/<slug>/` for page 1, `/authors/<slug>/page/<n>/` after. */
export function authorPath(slug: string, page = 1): string {
  return listPath(`/authors/${slug}/`, page);
}

/** `/search/` */
export function searchPath(): string {
  return '/search/';
}

/** The RSS feed of the whole site (`/rss.xml`) or of one section (`/<section>/rss.xml`). */
export function feedPath(section?: string): string {
  return section ? `/${section}/rss.xml` : '/rss.xml';
}

/** `/robots.txt` */
export function robotsPath(): string {
  return '/robots.txt';
}

/** The page served at any address that has none (`src/pages/404.astro`). */
export function notFoundPath(): string {
  return '/404.html';
}

/** The files static hosts read at the root of the site, for headers and redirects (`src/lib/cdn.ts`). */
export const HOST_FILES = ['/_headers', '/_redirects'] as const;

/** The sitemap index (`src/integrations/sitemap.ts`). */
export function sitemapIndexPath(): string {
  return '/sitemap-index.xml';
}

/** The Google News sitemap. */
export function newsSitemapPath(): string {
  return '/news-sitemap.xml';
}

/**
 * The request paths an alias redirects. Hosts match a redirect's path exactly, and an old URL
 * arrives with or without its trailing slash:
 *
 * - `/old-story/` and `/old-story` both redirect, whichever of the two was written (first).
 * - A path whose last segment has a file extension (`/2019/03/story.html`) only as written,
 *   also when written with a slash after it: `/national/rss.xml/` must not add `/national/rss.xml`,
 *   which would take over a file (hosts apply a redirect even where a file exists).
 */
export function aliasPaths(alias: string): string[] {
  const bare = alias.replace(/\/+$/, '');
  if (bare === '' || /\.[A-Za-z0-9]+$/.test(bare.slice(bare.lastIndexOf('/') + 1))) return [alias];
  return alias.endsWith('/') ? [alias, bare] : [alias, `${alias}/`];
}

/** An absolute URL for `path` on the site at `siteUrl`. */
export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}

/**
 * The files the site writes at fixed addresses, besides pages and the folders of
 * `RESERVED_SEGMENTS`: feeds (the site's and each section's), robots.txt, the sitemap index and
 * the news sitemap, the 404 page and the hosts' rule files. (Numbered sitemap files are
 * `SITEMAP_FILE` in `src/lib/sitemaps.ts`.)
 */
export function siteFilePaths(sections: readonly string[]): string[] {
  return [
    feedPath(),
    ...sections.map((section) => feedPath(section)),
    robotsPath(),
    sitemapIndexPath(),
    newsSitemapPath(),
    notFoundPath(),
    // Hosts serve the 404 page at its name without `.html` too.
    notFoundPath().replace(/\.html$/, '/'),
    ...HOST_FILES,
  ];
}
