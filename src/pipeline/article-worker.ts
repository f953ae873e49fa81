/**
 * A worker thread that runs `runBatch` on batches of files (see `parallel.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBatch } from './batch.ts';
import type { ArticleJob, WorkerSetup } from './parallel.ts';
import { createArticleSchema } from './schema.ts';

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
