import type { ArticleRecord } from '../schemas/record.ts';
import { SITEMAP_FILE } from '../lib/sitemaps.ts';
import { articlePath } from '../lib/urls.ts';
import type { FileProblem } from './problems.ts';

/**
 * Aliases: the old URLs of a renamed or moved article, redirected to its URL (301) by the CDN.
 */

/** What the corpus rule needs to know about the site's own paths. */
export interface SitePaths {
  /** Configured section slugs: their fronts (`/<section>/`, `/<section>/page/<n>/`) cannot be aliases. */
  sections: readonly string[];
  /** Top-level folders the site writes (`tags`, `search`, …): nothing under them can be an alias. */
  reserved: readonly string[];
  /**
   * Files the site serves at fixed addresses (`/rss.xml`, `/robots.txt`, `/404.html`, `/_headers`…,
   * see `siteFilePaths`) and the files of `public/` (`/favicon.svg`): none can be an alias.
   */
  files?: readonly string[] | undefined;
}

/**
 * Aliases that would take over a URL the site publishes or another alias, reported on the article
 * that declares them, at its `aliases` field.
 *
 * - An alias may not be any article's URL (its own included), the home page, a section front, a
 *   file the site writes (a feed, a sitemap, robots.txt, the 404 page, the hosts' `_headers` and
 *   `_redirects`, a file of `public/`) or a path under a folder the site writes; compared without
 *   letter case, trailing slash or `index.html` (`/National/Story/index.html` is
 *   `/national/story/`), as hosts may serve any of those. Hosts that apply redirects before their
 *   files would otherwise let an alias take over a feed, a sitemap or robots.txt.
 * - Two articles may not declare the same alias.
 */
export function findAliasConflicts(articles: readonly ArticleRecord[], site: SitePaths): FileProblem[] {
  const urls = new Map(articles.map((article) => [comparable(articlePath(article)), article]));
  const files = new Map((site.files ?? []).map((path) => [comparable(path), path]));
  const claimed = new Map<string, { article: ArticleRecord; index: number }[]>();
  const problems: FileProblem[] = [];
  for (const article of articles) {
    for (const [index, alias] of article.aliases.entries()) {
      const report = (message: string) => problems.push({ file: article.filePath, field: `aliases[${index}]`, severity: 'error', message });
      const key = comparable(alias);
      const [first = '', second] = key.split('/').filter(Boolean);
      const owner = urls.get(key);
      const file = files.get(key) ?? (SITEMAP_FILE.test(key.slice(1)) ? key : undefined);
      if (file !== undefined) {
        report(`the alias ${alias} is ${file}, a file the site writes itself; an alias must be an old URL that no longer has a page`);
      } else if (owner) {
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

/** A path as hosts may match it: lowercase, without `index.html` or trailing slashes (the home page is ``). */
function comparable(path: string): string {
  return path
    .toLowerCase()
    .replace(/\/index\.html$/, '')
    .replace(/\/+$/, '');
}
