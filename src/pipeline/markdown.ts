import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import { remarkGuardLiteralAutolinks, someText } from '../adapters/gfm-autolink-transform.ts';
import { remarkBlockDirectives } from '../adapters/micromark-block-directives.ts';
import { GFM_CONSTRUCTS, remarkWithoutConstructs } from '../adapters/micromark-constructs.ts';
import type { BodyImageLayout } from '../schemas/record.ts';
import { BODY_IMAGE_MARKER, isPipelineImageUrl } from './body-images.ts';
import { remarkDirectiveElements, type DirectiveProblem } from './directives.ts';
import { describeRemovedEmbed, REMOVED_EMBED_TAGS } from './embeds.ts';
import { ARTICLE_LIMITS, checkBodyLimits } from './limits.ts';
import { ARTICLE_LINK_SCHEME, classifyLink, resolveArticleFileLink, type BodyReference } from './links.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/** An article body rendered to HTML, with what it links to. */
export interface RenderedBody {
  /** Sanitized HTML. Links to other articles' files are written `dateline-article:<id>` until pages resolve them. */
  html: string;
  /** Every link that is not external, with its position (lines counted from the body's first line). */
  links: BodyReference[];
  /** Every image in the body, with its alt text (empty string when missing) and how it is laid out. */
  images: (BodyReference & { alt: string; layout: BodyImageLayout })[];
  /** In-page links (`#the-figures`) whose target is no heading or footnote of the body. */
  brokenFragments: BodyReference[];
  /** Mistakes in `::` and `:::` directives (see `directives.ts`); each directive with one is left out. */
  directiveProblems: DirectiveProblem[];
  /** Raw `<script>`, `<iframe>`, `<embed>` and `<object>` elements the sanitizer removed, each with what to write instead. */
  removedEmbeds: (BodyReference & { message: string })[];
}

interface RenderData {
  links: BodyReference[];
  images: (BodyReference & { alt: string; layout: BodyImageLayout })[];
  brokenFragments: BodyReference[];
  directiveProblems: DirectiveProblem[];
  removedEmbeds: (BodyReference & { message: string })[];
  sourceId: string;
}

/**
 * The prefix of every `id` in a body, added by the sanitizer: a story's anchors can never take
 * the name of one of the page's own (`main`, `headline`), and GitHub's convention is kept.
 */
export const ANCHOR_PREFIX = 'user-content-';

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

/** How an image is laid out, from the elements around it (see `directives.ts`): in a gallery, a video's poster, or on its own. */
function layoutOf(ancestors: readonly Element[]): BodyImageLayout {
  const classes = (element: Element) => {
    const value = element.properties['className'];
    return Array.isArray(value) ? value.map(String) : [];
  };
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const ancestor = ancestors[index]!;
    if (ancestor.tagName === 'a' && classes(ancestor).includes('embed-link')) return 'poster';
    if (ancestor.tagName === 'figure' && classes(ancestor).some((name) => name === 'gallery' || name === 'gallery-item')) return 'gallery';
  }
  return 'figure';
}

/** Calls `visit` on every element with the elements it is inside, outermost first. */
function forEachWithAncestors(
  node: HastRoot | Element,
  ancestors: Element[],
  visit: (element: Element, ancestors: readonly Element[]) => void,
): void {
  for (const child of node.children as RootContent[]) {
    if (child.type !== 'element') continue;
    visit(child, ancestors);
    ancestors.push(child);
    forEachWithAncestors(child, ancestors, visit);
    ancestors.pop();
  }
}

/**
 * After sanitizing: records the internal links and images that survived, with their source
 * positions; points in-page links at the anchors the sanitizer prefixed (`#the-figures` →
 * `#user-content-the-figures`) and records those with no target; turns relative links to other
 * articles' `.md` files into `dateline-article:<id>#hash`, resolved when pages render; marks each
 * image of the site (not an address) with `BODY_IMAGE_MARKER` and its layout, for pages to
 * replace with the sizes the image pipeline cut (see `src/lib/body-images.ts`).
 */
function rehypeReferences() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data as unknown as RenderData;
    const ids = new Set<string>();
    forEachElement(tree, (node) => {
      if (typeof node.properties['id'] === 'string') ids.add(node.properties['id']);
    });
    forEachWithAncestors(tree, [], (node, ancestors) => {
      // An author's class the allowlist did not keep leaves an empty list: no `class=""`.
      const className = node.properties['className'];
      if (Array.isArray(className) && className.length === 0) delete node.properties['className'];
      const where = { line: node.position?.start.line, column: node.position?.start.column };
      if (node.tagName === 'a' && typeof node.properties['href'] === 'string') {
        const url = node.properties['href'];
        const kind = classifyLink(url);
        if (kind === 'fragment') {
          const anchor = decodeFragment(url.slice(1));
          if (anchor === '' || ids.has(anchor)) return;
          if (ids.has(`${ANCHOR_PREFIX}${anchor}`)) node.properties['href'] = `#${ANCHOR_PREFIX}${anchor}`;
          else data.brokenFragments.push({ url, ...where });
          return;
        }
        if (kind !== 'external') data.links.push({ url, ...where });
        if (kind !== 'article-file') return;
        const target = resolveArticleFileLink(data.sourceId, url);
        if (target) node.properties['href'] = `${ARTICLE_LINK_SCHEME}${target.id}${target.hash}`;
      } else if (node.tagName === 'img') {
        const { src, alt, title, width, height } = node.properties;
        const layout = layoutOf(ancestors);
        data.images.push({ url: String(src ?? ''), alt: typeof alt === 'string' ? alt.trim() : '', layout, ...where });
        if (typeof src !== 'string' || !isPipelineImageUrl(src)) return;
        // Attributes in a fixed order, the marker last: what `replaceBodyImages` reads back.
        node.properties = {
          src,
          alt: typeof alt === 'string' ? alt : '',
          ...(title === undefined ? {} : { title }),
          ...(width === undefined ? {} : { width }),
          ...(height === undefined ? {} : { height }),
          [MARKER_PROPERTY]: layout,
        };
      }
    });
  };
}

/** `BODY_IMAGE_MARKER` as a hast property name. */
const MARKER_PROPERTY = BODY_IMAGE_MARKER.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Before sanitizing: records each `<script>`, `<iframe>`, `<embed>` and `<object>` that raw HTML
 * brought in, which the sanitizer removes, with what to write instead (`describeRemovedEmbed`):
 * `npm run check` warns about each, at its line.
 */
function rehypeNoteRemovedEmbeds() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data as unknown as RenderData;
    const found: Element[] = [];
    // The networks' embed codes are a `<blockquote>` linking to the post, then their script.
    const links: string[] = [];
    forEachWithAncestors(tree, [], (node, ancestors) => {
      if ((REMOVED_EMBED_TAGS as readonly string[]).includes(node.tagName)) found.push(node);
      if (node.tagName === 'a' && typeof node.properties['href'] === 'string' && ancestors.some((above) => above.tagName === 'blockquote'))
        links.push(node.properties['href']);
    });
    for (const node of found) {
      const source = node.properties[node.tagName === 'object' ? 'data' : 'src'];
      const title = node.properties['title'];
      data.removedEmbeds.push({
        url: typeof source === 'string' ? source : '',
        line: node.position?.start.line,
        column: node.position?.start.column,
        message: describeRemovedEmbed({
          tag: node.tagName as (typeof REMOVED_EMBED_TAGS)[number],
          src: typeof source === 'string' ? source : undefined,
          title: typeof title === 'string' ? title : undefined,
          nearby: links,
        }),
      });
    }
  };
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
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

/**
 * Text that a literal autolink can start in: every pattern of remark-gfm's transform needs
 * `http://`, `https://` or `www.` (in any case) or an `@`. Stories whose URLs are all inside
 * Markdown links give the transform nothing to find, and it walks the tree four times.
 */
const LITERAL_AUTOLINK_TEXT = /@|https?:\/\/|www\./i;

/** The error that stops rendering a body past one of `ARTICLE_LIMITS` (`checkBodyLimits`, `remarkTreeDepthLimit`). */
export class LimitError extends Error {
  /** The line of the body where the limit was passed. */
  readonly line: number | undefined;
  constructor(message: string, line: number | undefined) {
    super(message);
    this.name = 'LimitError';
    this.line = line;
  }
}

/**
 * Stops a body whose Markdown tree is deeper than `ARTICLE_LIMITS.treeDepth` (emphasis, links,
 * quotes and lists inside each other), before any step that walks the tree recursively: it runs
 * as the first from-markdown transform, ahead of remark-gfm's. The depth is measured without
 * recursion.
 */
function remarkTreeDepthLimit(this: Processor): undefined {
  const data = this.data();
  const check = (tree: MdastRoot) => {
    const stack: [MdastNodes, number][] = [[tree, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (depth > ARTICLE_LIMITS.treeDepth) {
        throw new LimitError(
          `the text is nested more than ${ARTICLE_LIMITS.treeDepth} levels deep here (emphasis, links, quotes or lists inside each other); an article may nest at most ${ARTICLE_LIMITS.treeDepth}`,
          node.position?.start.line,
        );
      }
      if ('children' in node) for (const child of node.children as MdastNodes[]) stack.push([child, depth + 1]);
    }
  };
  data.fromMarkdownExtensions = [{ transforms: [check] }, ...(data.fromMarkdownExtensions ?? [])];
  return undefined;
}

/**
 * Markdown → HTML for article bodies.
 *
 * remark-parse → remark-gfm → remark-rehype (raw HTML kept) → rehype-raw → demote h1, table
 * alignment classes → rehype-slug (an `id` for every heading, from its text) → rehype-sanitize
 * (allowlist in `sanitize-schema.ts`; every `id` prefixed with `ANCHOR_PREFIX`) → collect links
 * and images, in-page and article-file links → rehype-stringify. Sanitizing comes after
 * everything that could introduce unsafe HTML; the step after it only reads, or rewrites hrefs it
 * has checked.
 */
function createProcessor(fastPaths: boolean, without: readonly OptionalConstruct[]) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkBlockDirectives)
      .use(
        remarkWithoutConstructs,
        without.map((name) => GFM_CONSTRUCTS[name]),
      )
      // unified's way to leave a plugin out: `false` as its option.
      .use(remarkGuardLiteralAutolinks, fastPaths && ((tree: MdastRoot) => someText(tree, LITERAL_AUTOLINK_TEXT)))
      // Registered last, it puts its transform first (see `remarkTreeDepthLimit`).
      .use(remarkTreeDepthLimit)
      .use(remarkDirectiveElements)
      // Footnote ids unprefixed here: the sanitizer prefixes every id, footnotes' and headings' alike.
      .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
      .use(rehypeRawWhenPresent)
      .use(rehypeNoteRemovedEmbeds)
      .use(rehypeShapeBody)
      .use(rehypeSlug)
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
 * Throws `LimitError` (with the line) for a body past `ARTICLE_LIMITS`, checked on the text before
 * it is parsed and, for nesting, on the tree before anything walks it.
 *
 * `sourceId` (the article's id, e.g. `2025/03/carney-in-paris`) resolves relative `.md` links.
 * `fastPaths: false` parses with every GFM construct (for comparing; the output is the same).
 */
export function renderMarkdown(markdown: string, sourceId = '', { fastPaths = true } = {}): RenderedBody {
  const tooDeep = checkBodyLimits(markdown);
  if (tooDeep) throw new LimitError(tooDeep.message, tooDeep.line);
  const data: RenderData = { links: [], images: [], brokenFragments: [], directiveProblems: [], removedEmbeds: [], sourceId };
  const file = processorFor(markdown, fastPaths).processSync({ value: markdown, data: data as unknown as Record<string, unknown> });
  return {
    html: String(file),
    links: data.links,
    images: data.images,
    brokenFragments: data.brokenFragments,
    directiveProblems: data.directiveProblems,
    removedEmbeds: data.removedEmbeds,
  };
}
