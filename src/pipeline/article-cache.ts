import { appendFileSync, closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp, processWide, writeFileAtomic } from '../lib/files.ts';
import type { ArticleRecord } from './article.ts';
import type { Problem } from './problems.ts';
import { digestOf } from './read.ts';

/** An article as kept between runs: everything but its body HTML, which is in a pack (`writeBodyPack`). */
export type CachedArticle = Omit<ArticleRecord, 'html'>;

/** Where a rendered body is: a byte range of a pack file in the cache folder. */
export interface BodyLocation {
  /** The pack's name: the digest of its bytes (the file is `<pack>.bodies`). */
  pack: string;
  start: number;
  length: number;
}

/** One processed file: its record, the problems (warnings, body errors) it had, and where its body is. */
export interface CacheEntry {
  article: CachedArticle;
  problems: Problem[];
  body: BodyLocation;
}

const PACK_EXTENSION = '.bodies';

function packPath(directory: string, pack: string): string {
  return join(directory, `${pack}${PACK_EXTENSION}`);
}

/**
 * Writes rendered bodies into the cache folder `directory` as one pack file (atomically) and
 * returns where each one is, in order.
 *
 * A file per body made creating files a fifth of a worker thread's time (10,000 bodies: ~3.8 s
 * of each of two threads), so the bodies of a batch share one file. The pack is named by the
 * digest of its bytes: the same bodies give the same file, and a name never holds other bytes.
 */
export function writeBodyPack(directory: string, bodies: readonly string[]): BodyLocation[] {
  const buffers = bodies.map((body) => Buffer.from(body, 'utf8'));
  const bytes = Buffer.concat(buffers);
  const pack = digestOf(bytes);
  writeFileAtomic(packPath(directory, pack), bytes);
  let start = 0;
  return buffers.map(({ length }) => {
    const location = { pack, start, length };
    start += length;
    return location;
  });
}

/** The body at `location` in the cache folder `directory`. Throws with instructions when it cannot be read. */
export function readBody(directory: string, location: BodyLocation): string {
  const path = packPath(directory, location.pack);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(location.length);
    if (readSync(fd, buffer, 0, location.length, location.start) === location.length) return buffer.toString('utf8');
  } catch {
    // Reported below.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  throw new Error(`a rendered body is missing from ${path}; run the build again (it re-renders missing bodies)`);
}

/** The article cache's folder under an Astro `cacheDir`, where the packs of bodies are. */
export function articleCacheFolder(cacheDir: string): string {
  return join(cacheDir, 'dateline', 'articles');
}

/** Changed when what `articles.json` holds changes shape: an older file is then ignored. */
const RECORDS_VERSION = 2;

/** `articles.json`: the entry of every digest the last run kept. */
interface RecordsFile {
  version: typeof RECORDS_VERSION;
  entries: Record<string, CacheEntry>;
}

/**
 * A line of the changes file: an entry recorded under a digest, or (without the entry) the
 * digest's entry removed.
 */
type ChangeLine = [digest: string, entry: CacheEntry] | [digest: string];

/**
 * The changes file is appended to while it is under this share of the records file's size; past
 * it, the next save writes the records file anew (with every change) and starts the changes over.
 */
const CHANGES_SHARE = 0.25;

/**
 * Records this process has read or written, by records file, with the stamps of both files then.
 * The content loader and the pages share them instead of each reading and parsing the file (10 MB
 * at 10,000 stories); files changed since (by another process) have other stamps.
 */
function sharedRecords() {
  return processWide<{ stamp: string; entries: ReadonlyMap<string, CacheEntry>; recordsBytes: number; changesBytes: number }>(
    'article-records',
  );
}

/**
 * Processed articles on disk, keyed by digest, shared by the build, `npm run check` and pages.
 *
 * - Rendered bodies are in pack files, `<directory>/<pack>.bodies` (see `writeBodyPack`); each is
 *   read only by the article's own page (and the search index), so no run holds every body in memory.
 * - `<directory>.json` (`articles.json`) holds every entry's record and problems in one file,
 *   read once per run: one file instead of one per article, and no copy of the records in Astro's
 *   content store (see `src/content.ts`). `save()` appends what changed to `<directory>.changes`,
 *   one JSON line per entry recorded or removed, read after the records file: editing one story
 *   writes one line, not the records of all (10 MB at 10,000 stories). Once the changes reach a
 *   quarter of the records file's size, `save()` writes the records file anew and starts them over.
 * - A digest names the file's bytes and the pipeline that processed them (see `pipelineFingerprint`),
 *   so an entry never goes stale: a change of either gives a new digest.
 * - Writes are atomic (temporary file, then rename), or appended lines that each stand alone: an
 *   interrupted run leaves no half entry, at most a cut line, which is skipped.
 * - A corrupt, partial or unreadable record file, or a missing or short pack, is a miss, never a crash.
 * - The folder is listed once per instance (one call instead of a file check per article).
 * - Packs whose bodies are mostly no longer used are rewritten with only the used ones (`prune`),
 *   so the folder never holds much more than the bodies of the current articles.
 */
export class ArticleDiskCache {
  readonly directory: string;
  readonly recordsFile: string;
  /** Entries recorded and removed since the records file was written, one JSON line each (`ChangeLine`). */
  readonly changesFile: string;
  /** Names of the files in `directory`, listed on first use and kept up to date by this instance. */
  #names: Set<string> | undefined;
  /** Sizes of the packs looked at, by pack. */
  #packSizes = new Map<string, number>();
  /** The entries of `recordsFile`, read on first use. */
  #records: Map<string, CacheEntry> | undefined;
  /** What changed since the records were read or saved: an entry, or `null` for one removed. */
  #changes = new Map<string, CacheEntry | null>();
  /** The size of the records file and of the changes file as read or written (0: missing, or not usable). */
  #recordsBytes = 0;
  #changesBytes = 0;

  constructor(directory: string) {
    this.directory = directory;
    this.recordsFile = `${directory}.json`;
    this.changesFile = `${directory}.changes`;
  }

  /** The cache under an Astro `cacheDir` (`node_modules/.astro` by default). */
  static in(cacheDir: string): ArticleDiskCache {
    return new ArticleDiskCache(articleCacheFolder(cacheDir));
  }

  /** The entry made from `digest`, if cached with its body. */
  get(digest: string): CacheEntry | undefined {
    const entry = this.#entries().get(digest);
    if (!entry) return undefined;
    const { pack, start, length } = entry.body;
    return start + length <= this.#packSize(pack) ? entry : undefined;
  }

  /** The body HTML made from `digest`. Throws with instructions when it is missing. */
  readHtml(digest: string): string {
    const entry = this.get(digest);
    if (!entry)
      throw new Error(`the rendered body ${digest} is missing from ${this.directory}; run the build again (it re-renders missing bodies)`);
    return readBody(this.directory, entry.body);
  }

  /** Stores the entry made from `digest`, whose body `writeBodyPack` has written (the record goes to disk with `save()`). */
  record(digest: string, entry: CacheEntry): void {
    this.#listing().add(`${entry.body.pack}${PACK_EXTENSION}`);
    this.#packSizes.delete(entry.body.pack);
    this.#entries().set(digest, entry);
    this.#changes.set(digest, entry);
  }

  /**
   * Removes every entry whose digest is not in `keep`, then every file of the folder no entry
   * uses; a pack whose used bodies fill less than half of it is rewritten with only those (its
   * entries then point into the new pack). Returns how many records and files went.
   */
  prune(keep: ReadonlySet<string>): number {
    const entries = this.#entries();
    let removed = 0;
    for (const digest of [...entries.keys()]) {
      if (keep.has(digest)) continue;
      entries.delete(digest);
      this.#changes.set(digest, null);
      removed++;
    }
    this.#compact();
    const used = new Set([...entries.values()].map((entry) => `${entry.body.pack}${PACK_EXTENSION}`));
    const names = this.#listing();
    for (const name of [...names]) {
      if (used.has(name)) continue;
      rmSync(join(this.directory, name), { force: true });
      names.delete(name);
      removed++;
    }
    return removed;
  }

  /**
   * Writes what `record` and `prune` changed: appended to the changes file while that stays small
   * beside the records file, else the records file anew (and no changes file).
   */
  save(): void {
    if (this.#changes.size === 0) return;
    // Changes to more than that share of the entries (a first run, a new pipeline) are not worth
    // writing as lines: the records are written anew.
    const few = this.#recordsBytes > 0 && this.#changes.size <= this.#entries().size * CHANGES_SHARE;
    const lines = few
      ? [...this.#changes].map(([digest, entry]) => JSON.stringify((entry ? [digest, entry] : [digest]) satisfies ChangeLine))
      : [];
    // The newline first: a line that an interrupted run cut short stays a line of its own.
    const text = `\n${lines.join('\n')}\n`;
    const bytes = Buffer.byteLength(text);
    this.#changes.clear();
    if (few && this.#changesBytes + bytes <= this.#recordsBytes * CHANGES_SHARE) {
      appendFileSync(this.changesFile, text);
      this.#changesBytes += bytes;
    } else {
      const records = JSON.stringify({ version: RECORDS_VERSION, entries: Object.fromEntries(this.#entries()) } satisfies RecordsFile);
      writeFileAtomic(this.recordsFile, records);
      rmSync(this.changesFile, { force: true });
      this.#recordsBytes = Buffer.byteLength(records);
      this.#changesBytes = 0;
    }
    this.#share();
  }

  /** Rewrites the used bodies of packs that are more than half unused into one new pack. */
  #compact(): void {
    const byPack = new Map<string, [string, CacheEntry][]>();
    for (const item of this.#entries()) {
      const items = byPack.get(item[1].body.pack);
      if (items) items.push(item);
      else byPack.set(item[1].body.pack, [item]);
    }
    const moving: [string, CacheEntry][] = [];
    for (const [pack, items] of byPack) {
      const used = items.reduce((sum, [, entry]) => sum + entry.body.length, 0);
      if (used * 2 < this.#packSize(pack)) moving.push(...items);
    }
    if (moving.length === 0) return;
    const bodies = moving.map(([, entry]) => readBody(this.directory, entry.body));
    const locations = writeBodyPack(this.directory, bodies);
    moving.forEach(([digest, entry], index) => this.record(digest, { ...entry, body: locations[index]! }));
  }

  /** The size of a pack in bytes; 0 when it is missing. */
  #packSize(pack: string): number {
    let size = this.#packSizes.get(pack);
    if (size === undefined) {
      const name = `${pack}${PACK_EXTENSION}`;
      size = this.#listing().has(name) ? (statSync(join(this.directory, name), { throwIfNoEntry: false })?.size ?? 0) : 0;
      this.#packSizes.set(pack, size);
    }
    return size;
  }

  /** The stamps of the records file and of the changes file: when they differ, another process wrote. */
  #stamp(): string | undefined {
    const records = fileStamp(this.recordsFile);
    return records && `${records} ${fileStamp(this.changesFile) ?? '-'}`;
  }

  /**
   * Offers the entries, as on disk when the files had `stamp`, to the other copies of this module.
   * A reader takes the stamp before reading: a write after that gives another stamp, never a
   * stale copy under the new one.
   */
  #share(stamp = this.#stamp()): void {
    if (stamp === undefined) return;
    const [entries, recordsBytes, changesBytes] = [new Map(this.#entries()), this.#recordsBytes, this.#changesBytes];
    sharedRecords().set(this.recordsFile, { stamp, entries, recordsBytes, changesBytes });
  }

  #listing(): Set<string> {
    this.#names ??= new Set(existsSync(this.directory) ? readdirSync(this.directory) : []);
    return this.#names;
  }

  #entries(): Map<string, CacheEntry> {
    if (this.#records) return this.#records;
    const stamp = this.#stamp();
    const known = sharedRecords().get(this.recordsFile);
    if (known && known.stamp === stamp) {
      this.#records = new Map(known.entries);
      this.#recordsBytes = known.recordsBytes;
      this.#changesBytes = known.changesBytes;
      return this.#records;
    }
    this.#records = new Map();
    try {
      const text = readFileSync(this.recordsFile, 'utf8');
      const file = JSON.parse(text) as RecordsFile;
      if (file.version !== RECORDS_VERSION) return this.#records;
      for (const [digest, entry] of Object.entries(file.entries)) this.#records.set(digest, revive(entry));
      this.#recordsBytes = Buffer.byteLength(text);
    } catch {
      // Missing or unreadable: every article is processed again.
      this.#records = new Map();
      return this.#records;
    }
    this.#changesBytes = this.#readChanges(this.#records);
    this.#share(stamp);
    return this.#records;
  }

  /** Applies the lines of the changes file to `records`; returns the file's size (0 when missing). */
  #readChanges(records: Map<string, CacheEntry>): number {
    let text: string;
    try {
      text = readFileSync(this.changesFile, 'utf8');
    } catch {
      return 0;
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const change = JSON.parse(line) as ChangeLine;
        if (!Array.isArray(change) || typeof change[0] !== 'string') continue;
        if (change.length === 2) records.set(change[0], revive(change[1]));
        else records.delete(change[0]);
      } catch {
        // Cut short by an interrupted run, or not a change at all: that entry is a miss.
      }
    }
    return Buffer.byteLength(text);
  }
}

/** JSON has no dates: turns the ISO strings of an entry's dates back into `Date`s. */
function revive(entry: CacheEntry): CacheEntry {
  const { article } = entry;
  const date = (value: { date: Date | string; hasTime: boolean }) => ({ ...value, date: new Date(value.date) });
  return {
    ...entry,
    article: {
      ...article,
      date: date(article.date),
      updated: article.updated ? date(article.updated) : undefined,
      corrections: article.corrections.map((correction) => ({ ...correction, date: date(correction.date) })),
    },
  };
}
