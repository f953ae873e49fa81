import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { walkFiles } from '../io/walk.ts';
import { articlePath, RESERVED_SEGMENTS, siteFilePaths } from '../lib/urls.ts';
import { findAliasConflicts } from '../pipeline/aliases.ts';
import { checkArticleLinks } from '../pipeline/links.ts';
import { sortProblems, type FileProblem } from '../pipeline/problems.ts';
import { decodeSource, digestOf } from '../pipeline/read.ts';
import type { SchemaContext } from '../pipeline/schema.ts';
import { getBuildTime, wallClockMs } from '../runtime.ts';
import type { AuthorProfile } from '../schemas/author.ts';
import type { Fronts } from '../schemas/front.ts';
import type { ArticleRecord, PartialRecord } from '../schemas/record.ts';
import type { BodyRef, StoredEntry } from '../store/articles.ts';
import { BuildState } from '../store/build-state.ts';
import { failpoint } from '../store/failpoints.ts';
import { loadAuthors } from './authors.ts';
import { loadFronts } from './fronts.ts';
import { findBodyImageProblems } from './body-images.ts';
import { ContentFiles, findLeadImageProblems, outsideMessage } from './content-files.ts';
import { locateProblems } from './locate.ts';
import { processArticles, startArticleWorker, type ArticleJob } from './pool.ts';

/** Bump to force every article to be processed again on the next build. */
export const PIPELINE_VERSION = '4';

/** The module the worker threads run: the pipeline is everything it imports. */
const PIPELINE_ENTRY = 'src/loader/article-task.ts';

/**
 * The project's own modules that `entry` (relative to `root`) imports, directly or not, itself
 * included: relative `import … from './x.ts'` and `import('./x.ts')` specifiers, followed.
 */
export function sourceClosure(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) queue.push(resolve(dirname(file), specifier!));
  }
  return [...seen].map((file) => relative(root, file).split(sep).join('/')).sort();
}

/**
 * A digest of everything besides an article's own bytes that shapes its stored record: the code
 * of the pipeline (every module the worker threads load), the locked dependencies, and the
 * schema's settings. Any change makes every stored article stale.
 */
export function pipelineFingerprint(root: string, options: SchemaContext): string {
  const parts: string[] = [PIPELINE_VERSION, JSON.stringify([options.sections, options.timeZone])];
  for (const file of [...sourceClosure(root, PIPELINE_ENTRY), 'package-lock.json']) {
    parts.push(file, existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '');
  }
  return digestOf(parts.join('\0'));
}

export interface CorpusOptions extends SchemaContext {
  /** Folder of Markdown articles, relative to the project root. Read recursively; files and folders starting with `.` or `_` are skipped. */
  base: string;
  /** Astro's cache folder, relative to the project root or absolute; the build state is in its `dateline/` folder. */
  cacheDir: string;
  /** Folder of static files served at the site root, relative to the project root. Default `public`. */
  publicDir?: string | undefined;
  /** The build time, against which embargoes are judged. Default: `getBuildTime()`. */
  now?: Date | undefined;
}

/** A valid article of a run: its record, digest, and where its body HTML is in the build state. */
export type LoadedArticle = ArticleRecord & { digest: string; body: BodyRef };

/** What one run over the content folder produced. */
export interface CorpusResult {
  /** Valid articles, in file order. */
  articles: LoadedArticle[];
  problems: FileProblem[];
  /** How many article files there are. */
  files: number;
  /** How many files were processed rather than reused from the build state. */
  parsed: number;
  /** Valid author profiles (`content/authors/*.yaml`, see `loadAuthors`). */
  authors: AuthorProfile[];
  /** Valid fronts and fallback images (`content/fronts/`, see `loadFronts`). */
  fronts: Fronts;
}

/** Names starting with `.` or `_` are not content (`.git`, `_drafts-notes`). */
const isHidden = (name: string) => name.startsWith('.') || name.startsWith('_');

/**
 * Every `.md` file under `directory`, as paths relative to it with `/`, sorted (see `walkFiles`).
 * Symbolic links are followed when they stay inside the folder; an article file or a folder that
 * is a link leading outside is given to `outside` (with its path and target) and never read.
 */
export function listArticleFiles(
  directory: string,
  outside: (path: string, target: string, isFolder: boolean) => void = () => {},
): string[] {
  const followLinks = {
    outside: (path: string, target: string, isFolder: boolean) => {
      if (isFolder || path.endsWith('.md')) outside(path, target, isFolder);
    },
  };
  return walkFiles(directory, { skip: isHidden, followLinks }).filter((file) => file.endsWith('.md'));
}

/**
 * Reads, validates and renders every article under `options.base`, and keeps what it made in the
 * build state of `options.cacheDir` (the caller holds its lock, see `BuildState.lock`).
 *
 * - Files whose digest is kept are not processed again; the others are, on every core.
 * - Every problem in every file is collected; nothing stops at the first, and no file can stop
 *   the run (see `processArticles`). The links and lead image of a file whose front matter has
 *   errors are checked too (its `partial` record), so one run reports all of its mistakes.
 * - Corpus rules: two articles may not share a URL (compared without case); internal links must
 *   lead somewhere (`checkArticleLinks`); lead images and linked files must exist inside the
 *   content folder; aliases must not collide with the site's own URLs or each other.
 * - Author profiles (`loadAuthors`) are read and checked too, and body images the image pipeline
 *   cuts are held to a lead image's limits (`findBodyImageProblems`).
 */
export async function loadCorpus(root: string, options: CorpusOptions): Promise<CorpusResult> {
  const directory = resolve(root, options.base);
  const base = contentBase(root, options.base);
  const state = BuildState.open(resolve(root, options.cacheDir));
  const stored = state.articles();
  const fingerprint = pipelineFingerprint(root, options);
  const problems: FileProblem[] = [];
  // Listed paths are relative to `directory`, with `/`: the folder's own path from the root goes before them.
  const folderFromRoot = relative(root, directory).split(sep).join('/');
  const toProjectPath = (path: string) => (folderFromRoot ? `${folderFromRoot}/${path}` : path);
  let paths: string[];
  try {
    if (!statSync(directory).isDirectory()) throw new Error('it is not a folder');
    paths = listArticleFiles(directory, (path, target, isFolder) =>
      problems.push({
        file: toProjectPath(path),
        severity: 'error',
        message: isFolder
          ? `the folder ${toProjectPath(path)} is a link to ${target}, outside the content folder: none of its files is read; move them into the content folder instead`
          : outsideMessage('the article file', toProjectPath(path), target),
      }),
    );
  } catch (error) {
    throw new Error(
      `Dateline could not read the content folder “${options.base}”: ${(error as Error).message}. Set contentDir in src/site.config.ts.`,
      { cause: error },
    );
  }
  const invalidIds = new Set<string>();
  /** By file, in order: the digest of a valid article (its entry is in `stored`), or undefined. */
  const digests: (string | undefined)[] = [];
  const jobs: (ArticleJob & { slot: number; digest: string })[] = [];
  const files = state.fileIndex(directory);
  // Started at the first file to process, so that it loads the pipeline while the rest of the
  // folder is checked; stopped by `processArticles`, or here if the check fails.
  let worker: ReturnType<typeof startArticleWorker> | undefined;
  try {
    for (const path of paths) {
      const filePath = toProjectPath(path);
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
      const digest = known === undefined ? (fresh = readNow()).digest : articleDigest(known);
      const entry = stored.get(digest);
      if (entry) {
        problems.push(...entry.problems.map((problem) => ({ ...problem, file: filePath })));
        digests.push(digest);
        continue;
      }
      // Known by its stat but not kept: read now, under the digest of what was read.
      fresh ??= readNow();
      const read = decodeSource(filePath, fresh.bytes, fresh.bytesDigest);
      if (!read.ok) {
        problems.push({ ...read.problem, file: filePath });
        invalidIds.add(id);
        digests.push(undefined);
        continue;
      }
      jobs.push({ file: read.file, id, slot: digests.length, digest: fresh.digest });
      digests.push(undefined);
      worker ??= startArticleWorker();
    }
  } catch (error) {
    await worker?.destroy();
    throw error;
  }
  const results = await processArticles(
    jobs,
    { context: { sections: options.sections, timeZone: options.timeZone }, objects: state.objects.directory },
    worker,
  );
  failpoint('sync');
  /** What can still be checked of the files whose front matter has errors. */
  const partials: PartialRecord[] = [];
  results.forEach((result, index) => {
    const job = jobs[index]!;
    problems.push(...result.problems.map((problem) => ({ ...problem, file: job.file.path })));
    if (!result.ok) {
      invalidIds.add(job.id);
      if (result.partial) partials.push(result.partial);
      return;
    }
    stored.set(job.digest, { record: result.article, problems: result.problems, body: result.body } satisfies StoredEntry);
    digests[job.slot] = job.digest;
  });
  state.keepFileIndex(directory, files, paths);
  const valid = digests.filter((digest) => digest !== undefined);
  stored.keepOnly(new Set(valid));

  const contentFiles = new ContentFiles(root, options.base);
  const imageSizes = state.fileIndex(`images:${directory}`);
  const records = valid.map((digest) => stored.get(digest)!.record);
  const withImages = [...records, ...partials];
  const imageProblems = await findLeadImageProblems(withImages, contentFiles, base, imageSizes);
  state.keepFileIndex(
    `images:${directory}`,
    imageSizes,
    withImages.flatMap((record) => (record.image ? [record.filePath] : [])),
  );
  // Author profiles and body images the image pipeline cuts: checked like lead images.
  const otherImageSizes = state.fileIndex(`profiles-and-body-images:${directory}`);
  const authors = await loadAuthors(root, base, {
    bylines: records.flatMap((record) => record.authors),
    files: contentFiles,
    sizes: otherImageSizes,
  });
  const now = options.now ?? getBuildTime();
  const fronts = await loadFronts(root, base, {
    records,
    now,
    sections: options.sections,
    timeZone: options.timeZone,
    files: contentFiles,
    sizes: otherImageSizes,
  });
  imageProblems.push(
    ...authors.problems,
    ...fronts.problems,
    ...(await findBodyImageProblems(records, contentFiles, base, otherImageSizes)),
  );
  state.keepFileIndex(`profiles-and-body-images:${directory}`, otherImageSizes, otherImageSizes.usedPaths());
  // Written before the corpus rules, which need no state: what was processed is kept even when
  // the run then fails. Keeping may move bodies into new packs, so entries are read after it.
  state.commitContent();
  const articles: LoadedArticle[] = valid.map((digest) => {
    const { record, body } = stored.get(digest)!;
    return { ...record, digest, body };
  });

  problems.push(...findUrlCollisions(articles));
  const publicDir = resolve(root, options.publicDir ?? 'public');
  problems.push(
    ...checkArticleLinks(
      articles,
      {
        sections: options.sections,
        siteRoutes: RESERVED_SEGMENTS,
        invalidIds,
        // Files under /media/ come from the content folder's media folder, everything else from public/.
        siteFile: (sitePath) => {
          if (sitePath.startsWith('/media/')) {
            const found = contentFiles.resolve(`${base === '.' ? '' : `${base}/`}${sitePath.slice(1)}`);
            if (found.ok) return { found: true };
            if (found.reason === 'outside') return { found: false, outside: found.target };
          }
          return { found: existsSync(join(publicDir, sitePath)) };
        },
        now,
      },
      partials,
    ),
  );
  const siteFiles = [...siteFilePaths(options.sections), ...walkFiles(publicDir).map((file) => `/${file}`)];
  const corpusProblems = [
    ...findAliasConflicts(articles, { sections: options.sections, reserved: RESERVED_SEGMENTS, files: siteFiles }),
    ...imageProblems,
  ];
  problems.push(...(await locateProblems(root, corpusProblems)));
  return {
    articles,
    problems: sortProblems(problems),
    files: paths.length,
    parsed: jobs.length,
    authors: authors.profiles,
    fronts: { fronts: fronts.fronts, fallbacks: fronts.fallbacks },
  };
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
    const key = articlePath(article).toLowerCase();
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
