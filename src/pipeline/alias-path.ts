/**
 * The form of an alias: the old URL of a renamed or moved article, which the CDN redirects (301)
 * to its URL. Whether an alias collides with the site's own URLs is a corpus rule (`aliases.ts`).
 */

/** A site path a CDN redirect rule can match literally: no host, query, fragment, wildcard or placeholder. */
const ALIAS_PATTERN = /^\/(?!\/)[A-Za-z0-9\-._~%!$&'()+,;=@/]*$/;

/**
 * Why `path` cannot be an alias, or undefined when it can.
 *
 * - It is a path on this site, starting with `/` (`/national/old-slug/` or `/news/2025/story.html`).
 * - No `?`, `#`, spaces, `*` or `:` (which `_redirects` files read as patterns), no `.` or `..` segments;
 *   other characters must be percent-encoded.
 */
export function describeAliasProblem(path: string): string | undefined {
  if (!ALIAS_PATTERN.test(path)) {
    return `each alias must be a path on this site such as /national/old-slug/, without a host, ?, #, *, : or spaces (percent-encode other characters); got “${path}”`;
  }
  if (path.split('/').some((segment) => segment === '.' || segment === '..'))
    return `an alias may not contain . or .. segments; got “${path}”`;
  return undefined;
}
