import { describe, expect, test } from 'vitest';
import { processArticle } from '../../src/pipeline/article.ts';
import { formatProblem } from '../../src/pipeline/problems.ts';
import { decodeSource } from '../../src/pipeline/read.ts';
import { makeSchema, makeSource } from '../helpers/factories.ts';

const run = (source: string) => {
  const read = decodeSource('content/a.md', new TextEncoder().encode(source));
  if (!read.ok) throw new Error(read.problem.message);
  return processArticle(read.file, 'a', makeSchema());
};

describe('processArticle', () => {
  test('an in-page link whose anchor no heading or footnote has is an error at its line; one to a heading is fine', () => {
    const result = run(makeSource({}, 'See [the figures](#the-figures) and [the table](#the-table).\n\n## The figures\n\nNumbers.\n'));
    expect(result.problems.map((problem) => formatProblem({ ...problem, file: 'content/a.md' }))).toEqual([
      'content/a.md:9:37  body  links to #the-table, but no heading or footnote of this article has that anchor; a heading’s anchor is its text in lowercase with hyphens, e.g. “## The figures” is #the-figures',
    ]);
    expect(result.ok && result.html).toContain('<a href="#user-content-the-figures">the figures</a>');
  });

  test('an exception in a stage is an error on the file, never a throw', () => {
    const result = run(makeSource({}, `Intro.\n\n${'> '.repeat(5000)}deep\n`));
    expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ line: 11, field: 'body', severity: 'error' })] });
    expect(result.problems).toHaveLength(1);
  });
});
