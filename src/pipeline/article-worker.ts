/**
 * A worker thread that runs `runJob` on batches of files (see `parallel.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type ArticleJob, type WorkerSetup } from './parallel.ts';
import { createArticleSchema } from './schema.ts';

const { context, bodies } = workerData as WorkerSetup;
const schema = createArticleSchema(context);

parentPort?.on('message', (batch: { index: number; job: ArticleJob }[]) => {
  parentPort?.postMessage(batch.map(({ index, job }) => ({ index, result: runJob(job, schema, bodies) })));
});
