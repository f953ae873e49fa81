import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { close, createIndex } from 'pagefind';
import { readBuildReport, type ReportedStory } from '../lib/build-report.ts';
import { assignShards, searchRecord, shardKey } from '../lib/search-index.ts';
import { ArticleDiskCache } from '../pipeline/article-cache.ts';

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

/**
 * Builds the Pagefind full-text search index at the end of every build, in shards
 * (`src/lib/search-index.ts`) at `<outDir>/pagefind/<n>/`, each a complete Pagefind bundle with
 * its search UI files.
 *
 * A shard is indexed only when its key changed: otherwise it is left in the output folder when
 * that folder was kept, or copied from `<cacheDir>/dateline/search/<key>/` when it starts empty
 * (CI that keeps only the cache). The records come from the build report and the article cache.
 */
export function pagefindIndex({ cacheDir, locale, shardSize }: { cacheDir: string; locale: string; shardSize: number }): AstroIntegration {
  const searchCache = join(cacheDir, 'dateline', 'search');
  const stateFile = join(searchCache, 'state.json');
  return {
    name: 'dateline-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const target = join(outDir, 'pagefind');
        const previous = await readState(stateFile);
        // Until this build finishes, the output folder's shards are unknown.
        await rm(stateFile, { force: true });
        await mkdir(searchCache, { recursive: true });
        const shards = assignShards((await readBuildReport(cacheDir)).stories, shardSize);
        const keys = shards.map((stories) => shardKey(stories, locale, PAGEFIND_VERSION));
        let indexed = 0;
        let copied = 0;
        for (const [shard, key] of keys.entries()) {
          const bundle = join(target, String(shard));
          const kept = previous?.outDir === outDir && previous.shards[shard] === key && existsSync(join(bundle, 'pagefind-entry.json'));
          if (kept) continue;
          const cached = join(searchCache, key);
          if (!existsSync(join(cached, 'pagefind-entry.json'))) {
            try {
              await indexShard(shards[shard]!, cached, cacheDir, locale, logger);
            } finally {
              await close();
            }
            indexed++;
          }
          await rm(bundle, { recursive: true, force: true });
          await cp(cached, bundle, { recursive: true });
          copied++;
        }
        // Shards beyond the count, and anything else, go; so do cached bundles no longer current.
        for (const name of existsSync(target) ? await readdir(target) : []) {
          if (!(/^\d+$/.test(name) && Number(name) < keys.length)) await rm(join(target, name), { recursive: true, force: true });
        }
        for (const name of await readdir(searchCache)) {
          if (name !== 'state.json' && !keys.includes(name)) await rm(join(searchCache, name), { recursive: true, force: true });
        }
        await writeFile(stateFile, JSON.stringify({ outDir, shards: keys } satisfies SearchState));
        const stories = shards.reduce((sum, stories) => sum + stories.length, 0);
        logger.info(
          `search index of ${stories} stories in ${keys.length} shard(s): ${indexed} indexed, ${copied - indexed} restored from the cache, ${keys.length - copied} unchanged`,
        );
      },
    },
  };
}

async function readState(file: string): Promise<SearchState | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SearchState;
  } catch {
    return undefined;
  }
}

/** Indexes `stories` into a new Pagefind bundle at `outputPath`. */
async function indexShard(
  stories: readonly ReportedStory[],
  outputPath: string,
  cacheDir: string,
  locale: string,
  logger: AstroIntegrationLogger,
) {
  const articles = ArticleDiskCache.in(cacheDir);
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const story of stories) {
      const added = await index.addCustomRecord(searchRecord(story, articles.readHtml(story.digest), locale));
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${story.path}: ${added.errors.join('; ')}`);
    }
    await rm(outputPath, { recursive: true, force: true });
    await mkdir(outputPath, { recursive: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    logger.debug(`indexed ${stories.length} stories into ${outputPath}`);
  } finally {
    await index.deleteIndex();
  }
}
