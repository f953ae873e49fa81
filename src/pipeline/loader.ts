import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { visibleArticles } from '../lib/articles.ts';
import { reportStory, writeBuildReport } from '../lib/build-report.ts';
import { getBuildTime, isPreview, wallClockMs } from '../lib/build-time.ts';
import { RESERVED_SEGMENTS } from '../lib/urls.ts';
import type { ArticleRecord } from './article.ts';
import { ArticleDiskCache, type BodyLocation, type CachedArticle } from './article-cache.ts';
import { findAliasConflicts } from './aliases.ts';
import { FileIndex } from './file-index.ts';
import { findImageProblems, resolveImagePath } from './images.ts';
import { checkArticleLinks } from './links.ts';
import { locateProblems } from './locate.ts';
import { ContentError, compareStrings, formatProblem, sortProblems, type FileProblem } from './problems.ts';
import { decodeSource, digestOf } from './read.ts';
import { processArticles, type ArticleJob } from './parallel.ts';
import type { SchemaContext } from './schema.ts';

/** Bump to force every article to be parsed again on the next build. */
export const PIPELINE_VERSION = '3';

/** Source files whose change alters what is stored for an unchanged article. */
const PIPELINE_SOURCES = ['src/pipeline', 'src/lib/dates.ts', 'src/lib/urls.ts', 'package-lock.json'];

/**
 * A digest of everything besides an article's own bytes that shapes its stored record: the
 * pipeline's code and locked dependencies, and the schema's configuration. Any change makes every
 * cached article stale.
 */
export function pipelineFingerprint(root: string, options: SchemaContext): string {
  const parts: string[] = [PIPELINE_VERSION, JSON.stringify([options.sections, options.timeZone])];
  const read = (file: string) => (statSync(file, { throwIfNoEntry: false })?.isFile() ? readFileSync(file, 'utf8') : '');
  for (const source of PIPELINE_SOURCES) {
    const path = join(root, source);
    const files = statSync(path, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' })
          .filter((name) => name.endsWith('.ts'))
          .sort(compareStrings)
          .map((name) => join(path, name))
      : [path];
    for (const file of files) parts.push(read(file));
  }
  return digestOf(parts.join('\0'));
}

export interface NewsLoaderOptions extends SchemaContext {
  /** Folder of Markdown articles, relative to the project root. Read recursively; files and folders starting with `.` or `_` are skipped. */
  base: string;
  /** Folder of static files served at the site root, relative to the project root. Default `public`. */
  publicDir?: string | undefined;
  /** The build time, against which embargoes are judged. Default: `getBuildTime()`. */
  now?: Date | undefined;
  /**
   * Section names by slug. When given, every sync also writes the build report
   * (`src/lib/build-report.ts`) of the stories the build shows, for the steps after page generation.
   */
  sectionNames?: Readonly<Record<string, string>> | undefined;
}

/** A valid article of a run: its record, digest, and where its body HTML is in the article cache. */
export type LoadedArticle = CachedArticle & { digest: string; body: BodyLocation };

/** What one run over the content folder produced. */
export interface CorpusResult {
  /** Valid articles, in file order; each body's HTML is in the article cache at `body`. */
  articles: LoadedArticle[];
  problems: FileProblem[];
  /** How many article files there are. */
  files: number;
  /** How many files were parsed rather than reused from the cache. */
  parsed: number;
}

/**
 * Every `.md` file under `directory`, as paths relative to it with `/`, sorted. Files and folders
 * whose names start with `.` or `_` are skipped, and so is all that is inside such a folder.
 *
 * Symbolic links are followed, to files and to folders alike (a link to a folder that holds it is
 * not followed again). One listing per folder: Node's recursive listing stats every entry (~0.1 s
 * for 10,000 files), the folder's own listing already says which entries are files.
 */
export function listArticleFiles(directory: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, prefix: string, realFolders: readonly string[]) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const path = join(folder, entry.name);
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      let real = realFolders;
      if (!isFolder && !isFile) {
        // A link, or a file system that does not give types: what the entry leads to.
        const target = statSync(path, { throwIfNoEntry: false });
        isFile = target?.isFile() ?? false;
        isFolder = target?.isDirectory() ?? false;
        if (isFolder && entry.isSymbolicLink()) {
          const resolved = realpathSync(path);
          // A link to the folder it is in, or above: following it would never end.
          if (realFolders.some((above) => above === resolved || above.startsWith(`${resolved}${sep}`))) continue;
          real = [...realFolders, resolved];
        }
      }
      if (isFolder) walk(path, `${prefix}${entry.name}/`, real);
      else if (isFile && entry.name.endsWith('.md')) files.push(prefix + entry.name);
    }
  };
  const root = resolve(directory);
  walk(root, '', [realpathSync(root)]);
  return files.sort(compareStrings);
}

/**
 * Reads, validates and renders every article under `options.base`.
 *
 * - Files whose digest is in the article cache (`cacheDir`) are not parsed again; the others are
 *   processed on every core and cached.
 * - Every problem in every file is collected; nothing stops at the first.
 * - Corpus rules: two articles may not share a URL (`/<section>/<slug>/`), compared without case;
 *   internal links must lead somewhere (see `checkArticleLinks`); lead images must exist; aliases
 *   must not collide.
 */
export async function loadCorpus(root: string, options: NewsLoaderOptions & { cacheDir: string }): Promise<CorpusResult> {
  const directory = resolve(root, options.base);
  const base = contentBase(root, options.base);
  const cache = ArticleDiskCache.in(resolve(root, options.cacheDir));
  const fingerprint = pipelineFingerprint(root, options);
  let paths: string[];
  try {
    paths = listArticleFiles(directory);
  } catch (error) {
    throw new Error(
      `Dateline could not read the content folder “${options.base}”: ${(error as Error).message}. Set contentDir in src/site.config.ts.`,
      {
        cause: error,
      },
    );
  }
  const problems: FileProblem[] = [];
  const invalidIds = new Set<string>();
  const slots: (Omit<LoadedArticle, 'body'> | undefined)[] = [];
  // Each job's digest is what its record is stored under.
  const jobs: (ArticleJob & { slot: number; digest: string })[] = [];
  const files = FileIndex.in(resolve(root, options.cacheDir), directory);
  for (const path of paths) {
    const filePath = relative(root, join(directory, path)).split(sep).join('/');
    const id = path.replace(/\.md$/, '');
    const full = join(directory, path);
    // The record depends on the file's path as well as its bytes (id, slug, the file named in
    // problems): a renamed file, or a copy of another, is processed as itself.
    const articleDigest = (bytesDigest: string) => digestOf(`${fingerprint}\0${filePath}\0${bytesDigest}`);
    // A file whose stat is as when last read is not read again (see `FileIndex`); the stat is
    // taken before any read. Reads are one after another: thousands at once cost three times as much.
    const stat = statSync(full);
    const readNow = () => {
      const readAt = wallClockMs();
      const bytes = readFileSync(full);
      const bytesDigest = digestOf(bytes);
      files.record(path, stat, bytesDigest, readAt);
      return { bytes, bytesDigest, digest: articleDigest(bytesDigest) };
    };
    const known = files.digest(path, stat);
    let fresh: ReturnType<typeof readNow> | undefined;
    let digest: string;
    if (known === undefined) {
      fresh = readNow();
      digest = fresh.digest;
    } else {
      digest = articleDigest(known);
    }
    // A cached entry was made from these very bytes: they were decoded once already.
    const cached = cache.get(digest);
    if (cached) {
      problems.push(...cached.problems.map((problem) => ({ ...problem, file: filePath })));
      slots.push({ ...cached.article, digest });
      continue;
    }
    // Known by its stat but not in the cache: read now, under the digest of what was read.
    fresh ??= readNow();
    const read = decodeSource(filePath, fresh.bytes, fresh.bytesDigest);
    if (!read.ok) {
      problems.push({ ...read.problem, file: filePath });
      invalidIds.add(id);
      continue;
    }
    jobs.push({ file: read.file, id, slot: slots.length, digest: fresh.digest });
    slots.push(undefined);
  }
  const results = await processArticles(jobs, { context: options, bodies: cache.directory });
  results.forEach((result, index) => {
    const job = jobs[index]!;
    problems.push(...result.problems.map((problem) => ({ ...problem, file: job.file.path })));
    if (!result.ok) {
      invalidIds.add(job.id);
      return;
    }
    cache.record(job.digest, { article: result.article, problems: result.problems, body: result.body });
    slots[job.slot] = { ...result.article, digest: job.digest };
  });
  files.save(paths);
  const valid = slots.filter((article) => article !== undefined);
  cache.prune(new Set(valid.map((article) => article.digest)));
  cache.save();
  // After pruning, which may have moved bodies into a new pack.
  const articles: LoadedArticle[] = valid.map((article) => ({ ...article, body: cache.get(article.digest)!.body }));
  const parsed = jobs.length;
  problems.push(...findUrlCollisions(articles));
  const publicDir = resolve(root, options.publicDir ?? 'public');
  const contentDir = resolve(root, options.base);
  problems.push(
    ...checkArticleLinks(articles, {
      sections: options.sections,
      siteRoutes: RESERVED_SEGMENTS,
      invalidIds,
      // Files under /media/ come from the content folder's media folder, everything else from public/.
      fileExists: (sitePath) =>
        existsSync(join(publicDir, sitePath)) || (sitePath.startsWith('/media/') && existsSync(join(contentDir, sitePath))),
      now: options.now ?? getBuildTime(),
    }),
  );
  const corpusProblems = [
    ...findAliasConflicts(articles, { sections: options.sections, reserved: RESERVED_SEGMENTS }),
    ...findImageProblems(articles, root, base),
  ];
  problems.push(...(await locateProblems(root, corpusProblems)));
  return { articles, problems: sortProblems(problems), files: paths.length, parsed };
}

/**
 * The content folder relative to the project root, with `/` (`content`, `../newsroom/content`):
 * how article files and image paths are named, whether the folder was given relative or absolute.
 */
export function contentBase(root: string, base: string): string {
  return relative(root, resolve(root, base)).split(sep).join('/') || '.';
}

/** Articles that would be written to the same URL, reported on every file involved. */
export function findUrlCollisions(articles: readonly Pick<ArticleRecord, 'section' | 'slug' | 'filePath'>[]): FileProblem[] {
  const byUrl = new Map<string, Pick<ArticleRecord, 'section' | 'slug' | 'filePath'>[]>();
  for (const article of articles) {
    const key = `/${article.section}/${article.slug}/`.toLowerCase();
    byUrl.set(key, [...(byUrl.get(key) ?? []), article]);
  }
  const problems: FileProblem[] = [];
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue;
    for (const article of group) {
      const others = group.filter((other) => other !== article).map((other) => other.filePath);
      problems.push({
        file: article.filePath,
        line: 1,
        column: 1,
        field: 'slug',
        severity: 'error',
        message: `the URL ${url} is also used by ${others.join(', ')}; give one of them a different slug`,
      });
    }
  }
  return problems;
}

/**
 * The Astro content loader for Dateline articles.
 *
 * Entries are keyed by file id; each stores its digest, so an unchanged file is not parsed or
 * rendered again on the next build (the store persists in `node_modules/.astro/`). Any content
 * error fails the load with one report naming every file, line and field.
 */
export function newsLoader(options: NewsLoaderOptions): Loader {
  let watching = false;
  return {
    name: 'dateline-news-loader',
    load: async (context: LoaderContext) => {
      const root = fileURLToPath(context.config.root);
      await syncStore(context, root, options);
      const { watcher, logger } = context;
      if (!watcher || watching) return;
      // In dev, re-sync when an article changes; report errors without stopping the server.
      watching = true;
      const directory = resolve(root, options.base);
      watcher.add(directory);
      watcher.on('all', (_event, path) => {
        if (!path.startsWith(directory) || !path.endsWith('.md')) return;
        syncStore(context, root, options).catch((error: Error) => logger.error(error.message));
      });
    },
  };
}

/** The part of Astro's data store that registers image imports (present at run time, absent from its type). */
type AssetRegistry = { addAssetImports?: (assets: string[], filePath?: string) => void };

/**
 * Loads the corpus into the store: changed entries are replaced, deleted files removed.
 *
 * An entry holds only the article's digest and, when it has one, its lead image's file (which the
 * collection schema's `image()` hands to Astro's image pipeline). The record lives in the article
 * cache (`articles.json`) and the body beside it; `getNewsroom` joins them by digest. Astro
 * serializes its whole store and compiles it into the build on every run, several times over: at
 * 10,000 stories, records in the store cost seconds per build, one JSON file a tenth of a second.
 *
 * Until the store is updated, the work is synchronous (the files are small, and one read after
 * another is faster than thousands at once): Astro writes its store to disk 500 ms after a change
 * unless another change comes first, and a loader that gave way mid-sync would have it serialized
 * twice, once before and once after the loader's own changes.
 */
async function syncStore({ store, logger, parseData, config }: LoaderContext, root: string, options: NewsLoaderOptions): Promise<void> {
  const result = await loadCorpus(root, { ...options, cacheDir: fileURLToPath(config.cacheDir) });
  for (const warning of result.problems.filter((problem) => problem.severity === 'warning')) logger.warn(formatProblem(warning));
  if (result.problems.some((problem) => problem.severity === 'error')) throw new ContentError(result.problems);
  const seen = new Set<string>();
  const base = contentBase(root, options.base);
  for (const article of result.articles) {
    seen.add(article.id);
    const existing = store.get(article.id);
    if (existing?.digest === article.digest) {
      // Astro rewrites its list of image imports only when told of one; its own glob() loader
      // re-registers those of unchanged entries, through a method the store has but does not type.
      if (existing.assetImports?.length) (store as AssetRegistry).addAssetImports?.(existing.assetImports, existing.filePath);
      continue;
    }
    store.set({
      id: article.id,
      data: await toStoredData(parseData, article, base),
      digest: article.digest,
      // Astro needs the file only to resolve an image import; without one, the entry stays smaller.
      ...(article.image ? { filePath: article.filePath } : {}),
    });
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  const { sectionNames } = options;
  if (sectionNames) {
    const shown = visibleArticles(result.articles, options.now ?? getBuildTime(), isPreview());
    await writeBuildReport(
      fileURLToPath(config.cacheDir),
      shown.map((article) => reportStory(article, sectionNames[article.section] ?? article.section, options.timeZone)),
    );
  }
  logger.info(`${result.articles.length} articles, ${result.parsed} parsed, ${result.articles.length - result.parsed} unchanged`);
}

/** What the store holds of an article: its digest, and its lead image's file (see `syncStore`). */
export interface StoredArticle {
  digest: string;
  /** The lead image's path from the article, which the collection schema's `image()` resolves. */
  image?: { file: unknown } | undefined;
}

/** The stored data of `article`, through the collection schema when it has a lead image. */
async function toStoredData(parseData: LoaderContext['parseData'], article: LoadedArticle, base: string): Promise<Record<string, unknown>> {
  const data: StoredArticle = { digest: article.digest };
  const resolved = article.image && resolveImagePath(article.image.src, article.filePath, base);
  if (!resolved?.ok) return { ...data };
  return parseData({ id: article.id, data: { ...data, image: { file: resolved.value.fromArticle } }, filePath: article.filePath });
}
