/**
 * The only URL builders. Every internal link is a path with a trailing slash.
 */

/** Top-level pages other than section fronts and articles; links to them from articles are valid. */
export const SITE_ROUTES: readonly string[] = [];

/** `/<section>/<slug>/` */
export function articlePath(article: { section: string; slug: string }): string {
  return `/${article.section}/${article.slug}/`;
}

/** `/<section>/` for page 1, `/<section>/page/<n>/` after. */
export function sectionPath(section: string, page = 1): string {
  return page <= 1 ? `/${section}/` : `/${section}/page/${page}/`;
}

/** The route parameter of a section front page: undefined for page 1, `page/<n>` after. */
export function sectionPageParam(page: number): string | undefined {
  return page <= 1 ? undefined : `page/${page}`;
}

/** An absolute URL for `path` on the site at `siteUrl`. */
export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
