/**
 * Adapter: the block forms of the generic directive syntax (`::leaf[…]{…}` and `:::container`),
 * without the inline one (`:name` inside a line).
 *
 * `micromark-extension-directive` offers the three only together, as one extension object that
 * maps the colon's character code to its constructs under `text` (inline) and `flow` (blocks).
 * Inline directives would turn ordinary copy into markup ("Re:Build", "Note:this"), so only the
 * `flow` part is registered. This module is the one place that relies on that shape;
 * `tests/unit/adapters.test.ts` fails loudly when an upgrade changes it.
 */
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Processor } from 'unified';

/** The block constructs of the directive extension (its `flow` map), or throws when the extension has none. */
export function blockDirectiveExtension(): { flow: NonNullable<ReturnType<typeof directive>['flow']> } {
  const { flow } = directive();
  if (!flow || typeof flow !== 'object')
    throw new Error('micromark-extension-directive no longer has a `flow` part: see src/adapters/micromark-block-directives.ts');
  return { flow };
}

/** A unified plugin: parse `::leaf` and `:::container` directives into mdast directive nodes. */
export function remarkBlockDirectives(this: Processor): undefined {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), blockDirectiveExtension()];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), directiveFromMarkdown()];
  return undefined;
}
