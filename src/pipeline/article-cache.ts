import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleRecord } from './article.ts';

/**
 * Processed articles on disk, one JSON file per digest, shared by the build and `npm run check`.
 *
 * - A digest names the file's bytes and the pipeline that processed them (see `pipelineFingerprint`),
 *   so an entry never goes stale: a change of either gives a new digest.
 * - Writes are atomic (temporary file, then rename): an interrupted build leaves no half entry.
 * - Entries no article uses any more are removed by `prune`.
 * - A corrupt or unreadable entry is treated as missing.
 */
export class ArticleDiskCache {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
  }

  #path(digest: string): string {
    return join(this.directory, `${digest}.json`);
  }

  /** The record made from `digest`, if cached. */
  get(digest: string): ArticleRecord | undefined {
    try {
      return revive(JSON.parse(readFileSync(this.#path(digest), 'utf8')) as ArticleRecord);
    } catch {
      return undefined;
    }
  }

  /** Stores the record made from `digest`. */
  set(digest: string, record: ArticleRecord): void {
    mkdirSync(this.directory, { recursive: true });
    const temporary = `${this.#path(digest)}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, this.#path(digest));
  }

  /** Removes every entry whose digest is not in `keep`. */
  prune(keep: ReadonlySet<string>): number {
    if (!existsSync(this.directory)) return 0;
    let removed = 0;
    for (const name of readdirSync(this.directory)) {
      if (name.endsWith('.json') && keep.has(name.slice(0, -'.json'.length))) continue;
      rmSync(join(this.directory, name), { force: true });
      removed++;
    }
    return removed;
  }
}

/** JSON has no dates: turns the ISO strings of an article's dates back into `Date`s. */
function revive(record: ArticleRecord): ArticleRecord {
  const date = (value: { date: Date | string; hasTime: boolean }) => ({ ...value, date: new Date(value.date) });
  return {
    ...record,
    date: date(record.date),
    updated: record.updated ? date(record.updated) : undefined,
    corrections: record.corrections.map((correction) => ({ ...correction, date: date(correction.date) })),
  };
}
