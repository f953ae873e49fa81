/**
 * Adapter: runs remark-gfm's literal-autolink transform (plain-text URLs and emails turned into
 * links) only on trees where it can find something.
 *
 * `mdast-util-gfm-autolink-literal` registers the transform as a function named
 * `transformGfmAutolinkLiterals` in its from-markdown extension; nothing public lets a caller skip
 * it. This module is the one place that finds it by that name; `tests/unit/adapters.test.ts` fails
 * loudly when an upgrade renames it.
 */
import type { Data, Processor } from 'unified';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';

/** The name of the transform in `mdast-util-gfm-autolink-literal`. */
export const LITERAL_AUTOLINK_TRANSFORM = 'transformGfmAutolinkLiterals';

type FromMarkdownExtension = NonNullable<Data['fromMarkdownExtensions']>[number];
type Transform = (tree: MdastRoot) => MdastRoot | undefined | void;

/** The names of every from-markdown transform in `extensions` (for the adapter's own test). */
export function transformNames(extensions: readonly FromMarkdownExtension[]): string[] {
  return extensions
    .flat(Infinity as 1)
    .flatMap((extension) => ((extension as { transforms?: Transform[] }).transforms ?? []).map((transform) => transform.name));
}

/**
 * A unified plugin that wraps the literal-autolink transform already registered (by remark-gfm) so
 * that it runs only when `worthRunning(tree)`; the tree is the same either way when the predicate
 * only rules out trees without text the transform could match.
 */
export function remarkGuardLiteralAutolinks(this: Processor, worthRunning: (tree: MdastRoot) => boolean): undefined {
  const data = this.data();
  const guard = (extension: unknown): unknown => {
    if (Array.isArray(extension)) return extension.map(guard);
    const { transforms } = extension as { transforms?: Transform[] };
    if (!transforms) return extension;
    return {
      ...(extension as object),
      transforms: transforms.map((transform) =>
        transform.name === LITERAL_AUTOLINK_TRANSFORM ? (tree: MdastRoot) => (worthRunning(tree) ? transform(tree) : undefined) : transform,
      ),
    };
  };
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(guard) as NonNullable<Data['fromMarkdownExtensions']>;
  return undefined;
}

/** Whether any text node of `tree` matches `pattern` (walked without recursion). */
export function someText(tree: MdastNodes, pattern: RegExp): boolean {
  const stack: MdastNodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' && pattern.test(node.value)) return true;
    // One by one: spreading a paragraph of 100,000+ children into push() overflows the stack.
    if ('children' in node) for (const child of node.children as MdastNodes[]) stack.push(child);
  }
  return false;
}
