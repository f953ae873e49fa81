import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { readBuildReport } from '../lib/build-report.ts';
import { readJsonFile, writeFileAtomic } from '../lib/files.ts';
import { linkTree } from '../lib/outputs.ts';
import { assignShards, shardKey } from '../lib/search-index.ts';
import type { SearchWorkerData, SearchWorkerResult } from './search-worker.ts';

/** Pagefind's version, part of every shard key: its package does not export `package.json`, so it is read from beside its entry. */
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Which shard keys the output folder `outDir` holds, as of the last build that finished. */
interface SearchState {
  outDir: string;
  shards: string[];
}

/** This build's shards: their keys, and the indexing of those not in the cache, under way. */
interface Indexing {
  keys: string[];
  stories: number;
  indexed: Promise<number>;
}

/**
 * Builds the Pagefind full-text search index, in shards (`src/lib/search-index.ts`) at
 * `<outDir>/pagefind/<n>/`, each a complete Pagefind bundle with its search UI files.
 *
 * - When the build starts (the content is synced and the build report written), the shards whose
 *   key is not in `<cacheDir>/dateline/search/<key>/` start being indexed there on a worker thread
 *   (`search-worker.ts`), while Astro bundles and generates the pages.
 * - When the build is done, each shard is left in the output folder when that folder was kept and
 *   already holds it, or else linked (or copied) from the cache (as in CI, which keeps only the cache).
 *
 * The records come from the build report and the article cache, never from finished pages.
 */
export function pagefindIndex({ cacheDir, locale, shardSize }: { cacheDir: string; locale: string; shardSize: number }): AstroIntegration {
  const searchCache = join(cacheDir, 'dateline', 'search');
  const stateFile = join(searchCache, 'state.json');
  let indexing: Indexing | undefined;
  return {
    name: 'dateline-pagefind',
    hooks: {
      'astro:build:start': async () => {
        const shards = assignShards((await readBuildReport(cacheDir)).stories, shardSize);
        const keys = shards.map((stories) => shardKey(stories, locale, PAGEFIND_VERSION));
        await mkdir(searchCache, { recursive: true });
        const missing = keys.flatMap((key, shard) =>
          existsSync(join(searchCache, key, 'pagefind-entry.json')) ? [] : [{ key, stories: shards[shard]! }],
        );
        const indexed = indexInWorker({
          shards: missing.map(({ key, stories }) => ({ outputPath: join(searchCache, key), stories })),
          cacheDir,
          locale,
        });
        // Awaited at the end of the build; until then a failure must not go unhandled.
        indexed.catch(() => undefined);
        indexing = { keys, stories: shards.reduce((sum, stories) => sum + stories.length, 0), indexed };
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!indexing) throw new Error('the search index was not started: no astro:build:start');
        const { keys, stories } = indexing;
        const indexed = await indexing.indexed;
        const outDir = fileURLToPath(dir);
        const target = join(outDir, 'pagefind');
        const previous = await readJsonFile<SearchState>(stateFile);
        // Until this build finishes, the output folder's shards are unknown.
        await rm(stateFile, { force: true });
        let copied = 0;
        for (const [shard, key] of keys.entries()) {
          const bundle = join(target, String(shard));
          if (previous?.outDir === outDir && previous.shards[shard] === key && existsSync(join(bundle, 'pagefind-entry.json'))) continue;
          await rm(bundle, { recursive: true, force: true });
          linkTree(join(searchCache, key), bundle);
          copied++;
        }
        // Shards beyond the count, and anything else, go; so do cached bundles no longer current.
        for (const name of existsSync(target) ? await readdir(target) : []) {
          if (!(/^\d+$/.test(name) && Number(name) < keys.length)) await rm(join(target, name), { recursive: true, force: true });
        }
        for (const name of await readdir(searchCache)) {
          if (name !== 'state.json' && !keys.includes(name)) await rm(join(searchCache, name), { recursive: true, force: true });
        }
        writeFileAtomic(stateFile, JSON.stringify({ outDir, shards: keys } satisfies SearchState));
        logger.info(
          `search index of ${stories} stories in ${keys.length} shard(s): ${indexed} indexed, ${copied} copied to the output, ${keys.length - copied} unchanged there`,
        );
      },
    },
  };
}

/** Indexes `shards` on a worker thread (`search-worker.ts`); resolves to how many it indexed. */
function indexInWorker(data: SearchWorkerData): Promise<number> {
  if (data.shards.length === 0) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { workerData: data });
    worker.once('message', (result: SearchWorkerResult) => {
      if (result.ok) resolve(result.indexed);
      else reject(new Error(`the search index could not be built: ${result.message}`));
    });
    worker.once('error', (error) => reject(new Error(`the search index could not be built: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => reject(new Error(`the search indexing thread stopped (exit code ${code}) before it finished`)));
  });
}
