import type { Position } from './frontmatter.ts';
import type { Problem } from './problems.ts';

/**
 * The placeholder text `npm run new` writes into a new article (`scripts/new-article.ts`): an
 * editor replaces it before publishing, and an article that would be published with it is refused.
 */
export const SCAFFOLD_TEXT = {
  /** The placeholder dek. */
  summary: 'One or two sentences that sum up the story, shown under the headline and in rails.',
  /** The placeholder body: one line. */
  body: 'Write the story here. Set draft: false when it is ready to publish.',
} as const;

/**
 * Errors for placeholder text left in an article that is not a draft:
 * - a summary that is still `SCAFFOLD_TEXT.summary`;
 * - a body line that is still `SCAFFOLD_TEXT.body` (on its file line: `bodyLine` is the body's first).
 */
export function findScaffoldText(
  summary: unknown,
  body: string,
  { locate, bodyLine }: { locate: (path: readonly PropertyKey[]) => Position; bodyLine: number },
): Problem[] {
  const problems: Problem[] = [];
  if (typeof summary === 'string' && summary.trim() === SCAFFOLD_TEXT.summary) {
    problems.push({
      ...locate(['summary']),
      field: 'summary',
      severity: 'error',
      message: 'the summary is still the placeholder of npm run new; write one or two sentences that sum up the story, or keep draft: true',
    });
  }
  const index = body.split('\n').findIndex((line) => line.trim() === SCAFFOLD_TEXT.body);
  if (index >= 0) {
    problems.push({
      line: bodyLine + index,
      column: 1,
      field: 'body',
      severity: 'error',
      message: `the body still holds the placeholder of npm run new (“${SCAFFOLD_TEXT.body}”); replace it with the story, or keep draft: true`,
    });
  }
  return problems;
}
