import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { keepAssetImports } from '../adapters/astro-asset-imports.ts';
import { termSlug } from '../lib/taxonomy.ts';
import { resolveImagePath } from '../pipeline/image-path.ts';
import { digestOf } from '../pipeline/read.ts';
import type { AuthorProfile } from '../schemas/author.ts';
import { BuildState } from '../store/build-state.ts';
import { contentBase } from './corpus.ts';

/** What Astro's store holds of a profile: the profile, and (when it has a page) its photo's file. */
export interface StoredAuthor {
  profile: AuthorProfile;
  /** The photo's path from the profile file, which the collection schema's `image()` resolves. */
  photo?: { file: unknown } | undefined;
}

/**
 * The Astro content loader for author profiles (`content/authors/*.yaml`).
 *
 * The profiles are read and checked with the articles, by the articles' loader (`loadCorpus`, so
 * that one report lists every problem); this loader waits for that sync and puts the valid
 * profiles in the `authors` collection, keyed by author-page slug. A photo is registered with
 * Astro's image pipeline only when the author has a page in this build (a story the build
 * shows): Astro ships the original of any image it is handed that no page then cuts.
 */
export function authorsLoader({ base }: { base: string }): Loader {
  let watching = false;
  return {
    name: 'dateline-authors-loader',
    load: async (context: LoaderContext) => {
      const root = fileURLToPath(context.config.root);
      const state = BuildState.open(fileURLToPath(context.config.cacheDir));
      await state.whenStories();
      await syncAuthors(context, root, base, state);
      if (!context.watcher || watching) return;
      watching = true;
      // In `astro dev`, the articles' loader syncs again on any change in the content folder.
      state.onStories(() => {
        syncAuthors(context, root, base, state).catch((error: Error) => context.logger.error(error.message));
      });
    },
  };
}

async function syncAuthors({ store, parseData }: LoaderContext, root: string, base: string, state: BuildState): Promise<void> {
  // `astro dev` with content errors from the start: no stories yet; the pages show the errors.
  if (!state.hasStories()) return;
  const shown = new Set(state.stories().flatMap((story) => story.authors.map(termSlug)));
  const folder = contentBase(root, base);
  const seen = new Set<string>();
  for (const profile of state.authors()) {
    seen.add(profile.slug);
    const withPhoto = profile.photo !== undefined && shown.has(profile.slug);
    const digest = digestOf(JSON.stringify([profile, withPhoto]));
    const existing = store.get(profile.slug);
    if (existing?.digest === digest && keepAssetImports(store, existing)) continue;
    const data: StoredAuthor = { profile };
    const resolved = withPhoto && profile.photo ? resolveImagePath(profile.photo.src, profile.filePath, folder) : undefined;
    store.set({
      id: profile.slug,
      data: resolved?.ok
        ? await parseData({ id: profile.slug, data: { ...data, photo: { file: resolved.value.fromArticle } }, filePath: profile.filePath })
        : { ...data },
      digest,
      ...(resolved?.ok ? { filePath: profile.filePath } : {}),
    });
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
}
