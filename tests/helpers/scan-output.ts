import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element, Root } from 'hast';
import { listFiles } from './build.ts';

/** Something executable found in built output. */
export interface Finding {
  file: string;
  what: string;
}

/** Elements that run code, load foreign documents or change how the page resolves URLs. */
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'portal']);
/** Attributes whose value is a URL a browser may navigate to or load. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'data', 'cite', 'background', 'srcSet'];
/** The one form the site itself emits: the search page's, a GET form to itself. */
const isOwnSearchForm = (file: string, props: Element['properties']) =>
  file === 'search/index.html' && props['action'] === '/search/' && String(props['method']).toLowerCase() === 'get';
/** Script elements the site itself emits, allowed by source. */
const OWN_SCRIPT_SOURCES = /^\/(?:_astro|pagefind)\//;

/** Whether a URL, as a browser would read it (control characters and whitespace ignored), runs script. */
export function isScriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- browsers ignore these characters in URLs; so must the scan
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  return /^(?:javascript|vbscript|livescript|data):/.test(compact) && !/^data:image\/(?:png|jpe?g|gif|webp|avif);/.test(compact);
}

/**
 * Everything executable in one parsed HTML document or fragment.
 *
 * - `<script>`: only JSON-LD (`type="application/ld+json"`, which must parse as JSON) and the
 *   site's own bundles (`/_astro/…`, `/pagefind/…`).
 * - Any `on*` event-handler attribute; any script URL in a URL attribute; `<meta http-equiv=refresh>`;
 *   frames, objects, embeds, forms (but the search page's own) and `<base>`.
 */
export function scanHtml(tree: Root, file: string, { ownInlineScripts = false }: { ownInlineScripts?: boolean } = {}): Finding[] {
  const findings: Finding[] = [];
  visit(tree, 'element', (node: Element) => {
    const tag = node.tagName.toLowerCase();
    const props = node.properties;
    if (tag === 'script') {
      const type = String(props['type'] ?? '');
      const src = typeof props['src'] === 'string' ? props['src'] : undefined;
      if (type === 'application/ld+json') {
        const text = node.children.map((child) => ('value' in child ? child.value : '')).join('');
        try {
          JSON.parse(text);
        } catch {
          findings.push({ file, what: `JSON-LD that is not JSON: ${text.slice(0, 80)}` });
        }
      } else if (src ? !OWN_SCRIPT_SOURCES.test(src) : !ownInlineScripts) {
        findings.push({ file, what: `<script${src ? ` src="${src}"` : ''}> ${textOf(node).slice(0, 60)}` });
      }
    }
    if (FORBIDDEN_ELEMENTS.has(tag) && !(tag === 'form' && isOwnSearchForm(file, props))) findings.push({ file, what: `<${tag}> element` });
    if (
      tag === 'meta' &&
      String(props['httpEquiv'] ?? '')
        .toLowerCase()
        .includes('refresh')
    )
      findings.push({ file, what: '<meta http-equiv=refresh>' });
    for (const [name, value] of Object.entries(props)) {
      if (/^on/i.test(name)) findings.push({ file, what: `<${tag} ${name}="${String(value)}">` });
      if (URL_ATTRIBUTES.includes(name)) {
        const values = Array.isArray(value) ? value.map(String) : [String(value)];
        for (const url of values) if (isScriptUrl(url)) findings.push({ file, what: `<${tag} ${name}="${url}">` });
      }
    }
  });
  return findings;
}

function textOf(node: Element): string {
  let text = '';
  visit(node, 'text', (child) => {
    text += child.value;
  });
  return text;
}

/** Decodes the five XML entities and numeric character references. */
function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Scans an XML file (feeds, sitemaps).
 *
 * - The text of elements that feeds define as HTML (RSS `description`, `content:encoded`, Atom
 *   `content` and `summary`) is what a feed reader renders, so it is scanned as HTML.
 * - URL elements (`link`, `guid`, `loc`, …) and URL attributes (`url`, `href`, `src`) must not be script URLs.
 */
export function scanXml(xml: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const leaves = /<([\w:.-]+)(?:\s[^>]*)?>(<!\[CDATA\[[\s\S]*?\]\]>|[^<]*)<\/\1>/g;
  for (const [, tag = '', inner = ''] of xml.matchAll(leaves)) {
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(inner);
    const text = cdata ? cdata[1]! : decodeXml(inner);
    if (/^(?:description|content:encoded|content|summary)$/.test(tag) && text.includes('<')) {
      findings.push(...scanHtml(fromHtml(text, { fragment: true }), `${file} <${tag}>`));
    }
    if (/^(?:link|guid|loc|url|comments|docs|id)$/i.test(tag.replace(/^[\w.-]+:/, '')) && isScriptUrl(text.trim())) {
      findings.push({ file, what: `<${tag}>${text.trim()}</${tag}>` });
    }
  }
  for (const [, tag = '', name = '', value = ''] of xml.matchAll(/<([\w:.-]+)[^>]*?\s([\w:-]*(?:url|href|src))="([^"]*)"/gi)) {
    if (isScriptUrl(decodeXml(value))) findings.push({ file, what: `<${tag} ${name}="${value}">` });
  }
  return findings;
}

/** Scans a JSON file: string values under URL-like keys must not be script URLs. */
export function scanJson(json: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (/(?:url|href|src|@id|image|logo|sameas)$/i.test(key) && isScriptUrl(value)) findings.push({ file, what: `"${key}": "${value}"` });
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(JSON.parse(json), '');
  return findings;
}

/**
 * Scans every HTML, XML and JSON file under a built site.
 *
 * `scriptPages` are the pages whose own inline scripts are expected; none today (the search
 * page's script is a file under `/_astro/`).
 */
export async function scanSite(outDir: string, scriptPages: readonly string[] = []): Promise<{ files: number; findings: Finding[] }> {
  const files = (await listFiles(outDir)).filter((file) => /\.(?:html|xml|json)$/.test(file));
  const findings: Finding[] = [];
  for (const file of files) {
    const text = await readFile(join(outDir, file), 'utf8');
    if (file.endsWith('.html')) findings.push(...scanHtml(fromHtml(text), file, { ownInlineScripts: scriptPages.includes(file) }));
    else if (file.endsWith('.xml')) findings.push(...scanXml(text, file));
    else findings.push(...scanJson(text, file));
  }
  return { files: files.length, findings };
}
