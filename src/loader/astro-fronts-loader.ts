import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { keepAssetImports } from '../adapters/astro-asset-imports.ts';
import { digestOf } from '../pipeline/read.ts';
import { BuildState } from '../store/build-state.ts';

/**
 * The Astro content loader for the sections' fallback images (`content/fronts/<section>.jpg`).
 *
 * Fronts and their images are read and checked with the articles, by the articles' loader
 * (`loadCorpus`, so that one report lists every problem); this loader waits for that sync and
 * puts each valid fallback image in the `fallbacks` collection, keyed by section, so that the
 * collection schema's `image()` hands its file to Astro's image pipeline. The front files
 * themselves need no image pipeline: pages read them from the build state (`getNewsroom`).
 */
export function fallbacksLoader(): Loader {
  let watching = false;
  return {
    name: 'dateline-fallbacks-loader',
    load: async (context: LoaderContext) => {
      const state = BuildState.open(fileURLToPath(context.config.cacheDir));
      await state.whenStories();
      await syncFallbacks(context, state);
      if (!context.watcher || watching) return;
      watching = true;
      // In `astro dev`, the articles' loader syncs again on any change in the content folder.
      state.onStories(() => {
        syncFallbacks(context, state).catch((error: Error) => context.logger.error(error.message));
      });
    },
  };
}

async function syncFallbacks({ store, parseData }: LoaderContext, state: BuildState): Promise<void> {
  const seen = new Set<string>();
  for (const fallback of state.fronts().fallbacks) {
    seen.add(fallback.section);
    const digest = digestOf(JSON.stringify(fallback));
    const existing = store.get(fallback.section);
    if (existing?.digest === digest && keepAssetImports(store, existing)) continue;
    // The entry's file is the image itself, so its path from the entry is its own name.
    const file = `./${fallback.filePath.split('/').pop()!}`;
    store.set({
      id: fallback.section,
      data: await parseData({ id: fallback.section, data: { fallback, image: { file } }, filePath: fallback.filePath }),
      digest,
      filePath: fallback.filePath,
    });
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
}
