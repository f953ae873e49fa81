import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Data, type Processor } from 'unified';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import { ARTICLE_LINK_SCHEME, classifyLink, resolveArticleFileLink, type BodyReference } from './links.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/** An article body rendered to HTML, with what it links to. */
export interface RenderedBody {
  /** Sanitized HTML. Links to other articles' files are written `dateline-article:<id>` until pages resolve them. */
  html: string;
  /** Every link that is not external, with its position (lines counted from the body's first line). */
  links: BodyReference[];
  /** Every image in the body, with its alt text (empty string when missing). */
  images: (BodyReference & { alt: string })[];
}

interface RenderData {
  links: BodyReference[];
  images: (BodyReference & { alt: string })[];
  sourceId: string;
}

/** Calls `visit` on every element of the tree, parents before children, in document order. */
function forEachElement(node: HastRoot | Element, visit: (element: Element) => void): void {
  for (const child of node.children as RootContent[]) {
    if (child.type !== 'element') continue;
    visit(child);
    forEachElement(child, visit);
  }
}

/**
 * Before sanitizing: the page's headline is its only `<h1>`, so a `#` heading in the body becomes
 * `<h2>`; GFM column alignment becomes a class (`align-right`) instead of the obsolete `align`.
 */
export function rehypeShapeBody() {
  return (tree: HastRoot) => {
    forEachElement(tree, (node) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
      const align = node.properties['align'];
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
        delete node.properties['align'];
        node.properties['className'] = [`align-${align}`];
      }
    });
  };
}

/**
 * After sanitizing: records the internal links and images that survived, with their source
 * positions, and turns relative links to other articles' `.md` files into
 * `dateline-article:<id>#hash`, resolved when pages render.
 */
function rehypeReferences() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data as unknown as RenderData;
    forEachElement(tree, (node) => {
      const where = { line: node.position?.start.line, column: node.position?.start.column };
      if (node.tagName === 'a' && typeof node.properties['href'] === 'string') {
        const url = node.properties['href'];
        const kind = classifyLink(url);
        if (kind !== 'external' && kind !== 'fragment') data.links.push({ url, ...where });
        if (kind !== 'article-file') return;
        const target = resolveArticleFileLink(data.sourceId, url);
        if (target) node.properties['href'] = `${ARTICLE_LINK_SCHEME}${target.id}${target.hash}`;
      } else if (node.tagName === 'img') {
        const alt = node.properties['alt'];
        data.images.push({ url: String(node.properties['src'] ?? ''), alt: typeof alt === 'string' ? alt.trim() : '', ...where });
      }
    });
  };
}

/** Whether the tree holds raw HTML. */
function hasRaw(node: HastRoot | RootContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && (node.children as RootContent[]).some(hasRaw);
}

/**
 * `rehype-raw`, run only on a body with raw HTML. Without any, there is nothing to parse, and
 * sending the tree through the HTML parser anyway only costs time (and drops the first newline of
 * a code block that starts with a blank line).
 */
function rehypeRawWhenPresent() {
  const parseRaw = rehypeRaw();
  return (tree: HastRoot, file: VFile) => (hasRaw(tree) ? parseRaw(tree, file) : tree);
}

/**
 * GFM syntax that most bodies cannot contain, with the text without which it cannot occur.
 *
 * micromark tries these constructs at every word (email autolinks) or every line (tables) of
 * every body, which is about half of the parse. When the text cannot hold them, the body is
 * parsed without them: the tree is the same (`markdown-fast-paths.test.ts` compares both ways).
 * - an email autolink (`name@example.com`) has an `@`;
 * - a table's delimiter row has a `|`, or a `:` next to a `-` (`a` then `:-` is a one-column table).
 */
export const OPTIONAL_CONSTRUCTS = {
  emailAutolink: (markdown: string) => markdown.includes('@'),
  table: (markdown: string) => /\||:-|-:/.test(markdown),
} as const;
type OptionalConstruct = keyof typeof OPTIONAL_CONSTRUCTS;

/** Removes the named constructs from the micromark extensions added so far (by `remark-gfm`). */
function remarkWithoutConstructs(this: Processor, names: readonly string[]) {
  const data = this.data();
  const keep = (construct: unknown) => !names.includes((construct as { name?: string }).name ?? '');
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) => {
    const filtered: Record<string, unknown> = {};
    for (const [kind, map] of Object.entries(extension as Record<string, Record<string, unknown>>)) {
      if (map === null || typeof map !== 'object' || Array.isArray(map)) {
        filtered[kind] = map;
        continue;
      }
      const constructs: Record<string, unknown> = {};
      for (const [code, value] of Object.entries(map)) {
        const list = (Array.isArray(value) ? value : [value]).filter(keep);
        if (list.length > 0) constructs[code] = list;
      }
      filtered[kind] = constructs;
    }
    return filtered as NonNullable<Data['micromarkExtensions']>[number];
  });
}

/** The mdast transform of remark-gfm that turns URLs and emails written as plain text into links. */
export const LITERAL_AUTOLINK_TRANSFORM = 'transformGfmAutolinkLiterals';

/**
 * Text that a literal autolink can start in: every pattern of the transform needs `http://`,
 * `https://` or `www.` (in any case) or an `@`.
 */
const LITERAL_AUTOLINK_TEXT = /@|https?:\/\/|www\./i;

/** Whether any text node of the tree holds text a literal autolink needs. */
function hasAutolinkText(node: MdastNodes): boolean {
  if (node.type === 'text') return LITERAL_AUTOLINK_TEXT.test(node.value);
  return 'children' in node && (node.children as MdastNodes[]).some(hasAutolinkText);
}

/**
 * Runs remark-gfm's literal-autolink transform only on a tree with text it could match.
 *
 * The transform walks the whole tree four times (once per pattern, with a matcher per node), about
 * a tenth of a body's parse; stories whose URLs are all inside Markdown links have no text for it.
 * One walk over the text nodes says whether it can find anything; the tree is the same either way.
 */
function remarkLiteralAutolinksWhenPresent(this: Processor) {
  const data = this.data();
  const guard = (extension: unknown): unknown => {
    if (Array.isArray(extension)) return extension.map(guard);
    const { transforms } = extension as { transforms?: ((tree: MdastRoot) => MdastRoot | undefined)[] };
    if (!transforms) return extension;
    return {
      ...(extension as object),
      transforms: transforms.map((transform) =>
        transform.name === LITERAL_AUTOLINK_TRANSFORM
          ? (tree: MdastRoot) => (hasAutolinkText(tree) ? transform(tree) : undefined)
          : transform,
      ),
    };
  };
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(guard) as NonNullable<Data['fromMarkdownExtensions']>;
}

/**
 * Markdown → HTML for article bodies.
 *
 * remark-parse → remark-gfm → remark-rehype (raw HTML kept) → rehype-raw → demote h1, table
 * alignment classes → rehype-sanitize (allowlist in `sanitize-schema.ts`) → collect links and
 * images, article-file links → rehype-stringify. Sanitizing comes after everything that could
 * introduce unsafe HTML; the step after it only reads, or rewrites hrefs it has checked.
 */
function createProcessor(fastPaths: boolean, without: readonly OptionalConstruct[]) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkWithoutConstructs, without)
      // unified's way to leave a plugin out: `false` as its option.
      .use(remarkLiteralAutolinksWhenPresent, fastPaths)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRawWhenPresent)
      .use(rehypeShapeBody)
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeReferences)
      .use(rehypeStringify)
      .freeze()
  );
}

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/**
 * The processor for a body: with `fastPaths`, full GFM less the constructs its text cannot contain,
 * and the literal-autolink transform only where it can find something.
 */
function processorFor(markdown: string, fastPaths: boolean) {
  const without = fastPaths
    ? (Object.keys(OPTIONAL_CONSTRUCTS) as OptionalConstruct[]).filter((name) => !OPTIONAL_CONSTRUCTS[name](markdown))
    : [];
  const key = `${fastPaths} ${without.join(' ')}`;
  let processor = processors.get(key);
  if (!processor) {
    processor = createProcessor(fastPaths, without);
    processors.set(key, processor);
  }
  return processor;
}

/**
 * Renders an article body to safe HTML. Deterministic: the same Markdown always gives the same HTML.
 *
 * `sourceId` (the article's id, e.g. `2025/03/carney-in-paris`) resolves relative `.md` links.
 * `fastPaths: false` parses with every GFM construct (for comparing; the output is the same).
 */
export function renderMarkdown(markdown: string, sourceId = '', { fastPaths = true } = {}): RenderedBody {
  const data: RenderData = { links: [], images: [], sourceId };
  const file = processorFor(markdown, fastPaths).processSync({ value: markdown, data: data as unknown as Record<string, unknown> });
  return { html: String(file), links: data.links, images: data.images };
}
