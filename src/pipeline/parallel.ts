import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { processArticle, type ProcessResult } from './article.ts';
import type { SourceFile } from './read.ts';
import { createArticleSchema, type SchemaContext } from './schema.ts';

/** One file to process: its text and the id it will have. */
export interface ArticleJob {
  file: SourceFile;
  id: string;
}

/** Below this many files, starting threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 64;
const BATCH_SIZE = 32;

/**
 * Runs `processArticle` on every job, on all cores, and returns the results in job order.
 *
 * - Few jobs, one core, or `threads: 1`: runs in this thread.
 * - Otherwise one worker thread per core, fed in batches; each worker builds the schema once.
 * - If worker threads cannot start (e.g. an environment without them), falls back to this thread.
 */
export async function processArticles(
  jobs: readonly ArticleJob[],
  context: SchemaContext,
  threads = Math.min(availableParallelism(), 8),
): Promise<ProcessResult[]> {
  if (jobs.length < PARALLEL_THRESHOLD || threads < 2) return processInline(jobs, context);
  try {
    return await processInWorkers(jobs, context, threads);
  } catch {
    return processInline(jobs, context);
  }
}

function processInline(jobs: readonly ArticleJob[], context: SchemaContext): ProcessResult[] {
  const schema = createArticleSchema(context);
  return jobs.map((job) => processArticle(job.file, job.id, schema));
}

/** Runs the jobs on `threads` worker threads; rejects if a worker fails. */
export function processInWorkers(jobs: readonly ArticleJob[], context: SchemaContext, threads: number): Promise<ProcessResult[]> {
  return new Promise((resolve, reject) => {
    const results: ProcessResult[] = new Array(jobs.length);
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
      const batch = jobs.slice(next, next + BATCH_SIZE).map((job, offset) => ({ index: next + offset, ...job }));
      next += batch.length;
      worker.postMessage(batch);
    };
    for (let i = 0; i < Math.min(threads, Math.ceil(jobs.length / BATCH_SIZE)); i++) {
      const worker = new Worker(new URL('./article-worker.ts', import.meta.url), { workerData: context });
      workers.push(worker);
      worker.on('message', (batch: { index: number; result: ProcessResult }[]) => {
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
