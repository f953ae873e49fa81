import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { fileOf, listDistFiles, urlPathOf } from './dist.ts';
import { gateSalt, PageMemo } from './memo.ts';

/** The kinds of page a newsroom build has; each has its own budget. */
export const PAGE_TYPES = ['home', 'section-front', 'article', 'term', 'search', 'not-found', 'other'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** What one page may weigh. */
export interface Budget {
  /** Most bytes of HTML plus the CSS and JavaScript it loads, each file gzipped. Images and fonts are not counted. */
  maxBytes: number;
  /** Most scripts: `<script>` elements that run (JSON-LD and other data blocks do not) and module preloads. */
  maxScripts: number;
}

const KB = 1024;

/**
 * The budgets `npm test` holds every page to.
 *
 * - Articles: 20 KB and no JavaScript, measured on a 900-word story with a lead image and a full
 *   rail; what a reader on a slow phone connection downloads before the text can be read.
 * - Home and section fronts: 20 KB and no JavaScript, like an article: lists of headlines with
 *   summaries weigh about what a story does.
 * - Topic and author pages and their indexes (`term`): 20 KB and no JavaScript, lists like fronts.
 * - Search: 48 KB with up to 2 scripts: Pagefind's UI (about 30 KB gzipped) is the only
 *   JavaScript the site ships; the index itself is fetched as the reader types, and not counted.
 * - Not-found: 10 KB, it is a short page.
 * - Other pages: 20 KB and no JavaScript; a new kind of page gets its own line here.
 */
export const BUDGETS: Record<PageType, Budget> = {
  home: { maxBytes: 20 * KB, maxScripts: 0 },
  'section-front': { maxBytes: 20 * KB, maxScripts: 0 },
  article: { maxBytes: 20 * KB, maxScripts: 0 },
  term: { maxBytes: 20 * KB, maxScripts: 0 },
  search: { maxBytes: 48 * KB, maxScripts: 2 },
  'not-found': { maxBytes: 10 * KB, maxScripts: 0 },
  other: { maxBytes: 20 * KB, maxScripts: 0 },
};

/**
 * The type of the page at a URL path, from the site's URL scheme (see `src/lib/urls.ts`).
 *
 * - `/` is the home page; `/404.html` the not-found page; `/search/` the search page.
 * - `/tags/…` and `/authors/…` (indexes, pages and their numbered pages) are term pages.
 * - `/<section>/` and `/<section>/page/<n>/` are section fronts; `/<section>/<slug>/` is an article.
 * - Anything else is `other`.
 */
export function classifyPage(urlPath: string, sectionSlugs: readonly string[]): PageType {
  if (urlPath === '/') return 'home';
  if (urlPath === '/404.html') return 'not-found';
  if (urlPath === '/search/') return 'search';
  const parts = urlPath.split('/').filter(Boolean);
  if (urlPath.endsWith('/') && (parts[0] === 'tags' || parts[0] === 'authors')) return 'term';
  if (!urlPath.endsWith('/') || !sectionSlugs.includes(parts[0] ?? '')) return 'other';
  if (parts.length === 1 || (parts.length === 3 && parts[1] === 'page' && /^\d+$/.test(parts[2] ?? ''))) return 'section-front';
  if (parts.length === 2) return 'article';
  return 'other';
}

/** What one built page costs a reader, gzipped. */
export interface PageWeight {
  /** URL path of the page. */
  page: string;
  type: PageType;
  /** The page's HTML, gzipped. */
  htmlBytes: number;
  /** Stylesheets it links, each gzipped. */
  cssBytes: number;
  /** Script files it loads, each gzipped (inline scripts are part of the HTML). */
  jsBytes: number;
  /** HTML + CSS + JavaScript. */
  totalBytes: number;
  /** Scripts that would run, plus module preloads. */
  scripts: number;
}

/** Script types that are data, not code. */
const DATA_SCRIPT_TYPES = new Set(['application/ld+json', 'application/json', 'importmap', 'speculationrules']);

/** Bytes of `content` gzipped as a CDN would (zlib's default level). */
export function gzipSize(content: string | Uint8Array): number {
  return gzipSync(content).length;
}

/** What a page's own bytes say about its weight: its gzipped size, what it loads (as written) and how many scripts run. */
export interface PageLoads {
  htmlBytes: number;
  stylesheets: string[];
  scriptFiles: string[];
  scripts: number;
}

/** A memo of pages' loads for `measurePages` (see `PageMemo`), kept in `file` when given. */
export function createBudgetsMemo(file: string | undefined): PageMemo<PageLoads> {
  return new PageMemo(file, gateSalt(import.meta.url, null));
}

/** The gzipped size of `html`, the stylesheets and script files it loads (URLs as written) and the scripts that run. */
function pageLoads(html: Buffer): PageLoads {
  const stylesheets: string[] = [];
  const scriptFiles: string[] = [];
  let scripts = 0;
  visit(fromHtml(html.toString('utf8')), 'element', (node: Element) => {
    const rel = relOf(node);
    const url = (value: unknown) => (typeof value === 'string' ? [value] : []);
    if (node.tagName === 'link' && rel.includes('stylesheet')) {
      stylesheets.push(...url(node.properties['href']));
    } else if (node.tagName === 'link' && rel.includes('modulepreload')) {
      scripts++;
      scriptFiles.push(...url(node.properties['href']));
    } else if (node.tagName === 'script' && !DATA_SCRIPT_TYPES.has(String(node.properties['type'] ?? '').toLowerCase())) {
      scripts++;
      scriptFiles.push(...url(node.properties['src']));
    }
  });
  return { htmlBytes: gzipSize(html), stylesheets, scriptFiles, scripts };
}

/**
 * Weighs every HTML page in a build.
 *
 * - Stylesheets (`<link rel="stylesheet">`) and scripts (`<script src>`, `<link rel="modulepreload">`)
 *   of the site itself are counted once per page; files from other origins are not counted.
 * - `classify` gives each page its type (see `classifyPage`).
 * - A page whose bytes `memo` has seen is not parsed again (what it loads is the memo's); the
 *   files it loads are weighed on every run.
 */
export async function measurePages(
  distDir: string,
  classify: (urlPath: string) => PageType,
  memo: PageMemo<PageLoads> = createBudgetsMemo(undefined),
): Promise<PageWeight[]> {
  const files = await listDistFiles(distDir);
  const fileSet = new Set(files);
  const sizes = new Map<string, number>();
  const sizeOf = async (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) {
      size = gzipSize(await readFile(join(distDir, file)));
      sizes.set(file, size);
    }
    return size;
  };

  const weights: PageWeight[] = [];
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const page = urlPathOf(file);
    const html = await readFile(join(distDir, file));
    const loads = await memo.get(html, () => pageLoads(html));
    const local = (urls: readonly string[]) => new Set(urls.flatMap((url) => localFile(url, page, fileSet) ?? []));
    let cssBytes = 0;
    for (const css of local(loads.stylesheets)) cssBytes += await sizeOf(css);
    let jsBytes = 0;
    for (const js of local(loads.scriptFiles)) jsBytes += await sizeOf(js);
    const { htmlBytes, scripts } = loads;
    weights.push({ page, type: classify(page), htmlBytes, cssBytes, jsBytes, totalBytes: htmlBytes + cssBytes + jsBytes, scripts });
  }
  return weights;
}

function relOf(node: Element): string[] {
  const rel: unknown = node.properties['rel'];
  const values: unknown[] = Array.isArray(rel) ? rel : typeof rel === 'string' ? rel.split(/\s+/) : [];
  return values.map((value) => String(value).toLowerCase());
}

/** The built file a same-site URL on `page` points to, if any. */
function localFile(url: string, page: string, files: ReadonlySet<string>): string | undefined {
  const base = 'http://dateline.invalid';
  const resolved = new URL(url, `${base}${page}`);
  return resolved.origin === base ? fileOf(resolved.pathname, files) : undefined;
}

/** A page over its budget. */
export interface BudgetFailure {
  page: string;
  type: PageType;
  message: string;
}

/** Every page over the budget of its type, with what it weighs and what it may weigh. */
export function checkBudgets(weights: readonly PageWeight[], budgets: Record<PageType, Budget> = BUDGETS): BudgetFailure[] {
  const failures: BudgetFailure[] = [];
  for (const weight of weights) {
    const budget = budgets[weight.type];
    if (weight.totalBytes > budget.maxBytes) {
      failures.push({
        page: weight.page,
        type: weight.type,
        message: `${formatKb(weight.totalBytes)} gzipped (HTML ${formatKb(weight.htmlBytes)} + CSS ${formatKb(weight.cssBytes)} + JS ${formatKb(weight.jsBytes)}), budget ${formatKb(budget.maxBytes)}`,
      });
    }
    if (weight.scripts > budget.maxScripts) {
      failures.push({ page: weight.page, type: weight.type, message: `${weight.scripts} script(s), budget ${budget.maxScripts}` });
    }
  }
  return failures;
}

/** `12.3 KB` (1 KB = 1,024 bytes). */
export function formatKb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

/**
 * A table of the figures per page type: how many pages, the heaviest page and what it weighs, the
 * median, scripts, and the budget.
 */
export function formatBudgetReport(weights: readonly PageWeight[], budgets: Record<PageType, Budget> = BUDGETS): string {
  const header = ['type', 'pages', 'heaviest page', 'HTML', 'CSS', 'JS', 'total', 'median', 'scripts', 'budget'];
  const rows: string[][] = [header];
  for (const type of PAGE_TYPES) {
    const ofType = weights.filter((weight) => weight.type === type);
    if (ofType.length === 0) continue;
    const byWeight = [...ofType].sort((a, b) => b.totalBytes - a.totalBytes || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
    const heaviest = byWeight[0]!;
    const median = byWeight[Math.floor(byWeight.length / 2)]!;
    const scripts = Math.max(...ofType.map((weight) => weight.scripts));
    const budget = budgets[type];
    rows.push([
      type,
      String(ofType.length),
      heaviest.page,
      formatKb(heaviest.htmlBytes),
      formatKb(heaviest.cssBytes),
      formatKb(heaviest.jsBytes),
      formatKb(heaviest.totalBytes),
      formatKb(median.totalBytes),
      String(scripts),
      `${formatKb(budget.maxBytes)}, ${budget.maxScripts} scripts`,
    ]);
  }
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = new Set([1, 3, 4, 5, 6, 7, 8]);
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
  return `Page weight, gzipped (HTML + CSS + JS; images excluded):\n${lines.join('\n')}`;
}
