/**
 * A worker thread that indexes search shards with Pagefind (see `pagefind.ts`).
 *
 * Indexing runs here rather than on Astro's thread so that it goes on at full speed while that
 * thread bundles and renders pages: each record is a round trip to Pagefind's process, which
 * would otherwise wait whenever Astro's thread is busy.
 */
import { mkdir, rm } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { close, createIndex } from 'pagefind';
import { searchRecord } from '../lib/search-index.ts';
import { bodyOf } from '../loader/bodies.ts';
import type { SchemaContext } from '../pipeline/schema.ts';
import type { Story } from '../schemas/record.ts';
import { failpoint } from '../store/failpoints.ts';
import { ObjectStore } from '../store/objects.ts';

/** What the worker is given: the shards to index, each into its own folder. */
export interface SearchWorkerData {
  shards: { outputPath: string; stories: Story[] }[];
  /** The build state's objects folder, where bodies are kept. */
  objects: string;
  /** The project root and the schema's settings, to render a body again whose kept copy is damaged. */
  root: string;
  context: SchemaContext;
  locale: string;
}

/** What the worker answers once: how many shards it indexed and the stories whose kept body was damaged, or why it could not. */
export type SearchWorkerResult = { ok: true; indexed: number; damaged: string[] } | { ok: false; message: string };

/** Indexes `stories` into a new Pagefind bundle at `outputPath`. */
async function indexShard(stories: readonly Story[], outputPath: string, data: SearchWorkerData, damaged: string[]): Promise<void> {
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const objects = new ObjectStore(data.objects);
  try {
    // Sent at once: Pagefind's process works through them while the answers come back.
    await Promise.all(
      stories.map(async (story) => {
        const body = await bodyOf(story, { objects, root: data.root, context: data.context });
        if (body.rendered) damaged.push(story.digest);
        const added = await index.addCustomRecord(searchRecord(story, body.html, data.locale));
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${story.path}: ${added.errors.join('; ')}`);
      }),
    );
    await rm(outputPath, { recursive: true, force: true });
    await mkdir(outputPath, { recursive: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    failpoint('search');
  } finally {
    await index.deleteIndex();
  }
}

async function run(data: SearchWorkerData): Promise<SearchWorkerResult> {
  const damaged: string[] = [];
  try {
    for (const { stories, outputPath } of data.shards) await indexShard(stories, outputPath, data, damaged);
    return { ok: true, indexed: data.shards.length, damaged };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    await close();
  }
}

parentPort?.postMessage(await run(workerData as SearchWorkerData));
