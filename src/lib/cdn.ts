import { createHash } from 'node:crypto';
import { bundlePath } from './search-index.ts';
import { compareStrings } from './strings.ts';
import { aliasPaths, articlePath, searchPath } from './urls.ts';

/**
 * Files for CDNs and static hosts (Netlify, Cloudflare Pages and others that read `_headers` and
 * `_redirects` at the root of the site).
 *
 * How a host combines `_headers` rules, as Cloudflare's own emulator (`wrangler pages dev`,
 * workerd) does it and as `tests/cdn/` checks it:
 *
 * - Every rule whose path matches the request applies. A header set by one matching rule
 *   replaces the host's own header of that name (`Content-Type`, `Cache-Control`).
 * - A header set by several matching rules is sent once, their values joined with `, `:
 *   `Cache-Control: public, max-age=60, public, max-age=61`; two `Content-Type`s make an invalid
 *   type and the emulator answers 500. Netlify's local server (`netlify dev`) lets the last rule
 *   win instead. So every header name is set by at most one rule matching any path, and then
 *   every host sends the same headers.
 * - Rules apply by request path, also to redirects and to the 404 page served at a missing URL
 *   (which only `/*` matches at the top level; the host sends its own `Cache-Control: no-store`
 *   with a 404 whatever the rules say).
 */

/** For files whose names carry a hash of their content: they never change, so keep them a year. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** For everything else (pages, feeds, sitemaps, the search index): readers see updates within a minute. */
export const CACHE_SHORT = 'public, max-age=60, must-revalidate';
/** Top-level folders whose files all have content-hashed names (Astro's CSS and images). */
export const HASHED_FOLDERS: readonly string[] = ['_astro'];
/** `Content-Type` of RSS feeds, which feed readers and validators check (hosts send `application/xml`). */
export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';
/** `Content-Type` of sitemaps and other XML files. */
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
/** Section feeds (`/national/rss.xml`), matched by one rule with a placeholder for the section folder. */
export const SECTION_FEED_PATTERN = '/:section/rss.xml';
/**
 * Hosts whose embeds (players, social posts) articles may show: allowed in frames and images.
 * None: videos and posts are cards that link to the original (`src/pipeline/embeds.ts`) and load
 * nothing from the provider, their posters cut from the content folder; the sanitizer strips
 * `<iframe>`.
 */
export const EMBED_HOSTS: readonly string[] = [];
/** Top-level folders that run JavaScript: the search page and the Pagefind bundles it loads (its Web Worker among them). */
export const SCRIPTED_FOLDERS: readonly string[] = [searchPath(), bundlePath(0)].map((path) => path.split('/')[1]!);
/** Cloudflare Pages reads at most this many `_headers` rules and ignores the rest. */
export const MAX_HEADER_RULES = 100;
/** Cloudflare Pages reads at most this many `_redirects` lines without wildcards. */
export const MAX_STATIC_REDIRECTS = 2000;

/** Headers sent with every response, the same whatever the path: each is set by no other rule. */
export const COMMON_HEADERS: ReadonlyArray<readonly [string, string]> = [
  // Browsers use the declared type, never a guess: a text file cannot run as a script.
  ['X-Content-Type-Options', 'nosniff'],
  // Other sites see the origin of a link that leads to them, not the story's path.
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  // After one visit over HTTPS, browsers use HTTPS for a year, even for an http:// link.
  ['Strict-Transport-Security', 'max-age=31536000'],
  // No page asks for these; a compromised or embedded document cannot either.
  [
    'Permissions-Policy',
    'accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  ],
  // No other site may show a page in a frame (clickjacking); `frame-ancestors` says so to current browsers.
  ['X-Frame-Options', 'DENY'],
];

/** A Content-Security-Policy: directives, each with its sources. */
export type ContentSecurityPolicy = ReadonlyArray<readonly [string, readonly string[]]>;

/**
 * The Content-Security-Policy of the site's pages.
 *
 * - Everything not named is refused (`default-src 'none'`): fonts, media, connections, workers,
 *   manifests.
 * - No scripts (`script-src 'none'`); JSON-LD `<script type="application/ld+json">` blocks are data
 *   and are not affected.
 * - Styles from the site's own files only; Astro is told never to inline stylesheets.
 * - Images from the site (and embed hosts); frames from the embed hosts only, none today.
 * - No plugins (`object-src 'none'`), no `<base>`, forms submit to the site only, and no other
 *   site may frame a page (`frame-ancestors 'none'`).
 * - With `search`: the search page and its Pagefind bundles may also run the site's own scripts,
 *   the inline scripts whose SHA-256 hashes are given (never `'unsafe-inline'`), compile
 *   WebAssembly (`'wasm-unsafe-eval'`), and fetch the index and start a worker from the site.
 */
export function contentSecurityPolicy({
  search,
  embedHosts = EMBED_HOSTS,
}: { search?: { inlineScriptHashes: readonly string[] }; embedHosts?: readonly string[] } = {}): ContentSecurityPolicy {
  const scripts: ContentSecurityPolicy = search
    ? [
        ['script-src', ["'self'", "'wasm-unsafe-eval'", ...search.inlineScriptHashes.map((hash) => `'${hash}'`)]],
        ['connect-src', ["'self'"]],
        ['worker-src', ["'self'"]],
      ]
    : [['script-src', ["'none'"]]];
  return [
    ['default-src', ["'none'"]],
    ...scripts,
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", ...embedHosts]],
    ['frame-src', embedHosts.length > 0 ? embedHosts : ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

/** Directives a `<meta http-equiv>` policy cannot carry (browsers ignore them there and log an error). */
const HEADER_ONLY_DIRECTIVES = ['frame-ancestors', 'report-uri', 'sandbox'];

/**
 * A policy as a header value, or as the `content` of a `<meta http-equiv="Content-Security-Policy">`
 * (without the directives only a header can carry).
 */
export function formatPolicy(policy: ContentSecurityPolicy, delivery: 'header' | 'meta' = 'header'): string {
  return policy
    .filter(([directive]) => delivery === 'header' || !HEADER_ONLY_DIRECTIVES.includes(directive))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The CSP hashes (`sha256-<base64>`) of the scripts a page runs inline, in page order.
 *
 * - A `<script>` without `src` whose `type` is absent, `module` or a JavaScript type; data blocks
 *   (`application/ld+json`) are not run and need no hash.
 * - The hash is of the exact text between the tags, as browsers compute it.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', text = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/(?:^|\s)src\s*=/i.test(attributes)) continue;
    const type = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i
      .exec(attributes)
      ?.slice(1)
      .find((value) => value !== undefined);
    const runs = type === undefined || /^\s*(?:module|(?:text|application)\/(?:x-)?(?:java|ecma)script)?\s*$/i.test(type);
    if (runs) hashes.push(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
  }
  return hashes;
}

/** One `_headers` rule: a path pattern and the headers for the files it matches. */
export interface HeaderRule {
  path: string;
  headers: ReadonlyArray<readonly [string, string]>;
}

/** The `Content-Type` Dateline sets for a file name, or undefined to leave the host's. */
export function contentTypeOf(name: string): string | undefined {
  if (name === 'rss.xml') return RSS_CONTENT_TYPE;
  return name.endsWith('.xml') ? XML_CONTENT_TYPE : undefined;
}

/**
 * The `_headers` rules for a built site, from the entries at the top of its output folder.
 *
 * - Each header name is set by at most one rule matching any path (see the module comment), so
 *   there is one rule per top-level folder (`/national/*`) or file (`/rss.xml`; an HTML file also
 *   at the address hosts serve it at, `/` for `/index.html`, `/404` for `/404.html`) and no
 *   catch-all for them: it sets `Cache-Control` (a year for hashed
 *   folders, a minute for the rest) and `Content-Security-Policy` (the search policy for
 *   `SCRIPTED_FOLDERS`, the page policy for the rest), and for a feed or sitemap `Content-Type`.
 * - Section feeds lie in section folders, whose rule sets no `Content-Type`: one more rule
 *   (`SECTION_FEED_PATTERN`) sets only theirs.
 * - `/*` carries only `COMMON_HEADERS`. A missing URL at the top level matches no other rule, so
 *   the 404 page carries the page policy itself, in a `<meta>` element.
 * - `searchScriptHashes`: hashes of the search page's inline scripts (`inlineScriptHashes`).
 * - `_headers` and `_redirects` themselves are not served, so they get no rule.
 */
export function headerRules(
  entries: ReadonlyArray<{ name: string; isDirectory: boolean }>,
  { searchScriptHashes = [], embedHosts = EMBED_HOSTS }: { searchScriptHashes?: readonly string[]; embedHosts?: readonly string[] } = {},
): HeaderRule[] {
  const pagePolicy = formatPolicy(contentSecurityPolicy({ embedHosts }));
  const searchPolicy = formatPolicy(contentSecurityPolicy({ embedHosts, search: { inlineScriptHashes: searchScriptHashes } }));
  const rules: HeaderRule[] = [{ path: '/*', headers: COMMON_HEADERS }];
  const sorted = [...entries]
    .filter((entry) => !['_headers', '_redirects'].includes(entry.name))
    .sort((a, b) => compareStrings(a.name, b.name));
  for (const entry of sorted) {
    const cache = entry.isDirectory && HASHED_FOLDERS.includes(entry.name) ? CACHE_IMMUTABLE : CACHE_SHORT;
    const policy = entry.isDirectory && SCRIPTED_FOLDERS.includes(entry.name) ? searchPolicy : pagePolicy;
    const type = entry.isDirectory ? undefined : contentTypeOf(entry.name);
    const headers: Array<readonly [string, string]> = [
      ['Cache-Control', cache],
      ['Content-Security-Policy', policy],
      ...(type ? [['Content-Type', type] as const] : []),
    ];
    const paths = entry.isDirectory
      ? [`/${entry.name}/*`]
      : entry.name.endsWith('.html')
        ? [`/${entry.name === 'index.html' ? '' : entry.name.slice(0, -'.html'.length)}`, `/${entry.name}`]
        : [`/${entry.name}`];
    for (const path of paths) rules.push({ path, headers });
  }
  if (sorted.some((entry) => entry.isDirectory)) rules.push({ path: SECTION_FEED_PATTERN, headers: [['Content-Type', RSS_CONTENT_TYPE]] });
  return rules;
}

/** The text of a `_headers` file: each path, then its headers indented by two spaces. */
export function formatHeaders(rules: readonly HeaderRule[]): string {
  const blocks = rules.map((rule) => [rule.path, ...rule.headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n'));
  return `# Cache and security headers, written by Dateline at build time.\n${blocks.join('\n')}\n`;
}

/**
 * The text of a `_redirects` file: a permanent (301) redirect to each published article's URL
 * from every path of its aliases (`aliasPaths`), ordered by path.
 *
 * - Hosts keep the query string: `/old-story?ref=x` leads to `/national/story/?ref=x`.
 * - A path is written once: should two articles claim it (the content check refuses that), the
 *   article whose URL sorts first keeps it.
 * - Cloudflare Pages reads `MAX_STATIC_REDIRECTS` lines at most: about half as many aliases.
 */
export function formatRedirects(articles: ReadonlyArray<{ section: string; slug: string; aliases: readonly string[] }>): string {
  const targets = new Map<string, string>();
  const pairs = articles
    .flatMap((article) => article.aliases.flatMap((alias) => aliasPaths(alias).map((from) => [from, articlePath(article)] as const)))
    .sort(([a, toA], [b, toB]) => compareStrings(a, b) || compareStrings(toA, toB));
  for (const [from, to] of pairs) if (!targets.has(from)) targets.set(from, to);
  const lines = [...targets].map(([from, to]) => `${from} ${to} 301`);
  return `# Old URLs of renamed or moved articles, written by Dateline at build time.\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}
