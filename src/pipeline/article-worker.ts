/**
 * A worker thread that runs `processArticle` on batches of files (see `parallel.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { processArticle } from './article.ts';
import type { SourceFile } from './read.ts';
import { createArticleSchema, type SchemaContext } from './schema.ts';

const schema = createArticleSchema(workerData as SchemaContext);

parentPort?.on('message', (batch: { index: number; file: SourceFile; id: string }[]) => {
  parentPort?.postMessage(batch.map(({ index, file, id }) => ({ index, result: processArticle(file, id, schema) })));
});
