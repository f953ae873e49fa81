import { compareStrings } from '../lib/strings.ts';

/**
 * Problems found in content, and the one way they are printed.
 *
 * Every stage reports problems instead of throwing, so that one run can list every mistake in every
 * file. The printed form is `path:line:column  field  message`, which editors' terminals and CI
 * annotations turn into links.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  /** 1-based line in the file, when known. */
  line?: number | undefined;
  /** 1-based column in the file, when known. */
  column?: number | undefined;
  /** The frontmatter field concerned, as a dotted path (`image.alt`), when there is one. */
  field?: string | undefined;
  /** What is wrong and how to fix it. */
  message: string;
  /** Errors stop the build; warnings are reported only. */
  severity: Severity;
}

export interface FileProblem extends Problem {
  /** The file, relative to the project root, with forward slashes. */
  file: string;
}

/** `content/a.md:5:1  summary  message` (line and field left out when unknown). */
export function formatProblem(problem: FileProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  const field = problem.field ? `  ${problem.field}` : '';
  const tag = problem.severity === 'warning' ? '  (warning)' : '';
  return `${where}${field}  ${problem.message}${tag}`;
}

/** Files first in path order, then by line; deterministic whatever order the files were read in. */
export function sortProblems<T extends FileProblem>(problems: readonly T[]): T[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareStrings(a.message, b.message),
  );
}

/**
 * A report of every error in a run, one line each, grouped by file: the message is the whole
 * report, printed once by whoever stops on it (Astro's CLI for a build).
 *
 * - It has no stack: Astro prints an error's stack as "Stack trace:", and reads a "Location:" out
 *   of the first stack line naming a source file, which in this message is a problem's line
 *   (`content/a.md  image.src  …:8:3`).
 * - `hint` is printed by Astro under the report.
 * - `toString()` is the summary line only: Astro's hints look for words such as "document" in it.
 */
export class ContentError extends Error {
  readonly problems: readonly FileProblem[];
  readonly hint = '`npm run check` lists the same problems in seconds, without building.';
  readonly #summary: string;
  constructor(problems: readonly FileProblem[]) {
    const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
    const files = new Set(errors.map((p) => p.file));
    const summary = `${errors.length} content error${errors.length === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}`;
    super(`${summary}:\n${errors.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ContentError';
    this.stack = '';
    this.problems = problems;
    this.#summary = summary;
  }

  override toString(): string {
    return `${this.name}: ${this.#summary}`;
  }
}
