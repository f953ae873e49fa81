import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { processArticle } from '../../src/pipeline/article.ts';
import { formatProblem } from '../../src/pipeline/problems.ts';
import { ARTICLE_LIMITS } from '../../src/pipeline/limits.ts';
import { decodeSource } from '../../src/pipeline/read.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { makeSchema, makeSource } from '../helpers/factories.ts';

/**
 * Hostile and malformed input, one folder per case under tests/fixtures/hostile/: the article
 * file, and either `expected.json` (it renders, safely: the values and the exact HTML) or
 * `expected-errors.txt` (it is refused, with these messages). `UPDATE=1` rewrites the expectations;
 * review the diff before committing.
 */
const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures/hostile');
const UPDATE = process.env['UPDATE'] === '1';
const schema = makeSchema();
const cases = readdirSync(FIXTURES).sort();

async function run(name: string) {
  const dir = join(FIXTURES, name);
  // A case found by the fuzz run keeps its NOTE.md: what happened, how it was found.
  const fileName = readdirSync(dir).find((file) => file.endsWith('.md') && file !== 'NOTE.md');
  if (!fileName) throw new Error(`${name} has no .md file`);
  const path = `${name}/${fileName}`;
  const read = decodeSource(path, await readFile(join(dir, fileName)));
  const result = read.ok
    ? processArticle(read.file, fileName.replace(/\.md$/, ''), schema)
    : { ok: false as const, problems: [read.problem] };
  const lines = result.problems.map((problem) => formatProblem({ ...problem, file: path }));
  if (!result.ok || result.problems.some((problem) => problem.severity === 'error'))
    return { kind: 'errors' as const, text: `${lines.join('\n')}\n` };
  const { article } = result;
  const outcome = {
    title: article.title,
    section: article.section,
    slug: article.slug,
    byline: article.byline,
    agency: article.agency,
    date: article.date.date.toISOString(),
    dateHasTime: article.date.hasTime,
    draft: article.draft,
    tags: article.tags,
    image: article.image,
    warnings: lines,
    html: result.html,
  };
  return { kind: 'json' as const, text: `${JSON.stringify(outcome, null, 2)}\n` };
}

describe('hostile input fixtures', () => {
  test.each(cases)(
    '%s',
    async (name) => {
      const { kind, text } = await run(name);
      const expectedFile = join(FIXTURES, name, kind === 'json' ? 'expected.json' : 'expected-errors.txt');
      const otherFile = join(FIXTURES, name, kind === 'json' ? 'expected-errors.txt' : 'expected.json');
      if (UPDATE) {
        await writeFile(expectedFile, text);
        return;
      }
      expect(existsSync(otherFile), `${name}: expected the other outcome (${otherFile})`).toBe(false);
      expect(text).toBe(await readFile(expectedFile, 'utf8'));
      // The deep-nesting cases take seconds on a busy two-core machine.
    },
    60_000,
  );

  test('no front-matter code ran', () => {
    expect(existsSync('/tmp/dateline-hostile-js')).toBe(false);
    expect(existsSync('/tmp/dateline-hostile-coffee')).toBe(false);
  });
});

describe('size limits', () => {
  test('an article just under the size limit renders completely', { timeout: 60_000 }, () => {
    const paragraph = 'The council met on Monday to discuss the transit plan, the library budget and the new pool. '.repeat(10);
    const body = Array.from({ length: 1_000 }, (_, i) => `${i % 50 === 0 ? `## Part ${i}\n\n` : ''}${paragraph}`).join('\n\n');
    const source = makeSource({}, body);
    expect(source.length).toBeGreaterThan(900_000);
    expect(source.length).toBeLessThan(ARTICLE_LIMITS.fileBytes);
    const read = decodeSource('big.md', new TextEncoder().encode(source));
    if (!read.ok) throw new Error(read.problem.message);
    const result = processArticle(read.file, 'big', schema);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.wordCount).toBe(1_000 * 10 * 17 + 20 * 2);
    expect(result.html.match(/<p>/g)).toHaveLength(1_000);
  });

  test('a file over the limit is an error naming its size and the limit, before it is parsed', () => {
    const source = makeSource({}, 'Words and more words. '.repeat(500_000));
    const read = decodeSource('huge.md', new TextEncoder().encode(source));
    expect(read).toEqual({
      ok: false,
      problem: {
        line: 1,
        severity: 'error',
        message: expect.stringMatching(/^the file is 10\.5 MB; an article file may be at most 1\.00 MB/),
      },
    });
  });
});
