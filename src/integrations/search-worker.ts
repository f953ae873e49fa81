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
import type { ReportedStory } from '../lib/build-report.ts';
import { searchRecord } from '../lib/search-index.ts';
import { articleCacheFolder, readBody } from '../pipeline/article-cache.ts';

/** What the worker is given: the shards to index, each into its own folder. */
export interface SearchWorkerData {
  shards: { outputPath: string; stories: ReportedStory[] }[];
  /** Astro's cache folder, holding the article cache the bodies are read from. */
  cacheDir: string;
  locale: string;
}

/** What the worker answers once: how many shards it indexed, or why it could not. */
export type SearchWorkerResult = { ok: true; indexed: number } | { ok: false; message: string };

/** Indexes `stories` into a new Pagefind bundle at `outputPath`. */
async function indexShard(stories: readonly ReportedStory[], outputPath: string, bodies: string, locale: string): Promise<void> {
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Sent at once: Pagefind's process works through them while the answers come back.
    await Promise.all(
      stories.map(async (story) => {
        const added = await index.addCustomRecord(searchRecord(story, readBody(bodies, story.body), locale));
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${story.path}: ${added.errors.join('; ')}`);
      }),
    );
    await rm(outputPath, { recursive: true, force: true });
    await mkdir(outputPath, { recursive: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await index.deleteIndex();
  }
}

async function run({ shards, cacheDir, locale }: SearchWorkerData): Promise<SearchWorkerResult> {
  const bodies = articleCacheFolder(cacheDir);
  try {
    for (const { stories, outputPath } of shards) await indexShard(stories, outputPath, bodies, locale);
    return { ok: true, indexed: shards.length };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    await close();
  }
}

parentPort?.postMessage(await run(workerData as SearchWorkerData));
