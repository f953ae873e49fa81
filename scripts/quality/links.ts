import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { fromXml } from 'xast-util-from-xml';
import type { Element as HastElement } from 'hast';
import type { Element as XastElement } from 'xast';
import { fileOf, listDistFiles, urlPathOf } from './dist.ts';
import { gateSalt, PageMemo } from './memo.ts';

/** A link in the built site that leads nowhere. */
export interface BrokenLink {
  /** The page or file that holds the link, as a URL path: `/national/`, `/sitemap-0.xml`. */
  page: string;
  /** The link exactly as written in the page. */
  link: string;
  /** Why it leads nowhere, and what was probably meant when that is clear. */
  reason: string;
}

export interface LinkCheckOptions {
  /** The site's absolute URL (`https://news.example.com`): absolute links to its origin are internal too. */
  siteUrl: string;
}

/** HTML attributes that load or link to a URL, as hast names them. */
const HTML_URL_PROPERTIES = ['href', 'src', 'poster'] as const;

/** XML elements whose text is a URL (sitemaps' `<loc>`, also `<image:loc>`; RSS `<link>`). */
const XML_URL_ELEMENTS = new Set(['loc', 'link']);

/** XML attributes that hold a URL (Atom `<link href>`, RSS `<enclosure url>`). */
const XML_URL_ATTRIBUTES = ['href', 'src', 'url'];

/** Fragments every browser understands without a matching id. */
const BUILT_IN_FRAGMENTS = new Set(['', 'top']);

interface FoundLink {
  page: string;
  link: string;
}

/**
 * Every internal link in a built site that does not resolve to a file of that site.
 *
 * - Checked: `href`, `src`, `srcset` and `poster` in HTML pages; `<loc>`, `<link>` and
 *   `href`/`src`/`url` attributes in XML files (sitemaps, feeds).
 * - Internal means relative, root-relative, or absolute on the origin of `siteUrl`; other origins
 *   and schemes (`mailto:`, `tel:`) are not followed.
 * - A URL resolves when the file a static host would serve for it exists: `/national/` needs
 *   `national/index.html`. A fragment (`/national/#main`) also needs that id on the target page.
 * - A path the site's `_redirects` file redirects (an article's old URL) resolves when its target
 *   does: the host answers it with the redirect.
 * - Each broken link is reported once per page; the list is sorted by page, then link.
 * - A file whose bytes `memo` has seen is not parsed again: its links and ids are the memo's.
 */
export async function findBrokenLinks(
  distDir: string,
  options: LinkCheckOptions,
  memo: PageMemo<PageLinks> = createLinksMemo(undefined),
): Promise<BrokenLink[]> {
  const files = await listDistFiles(distDir);
  const fileSet = new Set(files);
  const ids = new Map<string, Set<string>>();
  const found: FoundLink[] = [];

  for (const file of files) {
    const page = urlPathOf(file);
    const kind = file.endsWith('.html') ? 'html' : file.endsWith('.xml') ? 'xml' : undefined;
    if (!kind) continue;
    const text = await readFile(join(distDir, file), 'utf8');
    const own = await memo.get(`${kind}\0${text}`, () => (kind === 'html' ? htmlLinks(text) : xmlLinks(text)));
    for (const link of own.links) found.push({ page, link });
    if (kind === 'html') ids.set(file, new Set(own.ids));
  }

  const origin = new URL(options.siteUrl).origin;
  const redirects = fileSet.has('_redirects')
    ? readRedirects(await readFile(join(distDir, '_redirects'), 'utf8'))
    : new Map<string, string>();
  const broken = new Map<string, BrokenLink>();
  for (const { page, link } of found) {
    const key = `${page}\n${link}`;
    if (broken.has(key)) continue;
    const reason = checkLink(link, page, origin, fileSet, ids, redirects);
    if (reason) broken.set(key, { page, link, reason });
  }
  return [...broken.values()].sort((a, b) => compare(a.page, b.page) || compare(a.link, b.link));
}

/** What a page or XML file holds for the link check: the URLs it links to, in order, and its element ids. */
export interface PageLinks {
  links: string[];
  ids: string[];
}

/** A memo of files' links and ids for `findBrokenLinks` (see `PageMemo`), kept in `file` when given. */
export function createLinksMemo(file: string | undefined): PageMemo<PageLinks> {
  return new PageMemo(file, gateSalt(import.meta.url, null));
}

/** The URLs an HTML page loads or links to (`href`, `src`, `poster`, `srcset`) and its ids (`id`, `<a name>`). */
function htmlLinks(html: string): PageLinks {
  const links: string[] = [];
  const ids: string[] = [];
  visit(fromHtml(html), 'element', (node: HastElement) => {
    const id = node.properties['id'];
    if (typeof id === 'string') ids.push(id);
    if (node.tagName === 'a' && typeof node.properties['name'] === 'string') ids.push(node.properties['name']);
    for (const property of HTML_URL_PROPERTIES) {
      const value = node.properties[property];
      if (typeof value === 'string') links.push(value);
    }
    const srcset = node.properties['srcSet'];
    if (typeof srcset === 'string' || Array.isArray(srcset)) links.push(...srcsetUrls(srcset));
  });
  return { links, ids };
}

/** The URLs of an XML file: `<loc>` and `<link>` text, and `href`, `src`, `url` attributes. */
function xmlLinks(xml: string): PageLinks {
  const links: string[] = [];
  visit(fromXml(xml), 'element', (node: XastElement) => {
    const localName = node.name.split(':').pop() ?? node.name;
    if (XML_URL_ELEMENTS.has(localName)) {
      const text = node.children
        .map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : ''))
        .join('')
        .trim();
      if (text) links.push(text);
    }
    for (const attribute of XML_URL_ATTRIBUTES) {
      const value = node.attributes[attribute];
      if (typeof value === 'string') links.push(value);
    }
  });
  return { links, ids: [] };
}

/** Why `link` on `page` leads nowhere, or undefined when it resolves (or is not internal). */
function checkLink(
  link: string,
  page: string,
  origin: string,
  files: ReadonlySet<string>,
  ids: ReadonlyMap<string, ReadonlySet<string>>,
  redirects: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  let url: URL;
  try {
    url = new URL(link, `${origin}${page}`);
  } catch {
    return 'is not a valid URL';
  }
  if (url.origin !== origin) return undefined;
  const target = redirects.get(url.pathname);
  if (target !== undefined) {
    const reason = checkLink(`${target}${url.hash}`, page, origin, files, ids);
    return reason && `redirects (_redirects) to ${target}, which leads nowhere: ${reason}`;
  }
  const file = fileOf(url.pathname, files);
  if (!file) {
    const withSlash = `${url.pathname}/`;
    if (!url.pathname.endsWith('/') && fileOf(withSlash, files))
      return `no such file in the build; the page is ${withSlash} (with the trailing slash)`;
    return 'no such file in the build';
  }
  const fragment = decodeFragment(url.hash);
  const targetIds = ids.get(file);
  if (targetIds && !BUILT_IN_FRAGMENTS.has(fragment) && !targetIds.has(fragment)) {
    return `no element with id “${fragment}” on ${urlPathOf(file)}`;
  }
  return undefined;
}

/** The redirects of a `_redirects` file (`from to [status]` per line, `#` comments), by path: each path's first rule, as hosts apply them. */
export function readRedirects(text: string): Map<string, string> {
  const redirects = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [from, to] = line.trim().split(/\s+/);
    if (!from || from.startsWith('#') || !to || redirects.has(from)) continue;
    redirects.set(from, to);
  }
  return redirects;
}

/** The URLs of a `srcset` (`/a.jpg 1x, /b.jpg 2x` → `/a.jpg`, `/b.jpg`). */
function srcsetUrls(srcset: string | ReadonlyArray<string | number>): string[] {
  const candidates = typeof srcset === 'string' ? srcset.split(',') : srcset.map(String);
  return candidates.map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

function decodeFragment(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line per broken link: `/national/  /national/missing/  no such file in the build`. */
export function formatBrokenLinks(broken: readonly BrokenLink[]): string {
  if (broken.length === 0) return 'No broken internal links.';
  const lines = broken.map(({ page, link, reason }) => `  ${page}  ${link}  ${reason}`);
  return `${broken.length} broken internal link${broken.length === 1 ? '' : 's'} (page  link  reason):\n${lines.join('\n')}`;
}
