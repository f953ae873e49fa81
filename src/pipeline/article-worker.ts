/**
 * A worker thread that runs `runBatch` on batches of files (see `parallel.ts`).
 *
 * Loading the pipeline is most of a worker's start (~0.8 s). Node's compile cache, which Astro
 * also uses (in the system's temporary folder; not in CI, where it would never be reused), saves
 * ~0.2 s of it; a worker does not share the main thread's, so it enables its own before importing.
 */
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { ArticleJob, WorkerSetup } from './parallel.ts';

if (!process.env['CI']) module.enableCompileCache?.();
const [{ runBatch }, { createArticleSchema }] = await Promise.all([import('./batch.ts'), import('./schema.ts')]);
module.flushCompileCache?.();

const { context, bodies } = workerData as WorkerSetup;
const schema = createArticleSchema(context);

parentPort?.on('message', (batch: { index: number; job: ArticleJob }[]) => {
  const results = runBatch(
    batch.map(({ job }) => job),
    schema,
    bodies,
  );
  parentPort?.postMessage(batch.map(({ index }, position) => ({ index, result: results[position]! })));
});
