import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { keepAssetImports } from '../adapters/astro-asset-imports.ts';
import { visibleArticles } from '../lib/articles.ts';
import { ContentError, formatProblem, type FileProblem } from '../pipeline/problems.ts';
import { articlePath } from '../lib/urls.ts';
import { bodyImagePath } from '../pipeline/body-images.ts';
import { resolveImagePath } from '../pipeline/image-path.ts';
import { digestOf } from '../pipeline/read.ts';
import { getBuildTime, isPreview } from '../runtime.ts';
import { BuildState } from '../store/build-state.ts';
import { BuildLockedError } from '../store/lock.ts';
import { toStory } from '../store/stories.ts';
import { contentBase, loadCorpus, type CorpusOptions, type LoadedArticle } from './corpus.ts';
import { setDevProblems, trackDevSync } from './dev-status.ts';

export interface NewsLoaderOptions extends Omit<CorpusOptions, 'cacheDir'> {
  /** Section names by slug, for the stories of the build (`src/store/stories.ts`). */
  sectionNames: Readonly<Record<string, string>>;
}

/**
 * The Astro content loader for Dateline articles.
 *
 * Entries are keyed by file id; each stores its digest, so an unchanged file is not processed
 * again (see `loadCorpus`). Any content error fails the load with one report naming every file,
 * line and field. In `astro dev`, a change under the content folder syncs again, and content
 * errors do not stop the server: pages show them in the browser until they are fixed (`syncInDev`).
 */
export function newsLoader(options: NewsLoaderOptions): Loader {
  let watching = false;
  return {
    name: 'dateline-news-loader',
    load: async (context: LoaderContext) => {
      const root = fileURLToPath(context.config.root);
      const { watcher, logger } = context;
      if (!watcher) {
        // A build: the build's integration holds the lock for the whole build (src/integrations/build-state.ts).
        await syncStore(context, root, options);
        return;
      }
      await syncInDev(context, root, options);
      if (watching) return;
      watching = true;
      const directory = resolve(root, options.base);
      watcher.add(directory);
      // A save is often a truncation, then a write: the watcher may report the first (an empty
      // file) and not the second. Syncing once the events have settled reads what was saved.
      let settling: ReturnType<typeof setTimeout> | undefined;
      watcher.on('all', (_event, path) => {
        if (!path.startsWith(directory)) return;
        clearTimeout(settling);
        settling = setTimeout(() => {
          syncInDev(context, root, options).catch((error: Error) => logger.error(error.message));
        }, SETTLE_MS);
      });
    },
  };
}

/** How long after the last change under the content folder `astro dev` syncs again, in milliseconds. */
const SETTLE_MS = 150;

/** The meta key whose change makes the dev server reload the browser when the content errors change. */
const PROBLEMS_KEY = 'dateline-content-errors';

/**
 * In `astro dev`: one sync (see `syncWhileLocked`) whose content errors do not stop the server but
 * go to the pages (`src/loader/dev-status.ts`), which show them in the browser until they are
 * fixed; the terminal lists them too. Recording them in the store's meta makes the dev server
 * reload the open pages, as a sync that changes entries does.
 */
async function syncInDev(context: LoaderContext, root: string, options: NewsLoaderOptions): Promise<void> {
  const showProblems = (problems: readonly FileProblem[]) => {
    setDevProblems(root, problems);
    const digest = problems.length > 0 ? digestOf(problems.map((problem) => formatProblem(problem)).join('\n')) : '';
    if ((context.meta.get(PROBLEMS_KEY) ?? '') !== digest) context.meta.set(PROBLEMS_KEY, digest);
  };
  await trackDevSync(
    syncWhileLocked(context, root, options).then(
      () => showProblems([]),
      (error: unknown) => {
        if (!(error instanceof ContentError)) throw error;
        showProblems(error.problems);
        context.logger.error(error.message);
        // The other collections' loaders (profiles, fallback images) wait for the stories: let them
        // go on (the server must start to show the errors).
        BuildState.open(fileURLToPath(context.config.cacheDir)).settleFailedSync();
      },
    ),
  );
}

/** In `astro dev`: one sync under the build lock, waiting for a build or check that holds it. */
async function syncWhileLocked(context: LoaderContext, root: string, options: NewsLoaderOptions): Promise<void> {
  const state = BuildState.open(fileURLToPath(context.config.cacheDir));
  for (let waited = 0; ; waited++) {
    try {
      state.lock('dev');
      break;
    } catch (error) {
      if (!(error instanceof BuildLockedError) || waited >= 300) throw error;
      if (waited === 0) context.logger.info(`${error.message}; waiting for it before reading the content`);
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
  try {
    await syncStore(context, root, options);
  } finally {
    state.unlock();
  }
}

/**
 * Loads the corpus into Astro's content store: changed entries are replaced, deleted files removed.
 *
 * An entry holds no data but, when the build shows the article, its lead image's file (which the
 * collection schema's `image()` hands to Astro's image pipeline): the image of a draft or an
 * embargoed story is never registered with Astro, so no size of it, and not its original, reaches
 * the output before the story is published. The record and body live in the build state, which
 * also keeps each article's digest by id (`BuildState.articleDigest`); `getNewsroom` joins them.
 * Astro serializes its whole store and compiles it into the build on every run: at 10,000
 * stories, records in it cost seconds per build, and each entry's every byte costs there.
 *
 * Until the store is updated, the work is synchronous: Astro writes its store to disk 500 ms
 * after a change unless another change comes first, and a loader that gave way mid-sync would
 * have it serialized twice.
 */
async function syncStore({ store, logger, parseData, config }: LoaderContext, root: string, options: NewsLoaderOptions): Promise<void> {
  const cacheDir = fileURLToPath(config.cacheDir);
  const result = await loadCorpus(root, { ...options, cacheDir });
  for (const warning of result.problems.filter((problem) => problem.severity === 'warning')) logger.warn(formatProblem(warning));
  if (result.problems.some((problem) => problem.severity === 'error')) throw new ContentError(result.problems);
  const now = options.now ?? getBuildTime();
  const shown = visibleArticles(result.articles, now, isPreview());
  const shownIds = new Set(shown.map((article) => article.id));
  const seen = new Set<string>();
  const base = contentBase(root, options.base);
  for (const article of result.articles) {
    seen.add(article.id);
    const withImage = (article.image !== undefined || article.images.length > 0) && shownIds.has(article.id);
    // Astro's digest of the entry: the article, and whether its image is registered, which
    // changes when an embargo lifts while the file stays the same. Astro only compares it, and
    // keeps it in the store it compiles into every build: 128 bits are enough.
    const digest = digestOf(`${article.digest}\0${withImage}`).slice(0, 32);
    const existing = store.get(article.id);
    // An unchanged entry is kept as it is, its image imports registered again (or, where the
    // store cannot do that, set again).
    if (existing?.digest === digest && keepAssetImports(store, existing)) continue;
    store.set({
      id: article.id,
      data: await toStoredData(parseData, article, base, withImage),
      digest,
      // Astro needs the file only to resolve an image import; without one, the entry stays smaller.
      ...(withImage ? { filePath: article.filePath } : {}),
    });
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  BuildState.open(cacheDir).setStories(
    root,
    shown.map((article) => toStory(article, options.sectionNames[article.section] ?? article.section, options.timeZone)),
    { authors: result.authors, fronts: result.fronts, digests: new Map(result.articles.map((article) => [article.id, article.digest])) },
  );
  logger.info(`${result.articles.length} articles, ${result.parsed} processed, ${result.articles.length - result.parsed} unchanged`);
}

/** What Astro's store holds of an article: (when shown) its lead image's and body images' files. */
export interface StoredArticle {
  /** The lead image's path from the article, which the collection schema's `image()` resolves. */
  image?: { file: unknown } | undefined;
  /** The body images the image pipeline cuts: each one's site path (`/media/photo.jpg`) and path from the article. */
  bodyImages?: { path: string; file: unknown }[] | undefined;
}

/** The stored data of `article`, through the collection schema when any of its images is registered. */
async function toStoredData(
  parseData: LoaderContext['parseData'],
  article: LoadedArticle,
  base: string,
  withImage: boolean,
): Promise<Record<string, unknown>> {
  const data: StoredArticle = {};
  if (!withImage) return { ...data };
  const lead = article.image ? resolveImagePath(article.image.src, article.filePath, base) : undefined;
  const page = articlePath(article);
  const paths = [...new Set(article.images.flatMap((image) => bodyImagePath(image.url, page) ?? []))];
  const bodyImages = paths.flatMap((path) => {
    const resolved = resolveImagePath(path, article.filePath, base);
    return resolved.ok ? [{ path, file: resolved.value.fromArticle }] : [];
  });
  if (!lead?.ok && bodyImages.length === 0) return { ...data };
  return parseData({
    id: article.id,
    data: { ...data, ...(lead?.ok ? { image: { file: lead.value.fromArticle } } : {}), ...(bodyImages.length > 0 ? { bodyImages } : {}) },
    filePath: article.filePath,
  });
}
