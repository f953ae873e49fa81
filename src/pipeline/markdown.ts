import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Root as HastRoot } from 'hast';
import { sanitizeSchema } from './sanitize-schema.ts';

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

/**
 * Markdown → HTML for article bodies.
 *
 * remark-parse → remark-gfm → remark-rehype (raw HTML kept) → rehype-raw → demote h1 → table alignment classes →
 * rehype-sanitize (allowlist in `sanitize-schema.ts`) → rehype-stringify. Sanitizing is the last
 * transform, after everything that could introduce unsafe HTML.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeDemoteH1)
  .use(rehypeTableAlignClass)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze();

/** Renders an article body to safe HTML. Deterministic: the same Markdown always gives the same HTML. */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
