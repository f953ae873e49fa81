import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BodyLocation, CachedArticle } from './article-cache.ts';
import type { Problem } from './problems.ts';
import type { SourceFile } from './read.ts';
import type { SchemaContext } from './schema.ts';

/** One file to process: its text and the id it will have. */
export interface ArticleJob {
  file: SourceFile;
  id: string;
}

/** A processed file: its record without the body, and where the body was written; or its problems. */
export type JobResult = { ok: true; article: CachedArticle; problems: Problem[]; body: BodyLocation } | { ok: false; problems: Problem[] };

/** What a worker thread is started with. */
export interface WorkerSetup {
  context: SchemaContext;
  /** The article cache's folder, where the bodies of each batch go as one pack (`writeBodyPack`). */
  bodies: string;
}

/** Below this many files, starting threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 64;

/** How many files a batch holds: a worker's unit of work, and a pack of bodies (see `runBatch`). */
const BATCH_SIZE = 32;

/**
 * Runs `processArticle` on every job, on all cores, and returns the results in job order; the
 * bodies of each batch of jobs are written to the cache folder `setup.bodies` as one pack, by the
 * thread that rendered them.
 *
 * - Few jobs, one core, or `threads: 1`: runs in this thread.
 * - Otherwise one worker thread per core, fed in batches; each worker builds the schema once.
 * - If worker threads cannot start (e.g. an environment without them), falls back to this thread.
 */
export async function processArticles(
  jobs: readonly ArticleJob[],
  setup: WorkerSetup,
  threads = Math.min(availableParallelism(), 8),
): Promise<JobResult[]> {
  if (jobs.length === 0) return [];
  if (jobs.length < PARALLEL_THRESHOLD || threads < 2) return processInline(jobs, setup);
  try {
    return await processInWorkers(jobs, setup, threads);
  } catch {
    return processInline(jobs, setup);
  }
}

/**
 * Processes the jobs in this thread, batch by batch as the workers do. The Markdown pipeline is
 * loaded here only then: when workers render, or every file is cached, this thread never needs it
 * (loading it takes ~0.3 s).
 */
async function processInline(jobs: readonly ArticleJob[], { context, bodies }: WorkerSetup): Promise<JobResult[]> {
  const [{ runBatch }, { createArticleSchema }] = await Promise.all([import('./batch.ts'), import('./schema.ts')]);
  const schema = createArticleSchema(context);
  const results: JobResult[] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE)
    results.push(...runBatch(jobs.slice(start, start + BATCH_SIZE), schema, bodies));
  return results;
}

/** Runs the jobs on `threads` worker threads; rejects if a worker fails. */
export function processInWorkers(jobs: readonly ArticleJob[], setup: WorkerSetup, threads: number): Promise<JobResult[]> {
  return new Promise((resolve, reject) => {
    const results: JobResult[] = new Array(jobs.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const finish = (error?: Error) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const feed = (worker: Worker) => {
      if (next >= jobs.length) return;
      const batch = jobs.slice(next, next + BATCH_SIZE).map((job, offset) => ({ index: next + offset, job }));
      next += batch.length;
      worker.postMessage(batch);
    };
    for (let i = 0; i < Math.min(threads, Math.ceil(jobs.length / BATCH_SIZE)); i++) {
      const worker = new Worker(new URL('./article-worker.ts', import.meta.url), { workerData: setup });
      workers.push(worker);
      worker.on('message', (batch: { index: number; result: JobResult }[]) => {
        for (const { index, result } of batch) results[index] = result;
        done += batch.length;
        if (done === jobs.length) finish();
        else feed(worker);
      });
      worker.on('error', (error) => {
        if (!failed) {
          failed = true;
          finish(error);
        }
      });
      feed(worker);
    }
  });
}
