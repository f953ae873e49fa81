/**
 * The fuzz harness: generates documents from a seed (`documents.ts`), runs each in a worker
 * thread (`worker.ts`) under a time limit, checks it (`check.ts`) and keeps the score.
 *
 * - One worker thread, fed one document at a time. A document still running after
 *   `secondsPerDocument` is a hang: the worker is terminated (and a new one started), the
 *   document is a finding, the run goes on. A worker that dies (out of memory, a crash) likewise.
 * - Every finding is written to `tests/.tmp/fuzz/` (`<seed>.md` in a run that stops at its first
 *   finding, `<seed>-<path>.md` in one that collects them all) with a one-line command that
 *   replays exactly that document: `npm run fuzz -- --mix short --seed 123 --path 45`.
 * - fast-check's own machinery drives the run (seed, path, number of runs, no shrinking:
 *   a hang would make shrinking take forever), so its seed and path replay the same document.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { DocumentReport, FuzzDocument, Outcome } from './check.ts';
import { createDocumentArbitrary, type Mix } from './documents.ts';

/** Where failing documents are written, for turning into fixtures. */
export const FINDINGS_DIR = fileURLToPath(new URL('../../tests/.tmp/fuzz/', import.meta.url));

/** The per-document time limit of the harness, by default: a document that takes longer is a hang. */
export const DEFAULT_SECONDS_PER_DOCUMENT = 20;

/** Memory a worker may use, as in the build's worker pool (`src/loader/pool.ts`). */
const WORKER_HEAP_MB = 1536;

/** What happened to a document, including what only the harness sees. */
export type Verdict = DocumentReport | { outcome: 'hang' | 'crash'; findings: string[]; ms: number; size: number; message?: string };
export type VerdictOutcome = Outcome | 'hang' | 'crash';

/**
 * Runs documents one at a time in a worker thread, each within a time limit.
 * `workerUrl` replaces the worker (the harness's own tests use one that stalls on purpose).
 */
export class DocumentRunner {
  readonly #limitMs: number;
  readonly #workerUrl: URL;
  #worker: Promise<Worker> | undefined;

  constructor({
    secondsPerDocument,
    workerUrl = new URL('./worker.ts', import.meta.url),
  }: {
    secondsPerDocument: number;
    workerUrl?: URL;
  }) {
    this.#limitMs = secondsPerDocument * 1000;
    this.#workerUrl = workerUrl;
  }

  /** The verdict on `document`; never rejects for anything the document does. */
  async check(document: FuzzDocument): Promise<Verdict> {
    const worker = await (this.#worker ??= this.#start());
    const size = 'bytes' in document ? document.bytes.length : document.text.length;
    return new Promise<Verdict>((resolve) => {
      const started = performance.now();
      const finish = (verdict: Verdict, restart: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) this.#stop(worker);
        resolve(verdict);
      };
      const elapsed = () => performance.now() - started;
      const onMessage = (report: DocumentReport) => finish(report, false);
      const onError = (error: Error) =>
        finish({ outcome: 'crash', findings: [`the worker died: ${error.message}`], ms: elapsed(), size, message: error.message }, true);
      const onExit = (code: number) =>
        finish({ outcome: 'crash', findings: [`the worker exited with code ${code}`], ms: elapsed(), size }, true);
      const timer = setTimeout(
        () =>
          finish(
            {
              outcome: 'hang',
              findings: [`still running after ${this.#limitMs / 1000} s, the per-document time limit; stopped`],
              ms: elapsed(),
              size,
            },
            true,
          ),
        this.#limitMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(document);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await (await worker).terminate();
  }

  #start(): Promise<Worker> {
    const worker = new Worker(this.#workerUrl, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        worker.off('message', onMessage);
        worker.off('error', settle);
        worker.off('exit', onExit);
        if (error) reject(error);
        else resolve(worker);
      };
      const onMessage = (message: unknown) =>
        settle(message === 'ready' ? undefined : new Error(`the fuzz worker said ${String(message)}`));
      const onExit = (code: number) => settle(new Error(`the fuzz worker exited with code ${code} before it was ready`));
      worker.on('message', onMessage);
      worker.on('error', settle);
      worker.on('exit', onExit);
    });
  }

  #stop(worker: Worker): void {
    this.#worker = undefined;
    void worker.terminate();
  }
}

/** One document that broke the contract. */
export interface Finding {
  /** fast-check's path of the document under the run's seed. */
  path: string;
  outcome: VerdictOutcome;
  /** What broke, one sentence each. */
  findings: string[];
  /** The document's file name and size in bytes. */
  name: string;
  size: number;
  /** Where the document was written. */
  file: string;
  /** The command that replays it. */
  replay: string;
}

export interface FuzzOptions {
  mix: Mix;
  seed: number;
  /** Documents to try (from `path` on, when it is given). */
  runs: number;
  /** fast-check's path of the first document to try: replays one run of a seed. */
  path?: string | undefined;
  secondsPerDocument: number;
  /** Stop at the first finding (the test) rather than collect them all (the long run). */
  stopAtFirst: boolean;
  /** Stop trying new documents after this many seconds (the tried ones count). */
  budgetSeconds?: number | undefined;
  /** Called about every `progressSeconds` with the score so far. */
  onProgress?: ((summary: FuzzSummary) => void) | undefined;
  progressSeconds?: number;
  /** Called at once for every finding. */
  onFinding?: ((finding: Finding) => void) | undefined;
  /**
   * Names the recorded finding (a fixture under `tests/fixtures/fuzz-findings/`) that a verdict
   * repeats, if any: it is counted under `known` instead of being a new finding.
   */
  knownFinding?: ((verdict: Verdict) => string | undefined) | undefined;
  /** Where findings are written; default `FINDINGS_DIR`. */
  findingsDir?: string;
  workerUrl?: URL;
}

/** A timed document, for the slowest-documents list. */
export interface Timing {
  path: string;
  ms: number;
  size: number;
  outcome: VerdictOutcome;
}

/** The score of a run. */
export interface FuzzSummary {
  mix: Mix;
  seed: number;
  tried: number;
  outcomes: Record<VerdictOutcome, number>;
  findings: Finding[];
  /** The slowest documents, slowest first. */
  slowest: Timing[];
  /** Findings already recorded, by fixture name (see `FuzzOptions.knownFinding`). */
  known: Record<string, number>;
  /** Errors that `processArticle` caught from a stage (its generic "could not be processed" message), by message. */
  caught: { message: string; count: number; path: string }[];
  seconds: number;
  /** Whether the run stopped early (time budget, or a finding with `stopAtFirst`). */
  stoppedEarly: boolean;
}

const SLOWEST_KEPT = 5;

/** The command that replays one document of a run. */
export function replayCommand(options: Pick<FuzzOptions, 'mix' | 'seed' | 'secondsPerDocument'>, path: string): string {
  const limit = options.secondsPerDocument === DEFAULT_SECONDS_PER_DOCUMENT ? '' : ` --seconds-per-document ${options.secondsPerDocument}`;
  return `npm run fuzz -- --mix ${options.mix} --seed ${options.seed} --path ${path}${limit}`;
}

/** Runs the fuzz test as `options` say and returns its score. Throws only when the harness itself fails. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const runner = new DocumentRunner({
    secondsPerDocument: options.secondsPerDocument,
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
  });
  const summary: FuzzSummary = {
    mix: options.mix,
    seed: options.seed,
    tried: 0,
    outcomes: { rendered: 0, problems: 0, unreadable: 0, limit: 0, caught: 0, threw: 0, hang: 0, crash: 0 },
    findings: [],
    known: {},
    slowest: [],
    caught: [],
    seconds: 0,
    stoppedEarly: false,
  };
  const firstIndex = options.path === undefined ? 0 : Number(options.path);
  let lastProgress = performance.now();
  const property = fc.asyncProperty(createDocumentArbitrary(options.mix), async (document) => {
    const index = firstIndex + summary.tried;
    // A shrink path (`4:2`) names one document; a plain index counts on from there.
    const path = options.path?.includes(':') ? options.path : String(index);
    const verdict = await runner.check(document);
    summary.tried++;
    const { outcome } = verdict;
    summary.outcomes[outcome]++;
    recordTiming(summary.slowest, { path, ms: verdict.ms, size: verdict.size, outcome });
    if (outcome === 'caught') {
      const key = (verdict.message ?? '').slice(0, 300);
      const known = summary.caught.find((entry) => entry.message === key);
      if (known) known.count++;
      else summary.caught.push({ message: key, count: 1, path });
    }
    const known = verdict.findings.length > 0 ? options.knownFinding?.(verdict) : undefined;
    if (known !== undefined) summary.known[known] = (summary.known[known] ?? 0) + 1;
    else if (verdict.findings.length > 0) {
      const finding = saveFinding(options, document, path, outcome, verdict);
      summary.findings.push(finding);
      options.onFinding?.(finding);
    }
    if (options.onProgress && performance.now() - lastProgress > (options.progressSeconds ?? 10) * 1000) {
      lastProgress = performance.now();
      summary.seconds = (lastProgress - started) / 1000;
      options.onProgress(summary);
    }
    return !(options.stopAtFirst && verdict.findings.length > 0 && known === undefined);
  });
  try {
    const details = await fc.check(property, {
      seed: options.seed,
      numRuns: options.runs,
      ...(options.path === undefined ? {} : { path: options.path }),
      endOnFailure: true,
      plugins: options.budgetSeconds === undefined ? [] : [fc.interruptAfterTimeLimit(options.budgetSeconds * 1000)],
    });
    if (details.failed && !details.interrupted && summary.findings.length === 0) {
      throw new Error(`the fuzz harness failed: ${fc.defaultReportMessage(details)}`, { cause: details.errorInstance });
    }
    summary.stoppedEarly = details.interrupted || details.failed;
  } finally {
    await runner.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function recordTiming(slowest: Timing[], timing: Timing): void {
  if (slowest.length >= SLOWEST_KEPT && timing.ms <= slowest.at(-1)!.ms) return;
  slowest.push(timing);
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, SLOWEST_KEPT);
}

function saveFinding(options: FuzzOptions, document: FuzzDocument, path: string, outcome: VerdictOutcome, verdict: Verdict): Finding {
  const dir = options.findingsDir ?? FINDINGS_DIR;
  mkdirSync(dir, { recursive: true });
  const file = `${dir.replace(/\/$/, '')}/${options.stopAtFirst ? options.seed : `${options.seed}-${path}`}.md`;
  // A text document may hold lone surrogates, which UTF-8 cannot: they are written as U+FFFD.
  writeFileSync(file, 'bytes' in document ? document.bytes : document.text);
  return {
    path,
    outcome,
    findings: verdict.findings,
    name: document.name,
    size: verdict.size,
    file,
    replay: replayCommand(options, path),
  };
}

/** A finding in a few lines: what broke, where the document is, how to replay it. */
export function formatFinding(finding: Finding): string {
  const what = finding.findings.map((line) => `    ${line.length > 2_000 ? `${line.slice(0, 2_000)}…` : line}`).join('\n');
  return [
    `✖ ${finding.outcome}: ${finding.name} (${finding.size} bytes), seed path ${finding.path}`,
    what,
    `    document: ${finding.file}`,
    `    replay:   ${finding.replay}`,
  ].join('\n');
}

/** The score in a few lines: documents tried by outcome, findings, caught errors, the slowest documents. */
export function formatSummary(summary: FuzzSummary): string {
  const { outcomes } = summary;
  const rate = summary.seconds > 0 ? ` (${(summary.tried / summary.seconds).toFixed(1)}/s)` : '';
  const lines = [
    `${summary.tried} documents (mix ${summary.mix}, seed ${summary.seed}) in ${summary.seconds.toFixed(1)} s${rate}${summary.stoppedEarly ? ', stopped early' : ''}`,
    `  rendered ${outcomes.rendered}, problems reported ${outcomes.problems}, unreadable bytes ${outcomes.unreadable}, limits hit ${outcomes.limit}, ` +
      `errors caught by processArticle ${outcomes.caught}`,
    `  findings ${summary.findings.length}: thrown ${outcomes.threw}, hangs ${outcomes.hang}, crashes ${outcomes.crash}, ` +
      `other contract breaks ${summary.findings.length - outcomes.threw - outcomes.hang - outcomes.crash}`,
  ];
  for (const [name, count] of Object.entries(summary.known))
    lines.push(`  known finding ${name} ×${count} (tests/fixtures/fuzz-findings/${name}/)`);
  for (const entry of summary.caught) lines.push(`  caught ×${entry.count} (first at path ${entry.path}): ${entry.message}`);
  if (summary.slowest.length > 0) {
    lines.push(
      `  slowest: ${summary.slowest.map((timing) => `${(timing.ms / 1000).toFixed(2)} s (path ${timing.path}, ${Math.round(timing.size / 1024)} KB, ${timing.outcome})`).join('; ')}`,
    );
  }
  return lines.join('\n');
}
