/**
 * `npm run check`: validates every article without building the site.
 *
 * Runs the same pipeline modules as the build (front matter, schema, Markdown, corpus rules:
 * URL collisions, internal links, images) and prints every problem at once, grouped by file:
 *
 *     content/2025/03/ferries.md:5:1  date  “2025-02-30T10:00” does not exist: February 2025 has 28 days
 *
 * Options: `--json` prints a JSON report instead; `--content <dir>` checks another folder.
 * Exits 1 when there is any error (warnings alone exit 0), 2 when the check itself cannot run.
 */
import module from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { CorpusResult } from '../src/loader/corpus.ts';
import { formatProblem, sortProblems, type FileProblem } from '../src/pipeline/problems.ts';
import { schemaContext, siteConfig } from '../src/site.config.ts';
import { BuildState } from '../src/store/build-state.ts';

// Node's compile cache, as Astro uses it (not in CI, where it would never be reused): enabled
// before `checkContent` imports the loader, it saves ~0.1 s of loading on every check.
if (import.meta.main && !process.env['CI']) module.enableCompileCache?.();

export interface CheckReport {
  ok: boolean;
  files: number;
  articles: number;
  errors: number;
  warnings: number;
  seconds: number;
  problems: FileProblem[];
}

/**
 * Checks the content folder `base` under `root` and returns the report. Holds the build lock of
 * the cache folder meanwhile (it shares the build state with builds): throws, naming the holder,
 * when a build or another check runs there.
 */
export async function checkContent(root: string, base: string): Promise<CheckReport> {
  const started = performance.now();
  const state = BuildState.open(resolve(root, siteConfig.cacheDir));
  state.lock('check', (holder) => console.warn(`A build that did not finish (pid ${holder.pid}) left its lock; it was removed.`));
  let result: CorpusResult;
  try {
    const { loadCorpus } = await import('../src/loader/corpus.ts');
    result = await loadCorpus(root, { base, ...schemaContext, cacheDir: siteConfig.cacheDir });
  } finally {
    state.unlock();
  }
  const problems = sortProblems(result.problems);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return {
    ok: errors === 0,
    files: result.files,
    articles: result.articles.length,
    errors,
    warnings: problems.length - errors,
    seconds: Math.round(performance.now() - started) / 1000,
    problems,
  };
}

/** The human-readable report: problems grouped by file, then a summary line. */
export function formatReport(report: CheckReport): string {
  const lines: string[] = [];
  let previous: string | undefined;
  for (const problem of report.problems) {
    if (previous !== undefined && problem.file !== previous) lines.push('');
    lines.push(formatProblem(problem));
    previous = problem.file;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const files = new Set(report.problems.map((p) => p.file)).size;
  const summary = report.problems.length
    ? `${report.ok ? '✔' : '✖'} ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} in ${plural(files, 'file')}`
    : '✔ no problems';
  lines.push(`${lines.length ? '\n' : ''}${summary}; ${plural(report.files, 'article file')} checked in ${report.seconds} s`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: npm run check [-- --json] [-- --content <folder>]\nValidates every article without building the site.');
    return;
  }
  const report = await checkContent(process.cwd(), values.content ?? siteConfig.contentDir);
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  process.exitCode = report.ok ? 0 : 1;
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`npm run check could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
}
