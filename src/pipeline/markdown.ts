import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Root as HastRoot } from 'hast';
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

/**
 * The page's headline is its only `<h1>`: a `#` heading in the body becomes `<h2>`.
 */
export function rehypeDemoteH1() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
    });
  };
}

/**
 * GFM column alignment becomes a class (`align-right`) instead of the obsolete `align` attribute.
 */
export function rehypeTableAlignClass() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node) => {
      const align = node.properties['align'];
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
        delete node.properties['align'];
        node.properties['className'] = [`align-${align}`];
      }
    });
  };
}

/** Records internal links and images that survived sanitizing, with their source positions. */
function rehypeCollectReferences() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data as unknown as RenderData;
    visit(tree, 'element', (node) => {
      const where = { line: node.position?.start.line, column: node.position?.start.column };
      if (node.tagName === 'a' && typeof node.properties['href'] === 'string') {
        const url = node.properties['href'];
        const kind = classifyLink(url);
        if (kind !== 'external' && kind !== 'fragment') data.links.push({ url, ...where });
      } else if (node.tagName === 'img') {
        const alt = node.properties['alt'];
        data.images.push({ url: String(node.properties['src'] ?? ''), alt: typeof alt === 'string' ? alt.trim() : '', ...where });
      }
    });
  };
}

/** Turns relative links to other articles' `.md` files into `dateline-article:<id>#hash`, resolved when pages render. */
function rehypeArticleFileLinks() {
  return (tree: HastRoot, file: VFile) => {
    const { sourceId } = file.data as unknown as RenderData;
    visit(tree, 'element', (node) => {
      const href = node.properties['href'];
      if (node.tagName !== 'a' || typeof href !== 'string' || classifyLink(href) !== 'article-file') return;
      const target = resolveArticleFileLink(sourceId, href);
      if (target) node.properties['href'] = `${ARTICLE_LINK_SCHEME}${target.id}${target.hash}`;
    });
  };
}

/**
 * Markdown → HTML for article bodies.
 *
 * remark-parse → remark-gfm → remark-rehype (raw HTML kept) → rehype-raw → demote h1 → table
 * alignment classes → rehype-sanitize (allowlist in `sanitize-schema.ts`) → collect links and
 * images → article-file links → rehype-stringify. Sanitizing comes after everything that could
 * introduce unsafe HTML; the steps after it only read, or rewrite hrefs they have checked.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeDemoteH1)
  .use(rehypeTableAlignClass)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeCollectReferences)
  .use(rehypeArticleFileLinks)
  .use(rehypeStringify)
  .freeze();

/**
 * Renders an article body to safe HTML. Deterministic: the same Markdown always gives the same HTML.
 *
 * `sourceId` (the article's id, e.g. `2025/03/carney-in-paris`) resolves relative `.md` links.
 */
export function renderMarkdown(markdown: string, sourceId = ''): RenderedBody {
  const data: RenderData = { links: [], images: [], sourceId };
  const file = processor.processSync({ value: markdown, data: data as unknown as Record<string, unknown> });
  return { html: String(file), links: data.links, images: data.images };
}
