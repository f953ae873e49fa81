import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/files.ts';
import type { ArticleRecord } from './article.ts';
import type { Problem } from './problems.ts';

/** An article as kept between runs: everything but its body HTML, which has a file of its own. */
export type CachedArticle = Omit<ArticleRecord, 'html'>;

/** One processed file: its record and the problems (warnings, body errors) it had. */
export interface CacheEntry {
  article: CachedArticle;
  problems: Problem[];
}

/** The file of the body rendered from `digest`, in a cache folder. */
function bodyPath(directory: string, digest: string): string {
  return join(directory, `${digest}.html`);
}

/**
 * Writes the body rendered from `digest` into the cache folder `directory` (atomically). Worker
 * threads write bodies themselves, so the HTML never travels back to the thread that records it
 * (`ArticleDiskCache.record`).
 */
export function writeArticleBody(directory: string, digest: string, html: string): void {
  writeFileAtomic(bodyPath(directory, digest), html);
}

/** Changed when what `articles.json` holds changes shape: an older file is then ignored. */
const RECORDS_VERSION = 1;

/** `articles.json`: the entry of every digest the last run kept. */
interface RecordsFile {
  version: typeof RECORDS_VERSION;
  entries: Record<string, CacheEntry>;
}

/** Records this process has read or written, by records file, with that file's size and time then. */
type SharedRecords = Map<string, { size: number; mtimeMs: number; entries: ReadonlyMap<string, CacheEntry> }>;

/**
 * Astro runs the content loader and the pages from separate copies of this module in one process;
 * they share the records through this instead of each reading and parsing the file (10 MB at
 * 10,000 stories). A file changed since (by another process) has another size or time.
 */
function sharedRecords(): SharedRecords {
  const registry = globalThis as unknown as Record<symbol, SharedRecords | undefined>;
  const key = Symbol.for('dateline.article-records');
  registry[key] ??= new Map();
  return registry[key];
}

/**
 * Processed articles on disk, keyed by digest, shared by the build, `npm run check` and pages.
 *
 * - `<directory>/<digest>.html` holds the rendered body, read only by the article's own page (and
 *   the search index), so no run holds every body in memory.
 * - `<directory>.json` (`articles.json`) holds every entry's record and problems in one file,
 *   read once per run and written by `save()` when something changed: one file instead of one per
 *   article, and no copy of the records in Astro's content store (see `src/content.ts`).
 * - A digest names the file's bytes and the pipeline that processed them (see `pipelineFingerprint`),
 *   so an entry never goes stale: a change of either gives a new digest.
 * - Writes are atomic (temporary file, then rename): an interrupted run leaves no half entry.
 * - A corrupt, partial or unreadable record file, or a missing body, is a miss, never a crash.
 * - The folder is listed once per instance (one call instead of a file check per article).
 */
export class ArticleDiskCache {
  readonly directory: string;
  readonly recordsFile: string;
  /** Names of the files in `directory`, listed on first use and kept up to date by this instance. */
  #names: Set<string> | undefined;
  /** The entries of `recordsFile`, read on first use. */
  #records: Map<string, CacheEntry> | undefined;
  #dirty = false;

  constructor(directory: string) {
    this.directory = directory;
    this.recordsFile = `${directory}.json`;
  }

  /** The cache under an Astro `cacheDir` (`node_modules/.astro` by default). */
  static in(cacheDir: string): ArticleDiskCache {
    return new ArticleDiskCache(join(cacheDir, 'dateline', 'articles'));
  }

  /** Whether the body made from `digest` is cached. */
  hasBody(digest: string): boolean {
    return this.#listing().has(`${digest}.html`);
  }

  /** The entry made from `digest`, if cached with its body. */
  get(digest: string): CacheEntry | undefined {
    return this.hasBody(digest) ? this.#entries().get(digest) : undefined;
  }

  /** The body HTML made from `digest`. Throws with instructions when it is missing. */
  readHtml(digest: string): string {
    try {
      return readFileSync(bodyPath(this.directory, digest), 'utf8');
    } catch {
      throw new Error(`the rendered body ${digest} is missing from ${this.directory}; run the build again (it re-renders missing bodies)`);
    }
  }

  /** Stores the record made from `digest`, whose body `writeArticleBody` has written (the record goes to disk with `save()`). */
  record(digest: string, article: CachedArticle, problems: Problem[]): void {
    this.#names?.add(`${digest}.html`);
    this.#entries().set(digest, { article, problems });
    this.#dirty = true;
  }

  /** Removes every entry whose digest is not in `keep` (and any other file in the folder); returns how many bodies and records went. */
  prune(keep: ReadonlySet<string>): number {
    const names = this.#listing();
    let removed = 0;
    for (const name of [...names]) {
      if (name.endsWith('.html') && keep.has(name.slice(0, -'.html'.length))) continue;
      rmSync(join(this.directory, name), { force: true });
      names.delete(name);
      removed++;
    }
    const entries = this.#entries();
    for (const digest of [...entries.keys()]) {
      if (keep.has(digest)) continue;
      entries.delete(digest);
      this.#dirty = true;
      removed++;
    }
    return removed;
  }

  /** Writes the records if `set` or `prune` changed them. */
  save(): void {
    if (!this.#dirty) return;
    writeFileAtomic(
      this.recordsFile,
      JSON.stringify({ version: RECORDS_VERSION, entries: Object.fromEntries(this.#entries()) } satisfies RecordsFile),
    );
    this.#dirty = false;
    this.#share(new Map(this.#entries()));
  }

  /** Offers `entries`, as now in the records file, to the other copies of this module. */
  #share(entries: ReadonlyMap<string, CacheEntry>): void {
    const stat = statSync(this.recordsFile, { throwIfNoEntry: false });
    if (stat) sharedRecords().set(this.recordsFile, { size: stat.size, mtimeMs: stat.mtimeMs, entries });
  }

  #listing(): Set<string> {
    this.#names ??= new Set(existsSync(this.directory) ? readdirSync(this.directory) : []);
    return this.#names;
  }

  #entries(): Map<string, CacheEntry> {
    if (this.#records) return this.#records;
    const stat = statSync(this.recordsFile, { throwIfNoEntry: false });
    const known = sharedRecords().get(this.recordsFile);
    if (stat && known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) {
      this.#records = new Map(known.entries);
      return this.#records;
    }
    this.#records = new Map();
    try {
      const file = JSON.parse(readFileSync(this.recordsFile, 'utf8')) as RecordsFile;
      if (file.version === RECORDS_VERSION) {
        for (const [digest, entry] of Object.entries(file.entries)) this.#records.set(digest, { ...entry, article: revive(entry.article) });
      }
      this.#share(new Map(this.#records));
    } catch {
      // Missing or unreadable: every article is processed again.
      this.#records = new Map();
    }
    return this.#records;
  }
}

/** JSON has no dates: turns the ISO strings of an article's dates back into `Date`s. */
function revive(article: CachedArticle): CachedArticle {
  const date = (value: { date: Date | string; hasTime: boolean }) => ({ ...value, date: new Date(value.date) });
  return {
    ...article,
    date: date(article.date),
    updated: article.updated ? date(article.updated) : undefined,
    corrections: article.corrections.map((correction) => ({ ...correction, date: date(correction.date) })),
  };
}
