import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleRecord } from './article.ts';
import type { Problem } from './problems.ts';

/** An article as kept between runs: everything but its body HTML, which has a file of its own. */
export type CachedArticle = Omit<ArticleRecord, 'html'>;

/** One processed file: its record and the problems (warnings, body errors) it had. */
export interface CacheEntry {
  article: CachedArticle;
  problems: Problem[];
}

/**
 * Processed articles on disk, keyed by digest, shared by the build, `npm run check` and pages.
 *
 * - `<digest>.json` holds the record and its problems; `<digest>.html` the rendered body, read
 *   only by the article's own page, so no run holds every body in memory.
 * - A digest names the file's bytes and the pipeline that processed them (see `pipelineFingerprint`),
 *   so an entry never goes stale: a change of either gives a new digest.
 * - Writes are atomic (temporary file, then rename): an interrupted run leaves no half entry.
 * - A corrupt, partial or unreadable entry is a miss, never a crash.
 * - The folder is listed once per instance (one call instead of a file check per article).
 */
export class ArticleDiskCache {
  readonly directory: string;
  /** Names of the files in `directory`, listed on first use and kept up to date by this instance. */
  #names: Set<string> | undefined;

  constructor(directory: string) {
    this.directory = directory;
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
    try {
      if (!this.hasBody(digest)) return undefined;
      const entry = JSON.parse(readFileSync(this.#path(digest, 'json'), 'utf8')) as CacheEntry;
      return { ...entry, article: revive(entry.article) };
    } catch {
      return undefined;
    }
  }

  /** The body HTML made from `digest`. Throws with instructions when it is missing. */
  readHtml(digest: string): string {
    try {
      return readFileSync(this.#path(digest, 'html'), 'utf8');
    } catch {
      throw new Error(`the rendered body ${digest} is missing from ${this.directory}; run the build again (it re-renders missing bodies)`);
    }
  }

  /** Stores what was made from `digest`. */
  set(digest: string, { html, ...article }: ArticleRecord, problems: Problem[]): void {
    mkdirSync(this.directory, { recursive: true });
    this.#write(this.#path(digest, 'html'), html);
    this.#write(this.#path(digest, 'json'), JSON.stringify({ article, problems } satisfies CacheEntry));
    this.#names?.add(`${digest}.html`).add(`${digest}.json`);
  }

  /** Removes every entry whose digest is not in `keep`; returns how many files went. */
  prune(keep: ReadonlySet<string>): number {
    const names = this.#listing();
    let removed = 0;
    for (const name of [...names]) {
      const digest = name.replace(/\.(?:json|html)$/, '');
      if (digest !== name && keep.has(digest)) continue;
      rmSync(join(this.directory, name), { force: true });
      names.delete(name);
      removed++;
    }
    return removed;
  }

  #listing(): Set<string> {
    this.#names ??= new Set(existsSync(this.directory) ? readdirSync(this.directory) : []);
    return this.#names;
  }

  #path(digest: string, extension: 'json' | 'html'): string {
    return join(this.directory, `${digest}.${extension}`);
  }

  #write(path: string, text: string): void {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
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
