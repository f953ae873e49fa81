import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { ARTICLE_LIMITS } from '../pipeline/limits.ts';
import type { Problem } from '../pipeline/problems.ts';
import type { SourceFile } from '../pipeline/read.ts';
import type { SchemaContext } from '../pipeline/schema.ts';
import type { ArticleRecord, PartialRecord } from '../schemas/record.ts';
import type { BodyRef } from '../store/articles.ts';

/** One file to process: its text and the id it will have. */
export interface ArticleJob {
  file: SourceFile;
  id: string;
}

/** A processed file: its record, problems and where its body was written; or its problems, and what can still be checked of it. */
export type JobResult =
  | { ok: true; article: ArticleRecord; problems: Problem[]; body: BodyRef }
  | { ok: false; problems: Problem[]; partial?: PartialRecord | undefined };

/** What every task gets: the schema's settings and the build state's objects folder, where bodies go. */
export interface PoolSetup {
  context: SchemaContext;
  /** The objects folder of the build state (`ObjectStore`), where each batch's bodies are written as one pack. */
  objects: string;
}

/** A task: a batch of jobs (`article-task.ts`). */
export interface BatchTask {
  setup: PoolSetup;
  jobs: ArticleJob[];
}

/** How many files a batch holds: a task's unit of work, and a pack of bodies. */
const BATCH_SIZE = 32;
/** A batch may take this long before it is stopped and its files are processed one by one. */
const BATCH_SECONDS = 3 * ARTICLE_LIMITS.seconds;
/** Memory one worker may use; past it the worker is stopped, and the file that did it gets an error. */
const WORKER_HEAP_MB = 1536;

/** `threads` worker threads, all started at once. */
function startPool(threads: number): Tinypool {
  return new Tinypool({
    filename: new URL('./article-task.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // The compile cache is enabled by the task module itself; V8 flags of the main thread do not apply to workers.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
}

/**
 * Starts the first worker thread of `processArticles` before all its jobs are known: it loads the
 * pipeline (about half a second) while the caller goes on finding the rest of the work.
 */
export function startArticleWorker(): Tinypool {
  return startPool(1);
}

/**
 * Runs `processArticle` on every job on worker threads (tinypool) and returns the results in job
 * order; each batch's bodies are written as one pack by the thread that rendered them. The
 * threads are stopped at the end.
 *
 * - One worker per core (at most `threads`), fed one batch at a time: the first is the one
 *   started ahead (`started`, see `startArticleWorker`), if any; the others are started here,
 *   all at once (a pool whose threads are all busy would start another only for a task queued
 *   beyond them).
 * - A batch whose task fails in any way (an error thrown, a worker that crashed or ran out of
 *   memory, a batch over its time limit) is run again one file at a time, each file within
 *   `ARTICLE_LIMITS.seconds`: the file that fails then gets the error, and every other file of
 *   the batch its own result. Nothing a file does stops the run.
 */
export async function processArticles(
  jobs: readonly ArticleJob[],
  setup: PoolSetup,
  started?: Tinypool,
  threads = Math.min(availableParallelism(), 8),
): Promise<JobResult[]> {
  if (jobs.length === 0) {
    await started?.destroy();
    return [];
  }
  const batches: ArticleJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE) batches.push(jobs.slice(start, start + BATCH_SIZE));
  const lanes = Math.max(1, Math.min(threads, batches.length));
  const first = started ?? startPool(1);
  const others = lanes > 1 ? startPool(lanes - 1) : undefined;
  const results: JobResult[][] = new Array(batches.length);
  let next = 0;
  // Each lane runs one task at a time, so a task's time limit starts when it starts.
  const lane = async (pool: Tinypool) => {
    while (next < batches.length) {
      const index = next++;
      results[index] = await runBatch(pool, batches[index]!, setup);
    }
  };
  try {
    await Promise.all([lane(first), ...Array.from({ length: lanes - 1 }, () => lane(others!))]);
  } finally {
    await Promise.all([first.destroy(), others?.destroy()]);
  }
  return results.flat();
}

async function runBatch(pool: Tinypool, jobs: ArticleJob[], setup: PoolSetup): Promise<JobResult[]> {
  try {
    return (await pool.run({ setup, jobs } satisfies BatchTask, { signal: AbortSignal.timeout(BATCH_SECONDS * 1000) })) as JobResult[];
  } catch {
    if (jobs.length === 1) return [await runAlone(pool, jobs[0]!, setup)];
    const alone: JobResult[] = [];
    for (const job of jobs) alone.push(await runAlone(pool, job, setup));
    return alone;
  }
}

async function runAlone(pool: Tinypool, job: ArticleJob, setup: PoolSetup): Promise<JobResult> {
  const signal = AbortSignal.timeout(ARTICLE_LIMITS.seconds * 1000);
  try {
    const [result] = (await pool.run({ setup, jobs: [job] } satisfies BatchTask, { signal })) as JobResult[];
    if (result) return result;
    return failure('it gave no result');
  } catch (error) {
    if (signal.aborted) {
      return failure(
        `it took longer than ${ARTICLE_LIMITS.seconds} s and was stopped; look for very long lines, deep nesting or huge tables, and simplify them`,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    if (/out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(message)) {
      return failure(`it needed more than ${WORKER_HEAP_MB} MB of memory and was stopped; simplify or split it`);
    }
    return failure(message);
  }
}

function failure(why: string): JobResult {
  return { ok: false, problems: [{ severity: 'error', message: `this file could not be processed: ${why}` }] };
}
