import type { Stats } from 'node:fs';
import type { ObjectStore } from './objects.ts';

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
  #rows: Map<string, Row>;
  #changed = false;
  /** The paths asked about or recorded since the index was loaded. */
  readonly #used = new Set<string>();

  private constructor(rows: Map<string, Row>) {
    this.#rows = rows;
  }

  /** An empty index. */
  static empty(): FileIndex {
    return new FileIndex(new Map());
  }

  /** The index kept as object `id`; empty when it is missing, damaged or of another version. */
  static load(objects: ObjectStore, id: string | undefined): FileIndex {
    const bytes = id === undefined ? undefined : objects.get(id);
    if (bytes) {
      try {
        const parsed = JSON.parse(bytes.toString('utf8')) as IndexFile;
        if (parsed.version === VERSION) return new FileIndex(new Map(Object.entries(parsed.files)));
      } catch {
        // Not an index: every file is read.
      }
    }
    return FileIndex.empty();
  }

  /** The digest of `path`'s bytes when its stat is as recorded and the record is trusted. */
  digest(path: string, stat: FileStat): string | undefined {
    this.#used.add(path);
    const row = this.#rows.get(path);
    if (!row) return undefined;
    const [size, mtimeMs, ctimeMs, ino, digest, readAt] = row;
    const same = size === stat.size && mtimeMs === stat.mtimeMs && ctimeMs === stat.ctimeMs && ino === stat.ino;
    const settled = Math.max(mtimeMs, ctimeMs) + RACY_MS < readAt;
    return same && settled ? digest : undefined;
  }

  /** Records that `path`, with stat `stat` taken before the read at `readAt`, had bytes of digest `digest`. */
  record(path: string, stat: FileStat, digest: string, readAt: number): void {
    this.#used.add(path);
    this.#rows.set(path, [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, digest, readAt]);
    this.#changed = true;
  }

  /** The paths asked about (`digest`) or recorded since the index was loaded: what to keep when every file of a run went through it. */
  usedPaths(): string[] {
    return [...this.#used];
  }

  /**
   * Drops the records of files not in `paths`; writes the index as an object when anything
   * changed since `previous` (the id it was loaded from) and returns its id.
   */
  save(objects: ObjectStore, paths: readonly string[], previous: string | undefined): string {
    const keep = new Set(paths);
    for (const path of this.#rows.keys()) {
      if (!keep.has(path)) {
        this.#rows.delete(path);
        this.#changed = true;
      }
    }
    if (!this.#changed && previous !== undefined) return previous;
    this.#changed = false;
    return objects.put(JSON.stringify({ version: VERSION, files: Object.fromEntries(this.#rows) } satisfies IndexFile));
  }
}
