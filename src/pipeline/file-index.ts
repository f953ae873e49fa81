import { readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/files.ts';
import { digestOf } from './read.ts';

/**
 * What the last run read of each content file: its size, times and inode, and the digest of its
 * bytes. A file whose stat is exactly as recorded need not be read again to know its digest; the
 * rule is git's for its index.
 *
 * - Size, modification time, change time and inode must all match. A write changes the
 *   modification and change times; resetting the modification time (`touch -r`) still changes the
 *   change time.
 * - A file modified shortly before it was read (`RACY_MS`) is not trusted: a second write within
 *   the file system's time resolution could leave the same times. It is read again next time,
 *   until its record is old enough.
 * - A fresh checkout (as in CI) gives every file new times, so every file is read: slower, never
 *   wrong.
 */

/** How long before a read a modification makes the record untrusted. */
export const RACY_MS = 2000;

const VERSION = 1;

/** The stat fields compared (a subset of `fs.Stats`). */
export type FileStat = Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** One file's record: `[size, mtimeMs, ctimeMs, ino, bytes digest, read at (ms)]`. */
type Row = [number, number, number, number, string, number];

interface IndexFile {
  version: typeof VERSION;
  files: Record<string, Row>;
}

export class FileIndex {
  readonly file: string;
  #rows: Map<string, Row>;
  #changed = false;

  private constructor(file: string, rows: Map<string, Row>) {
    this.file = file;
    this.#rows = rows;
  }

  /** The index kept under an Astro `cacheDir` for the content folder `contentDir` (absolute). */
  static in(cacheDir: string, contentDir: string): FileIndex {
    return FileIndex.open(join(cacheDir, 'dateline', 'files', `${digestOf(contentDir).slice(0, 16)}.json`));
  }

  /** The index in `file`; empty when it is missing, unreadable or of another version. */
  static open(file: string): FileIndex {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as IndexFile;
      if (parsed.version === VERSION) return new FileIndex(file, new Map(Object.entries(parsed.files)));
    } catch {
      // Missing or unreadable: every file is read.
    }
    return new FileIndex(file, new Map());
  }

  /** The digest of `path`'s bytes when its stat is as recorded and the record is trusted. */
  digest(path: string, stat: FileStat): string | undefined {
    const row = this.#rows.get(path);
    if (!row) return undefined;
    const [size, mtimeMs, ctimeMs, ino, digest, readAt] = row;
    const same = size === stat.size && mtimeMs === stat.mtimeMs && ctimeMs === stat.ctimeMs && ino === stat.ino;
    const settled = Math.max(mtimeMs, ctimeMs) + RACY_MS < readAt;
    return same && settled ? digest : undefined;
  }

  /** Records that `path`, with stat `stat` taken before the read at `readAt`, had bytes of digest `digest`. */
  record(path: string, stat: FileStat, digest: string, readAt: number): void {
    this.#rows.set(path, [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, digest, readAt]);
    this.#changed = true;
  }

  /** Drops the records of files not in `paths`, and writes the index if anything changed. */
  save(paths: readonly string[]): void {
    const keep = new Set(paths);
    for (const path of this.#rows.keys()) {
      if (!keep.has(path)) {
        this.#rows.delete(path);
        this.#changed = true;
      }
    }
    if (!this.#changed) return;
    writeFileAtomic(this.file, JSON.stringify({ version: VERSION, files: Object.fromEntries(this.#rows) } satisfies IndexFile));
    this.#changed = false;
  }
}
