import { existsSync, readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { assignShards, shardKey } from '../lib/search-index.ts';
import type { SchemaContext } from '../pipeline/schema.ts';
import type { Story } from '../schemas/record.ts';
import { BuildState } from '../store/build-state.ts';
import type { SearchWorkerData, SearchWorkerResult } from './search-worker.ts';

/** Pagefind's version, part of every shard key: its package does not export `package.json`, so it is read from beside its entry. */
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

export interface SearchOptions {
  locale: string;
  /** Stories per shard at most (`searchShardSize`). */
  shardSize: number;
  /** The schema's settings, to render a body again whose kept copy is damaged. */
  context: SchemaContext;
}

/**
 * Builds the Pagefind full-text search index, in shards (`src/lib/search-index.ts`) at
 * `<outDir>/pagefind/<n>/`, each a complete Pagefind bundle with its search UI files.
 *
 * - When the build starts (the content is synced), the shards whose bundle the build state lacks
 *   start being indexed into it on a worker thread (`search-worker.ts`), while Astro bundles and
 *   generates the pages.
 * - When the build is done, each shard is left in the output folder when the last finished build
 *   left it there with the same key, or else copied (and verified) from the build state, as in
 *   CI, which keeps only the cache. A bundle found damaged is indexed again.
 *
 * The records come from the build's stories and their kept bodies, never from finished pages.
 */
export function pagefindIndex({ locale, shardSize, context }: SearchOptions): AstroIntegration {
  let state: BuildState | undefined;
  let root = '';
  let indexing: { keys: string[]; shards: Story[][]; missing: string[]; indexed: Promise<SearchWorkerResult & { ok: true }> } | undefined;
  const index = (shards: { key: string; stories: Story[] }[]) =>
    indexInWorker({
      shards: shards.map(({ key, stories }) => ({ outputPath: state!.searchBundles().path(key), stories })),
      objects: state!.objects.directory,
      root,
      context,
      locale,
    });
  return {
    name: 'dateline-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        state = BuildState.open(fileURLToPath(config.cacheDir));
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        const shards = assignShards(state!.stories(), shardSize);
        const keys = shards.map((stories) => shardKey(stories, locale, PAGEFIND_VERSION));
        const bundles = state!.searchBundles();
        const missing = keys.flatMap((key, shard) => (bundles.has(key) ? [] : [{ key, stories: shards[shard]! }]));
        const indexed = index(missing);
        // Awaited at the end of the build; until then a failure must not go unhandled.
        indexed.catch(() => undefined);
        indexing = { keys, shards, missing: missing.map(({ key }) => key), indexed };
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!state || !indexing) throw new Error('the search index was not started: no astro:build:start');
        const { keys, shards } = indexing;
        const bundles = state.searchBundles();
        const settle = async (result: SearchWorkerResult & { ok: true }, indexedKeys: readonly string[]) => {
          for (const key of indexedKeys) bundles.record(key);
          for (const digest of result.damaged) state!.articles().forget(digest);
        };
        const first = await indexing.indexed;
        await settle(first, indexing.missing);
        const outDir = fileURLToPath(dir);
        const target = join(outDir, 'pagefind');
        const previous = state.snapshot.searchOutput;
        let copied = 0;
        let reindexed = 0;
        for (const [shard, key] of keys.entries()) {
          const bundle = join(target, String(shard));
          if (previous?.outDir === outDir && previous.shards[shard] === key && existsSync(join(bundle, 'pagefind-entry.json'))) continue;
          if (!bundles.copyTo(key, bundle)) {
            // Damaged in the cache: indexed again, now.
            const again = await index([{ key, stories: shards[shard]! }]);
            await settle(again, [key]);
            reindexed++;
            if (!bundles.copyTo(key, bundle)) throw new Error(`the search shard ${shard} could not be copied to ${bundle}`);
          }
          copied++;
        }
        // Shards beyond the count, and anything else, go; so do cached bundles no longer current.
        for (const name of existsSync(target) ? await readdir(target) : []) {
          if (!(/^\d+$/.test(name) && Number(name) < keys.length)) await rm(join(target, name), { recursive: true, force: true });
        }
        bundles.keepOnly(new Set(keys));
        state.setSearchOutput({ outDir, shards: keys });
        logger.info(
          `search index of ${shards.reduce((sum, stories) => sum + stories.length, 0)} stories in ${keys.length} shard(s): ${first.indexed + reindexed} indexed, ${copied} copied to the output, ${keys.length - copied} unchanged there`,
        );
      },
    },
  };
}

/** Indexes `data.shards` on a worker thread (`search-worker.ts`). */
function indexInWorker(data: SearchWorkerData): Promise<SearchWorkerResult & { ok: true }> {
  if (data.shards.length === 0) return Promise.resolve({ ok: true, indexed: 0, damaged: [] });
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { workerData: data });
    worker.once('message', (result: SearchWorkerResult) => {
      if (result.ok) resolve(result);
      else reject(new Error(`the search index could not be built: ${result.message}`));
    });
    worker.once('error', (error) => reject(new Error(`the search index could not be built: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => reject(new Error(`the search indexing thread stopped (exit code ${code}) before it finished`)));
  });
}
