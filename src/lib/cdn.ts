import { compareStrings } from './strings.ts';
import { articlePath } from './urls.ts';

/**
 * Files for CDNs and static hosts (Netlify, Cloudflare Pages and others that read `_headers` and
 * `_redirects` at the root of the site).
 */

/** For files whose names carry a hash of their content: they never change, so keep them a year. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** For everything else (pages, feeds, sitemaps, the search index): readers see updates within a minute. */
export const CACHE_SHORT = 'public, max-age=60, must-revalidate';
/** Top-level folders whose files all have content-hashed names (Astro's CSS and images). */
export const HASHED_FOLDERS: readonly string[] = ['_astro'];
/** Headers sent with every file. */
export const COMMON_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
];

/** One `_headers` rule: a path pattern and the headers for the files it matches. */
export interface HeaderRule {
  path: string;
  headers: ReadonlyArray<readonly [string, string]>;
}

/**
 * The `_headers` rules for a built site, from the entries at the top of its output folder.
 *
 * - Hosts add up the headers of every rule that matches a file, so each file must match exactly
 *   one rule that sets `Cache-Control`: one rule per top-level folder (`/national/*`) or file
 *   (`/rss.xml`; the home page as `/` and `/index.html`), never a catch-all.
 * - `/*` carries only headers that are the same for every file.
 * - `_headers` and `_redirects` themselves are not served, so they get no rule.
 */
export function headerRules(entries: ReadonlyArray<{ name: string; isDirectory: boolean }>): HeaderRule[] {
  const rules: HeaderRule[] = [{ path: '/*', headers: COMMON_HEADERS }];
  const sorted = [...entries]
    .filter((entry) => !['_headers', '_redirects'].includes(entry.name))
    .sort((a, b) => compareStrings(a.name, b.name));
  for (const entry of sorted) {
    const cache = entry.isDirectory && HASHED_FOLDERS.includes(entry.name) ? CACHE_IMMUTABLE : CACHE_SHORT;
    const paths = entry.isDirectory ? [`/${entry.name}/*`] : entry.name === 'index.html' ? ['/', '/index.html'] : [`/${entry.name}`];
    for (const path of paths) rules.push({ path, headers: [['Cache-Control', cache]] });
  }
  return rules;
}

/** The text of a `_headers` file: each path, then its headers indented by two spaces. */
export function formatHeaders(rules: readonly HeaderRule[]): string {
  const blocks = rules.map((rule) => [rule.path, ...rule.headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n'));
  return `# Cache and security headers, written by Dateline at build time.\n${blocks.join('\n')}\n`;
}

/**
 * The text of a `_redirects` file: a permanent (301) redirect from each alias of a published
 * article to its URL, ordered by alias.
 */
export function formatRedirects(articles: ReadonlyArray<{ section: string; slug: string; aliases: readonly string[] }>): string {
  const lines = articles
    .flatMap((article) => article.aliases.map((alias) => [alias, articlePath(article)] as const))
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([from, to]) => `${from} ${to} 301`);
  return `# Old URLs of renamed or moved articles, written by Dateline at build time.\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}
