/**
 * `npm run fuzz`: the long fuzz run of the per-file pipeline (issue 15).
 *
 * Generates seeded random and adversarial article files (`scripts/fuzz/documents.ts`: YAML
 * tricks, hostile HTML, Markdown nested past the limits, pathological tokens, invalid UTF-8,
 * files near the 1 MiB limit) and runs each through `decodeSource` and `processArticle` in a
 * worker thread under a per-document time limit. Checked for every document
 * (`scripts/fuzz/check.ts`): nothing throws; nothing hangs or kills the worker; a refused file
 * carries an error; returned HTML, parsed with parse5, has no script-running element, event
 * handler, `style` attribute or `javascript:`/`vbscript:`/`data:` URL; the record has the
 * declared types. Prints progress, every finding with the command that replays it, and a
 * summary: documents tried by outcome, findings, the slowest documents.
 *
 * Options:
 * - `--runs N` documents to try (default 20000);
 * - `--seed S` the seed (default: from the clock, printed);
 * - `--path P` replay the document at fast-check path P of seed S (with `--runs`, go on from it);
 * - `--seconds-per-document T` the time limit of one document (default 20, `ARTICLE_LIMITS.seconds`);
 * - `--mix short|long` the documents of `npm test` (under ~50 KB) or of the long run (default long);
 * - `--stop` stop at the first finding;
 * - `--file F` check one file (a saved finding, a fixture) under the time limit, instead of generating.
 *
 * Findings are written to `tests/.tmp/fuzz/`. Exits 1 when there is any finding.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Mix } from './fuzz/documents.ts';
import { DEFAULT_SECONDS_PER_DOCUMENT, DocumentRunner, formatFinding, formatSummary, runFuzz } from './fuzz/harness.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    'seconds-per-document': { type: 'string', default: String(DEFAULT_SECONDS_PER_DOCUMENT) },
    mix: { type: 'string', default: 'long' },
    stop: { type: 'boolean', default: false },
    file: { type: 'string' },
  },
});

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number, not “${text}”`);
    process.exit(2);
  }
  return value;
}

if (values.mix !== 'short' && values.mix !== 'long') {
  console.error(`--mix must be short or long, not “${values.mix}”`);
  process.exit(2);
}
if (values.path !== undefined && values.seed === undefined) {
  console.error('--path replays a document of one seed: give --seed too');
  process.exit(2);
}
const mix: Mix = values.mix;
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Math.trunc(Number(values.seed));
const runs = number('runs', values.runs, values.path === undefined ? 20_000 : 1);
const secondsPerDocument = number('seconds-per-document', values['seconds-per-document'], DEFAULT_SECONDS_PER_DOCUMENT);

if (values.file !== undefined) {
  const runner = new DocumentRunner({ secondsPerDocument });
  const verdict = await runner.check({ name: basename(values.file), bytes: readFileSync(values.file) });
  await runner.close();
  console.log(`${values.file}: ${verdict.outcome} in ${(verdict.ms / 1000).toFixed(2)} s${verdict.message ? ` (${verdict.message})` : ''}`);
  for (const finding of verdict.findings) console.log(`  ✖ ${finding}`);
  process.exit(verdict.findings.length > 0 ? 1 : 0);
}

console.log(
  `Fuzzing ${runs} document${runs === 1 ? '' : 's'}, mix ${mix}, seed ${seed}${values.path ? `, from path ${values.path}` : ''}, ${secondsPerDocument} s per document`,
);
const summary = await runFuzz({
  mix,
  seed,
  runs,
  path: values.path,
  secondsPerDocument,
  stopAtFirst: values.stop,
  onProgress: (score) => console.log(`… ${formatSummary(score).split('\n').slice(0, 3).join(' |')}`),
  onFinding: (finding) => console.log(formatFinding(finding)),
});
console.log(`\n${formatSummary(summary)}`);
process.exit(summary.findings.length > 0 ? 1 : 0);
