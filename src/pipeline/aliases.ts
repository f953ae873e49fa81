import type { ArticleRecord } from './article.ts';
import type { FileProblem } from './problems.ts';

/**
 * Aliases: the old URLs of a renamed or moved article, redirected to its URL (301) by the CDN.
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

/** What the corpus rule needs to know about the site's own paths. */
export interface SitePaths {
  /** Configured section slugs: their fronts (`/<section>/`, `/<section>/page/<n>/`) cannot be aliases. */
  sections: readonly string[];
  /** Top-level folders the site writes (`tags`, `search`, …): nothing under them can be an alias. */
  reserved: readonly string[];
}

/**
 * Aliases that would take over a URL the site publishes or another alias, reported on the article
 * that declares them, at its `aliases` field.
 *
 * - An alias may not be any article's URL (its own included), the home page, a section front or
 *   a path under a folder the site writes; compared without letter case and trailing slash
 *   (`/National/Story` is `/national/story/`), as hosts may serve either.
 * - Two articles may not declare the same alias.
 */
export function findAliasConflicts(articles: readonly Omit<ArticleRecord, 'html'>[], site: SitePaths): FileProblem[] {
  const urls = new Map(articles.map((article) => [comparable(`/${article.section}/${article.slug}/`), article]));
  const claimed = new Map<string, { article: Omit<ArticleRecord, 'html'>; index: number }[]>();
  const problems: FileProblem[] = [];
  for (const article of articles) {
    for (const [index, alias] of article.aliases.entries()) {
      const report = (message: string) => problems.push({ file: article.filePath, field: `aliases[${index}]`, severity: 'error', message });
      const key = comparable(alias);
      const [first = '', second] = key.split('/').filter(Boolean);
      const owner = urls.get(key);
      if (owner) {
        report(
          owner === article
            ? `the alias ${alias} is this article’s own URL; remove it`
            : `the alias ${alias} is the URL of ${owner.filePath}; an alias must be an old URL that no longer has a page`,
        );
      } else if (key === '' || (site.sections.includes(first) && (second === undefined || second === 'page'))) {
        report(
          `the alias ${alias} is a page of the site (home page or section front); an alias must be an old URL that no longer has a page`,
        );
      } else if (site.reserved.includes(first)) {
        report(
          `the alias ${alias} is under /${first}/, which the site writes itself; an alias must be an old URL that no longer has a page`,
        );
      }
      claimed.set(key, [...(claimed.get(key) ?? []), { article, index }]);
    }
  }
  for (const group of claimed.values()) {
    const files = [...new Set(group.map(({ article }) => article.filePath))];
    if (files.length < 2) continue;
    for (const { article, index } of group) {
      problems.push({
        file: article.filePath,
        field: `aliases[${index}]`,
        severity: 'error',
        message: `the alias ${article.aliases[index]} is also declared by ${files.filter((file) => file !== article.filePath).join(', ')}; an old URL can redirect to one article only`,
      });
    }
  }
  return problems;
}

/** A path as hosts may match it: lowercase, without trailing slashes (the home page is ``). */
function comparable(path: string): string {
  return path.toLowerCase().replace(/\/+$/, '');
}
