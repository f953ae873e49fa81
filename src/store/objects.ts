import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { writeFileAtomic } from '../io/files.ts';

/**
 * Content-addressed objects: the files of the build state, each named by the SHA-256 of its bytes
 * (`objects/<first two hex digits>/<digest>`), as npm's cacache and git keep theirs.
 *
 * - A name never holds other bytes: writing the same bytes again gives the same file.
 * - Every read is verified against the name (or, for a part of a file, against the digest the
 *   caller kept for that part). A mismatch (a truncated, overwritten or garbage file) is a miss:
 *   the object is removed, the mismatch is reported once through `warn`, and the caller gets
 *   nothing, never the bad bytes.
 * - Objects are written atomically; a killed writer leaves no partial object.
 */
export class ObjectStore {
  readonly directory: string;
  readonly #warn: (message: string) => void;
  /** Objects already reported as damaged, so each is reported once. */
  readonly #reported = new Set<string>();

  constructor(directory: string, warn: (message: string) => void = (message) => console.warn(message)) {
    this.directory = directory;
    this.#warn = warn;
  }

  /** The hex SHA-256 digest of `bytes`: an object's name. */
  static digest(bytes: string | Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Where the object `id` is on disk. */
  path(id: string): string {
    return join(this.directory, id.slice(0, 2), id);
  }

  /** Stores `bytes` and returns their id. */
  put(bytes: string | Uint8Array): string {
    const id = ObjectStore.digest(bytes);
    writeFileAtomic(this.path(id), bytes);
    return id;
  }

  /** The bytes of object `id`, verified; undefined when it is missing or damaged. */
  get(id: string): Buffer | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path(id));
    } catch {
      return undefined;
    }
    if (ObjectStore.digest(bytes) === id) return bytes;
    this.#damaged(id, 'its bytes do not match its name');
    return undefined;
  }

  /**
   * The JSON value of object `id` when it has the shape `schema` describes; undefined when it is
   * missing, damaged or of another shape (an object an earlier version wrote): a miss, never a crash.
   */
  getJson<T>(id: string, schema: ZodType<T>): T | undefined {
    const bytes = this.get(id);
    if (!bytes) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * `length` bytes of object `id` from `start`, verified against `digest` (`partDigest` of those
   * bytes); undefined when they cannot be read or do not match. A mismatch removes the object.
   */
  getPart(id: string, start: number, length: number, digest: string): Buffer | undefined {
    const bytes = Buffer.alloc(length);
    let fd: number | undefined;
    let read: number;
    try {
      fd = openSync(this.path(id), 'r');
      read = readSync(fd, bytes, 0, length, start);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    if (read === length && partDigest(bytes) === digest) return bytes;
    this.#damaged(id, read === length ? 'a part of it does not match its digest' : 'it is shorter than recorded');
    return undefined;
  }

  /** The id of every object on disk. */
  list(): string[] {
    const ids: string[] = [];
    let folders: string[];
    try {
      folders = readdirSync(this.directory);
    } catch {
      return ids;
    }
    for (const folder of folders) {
      if (!/^[0-9a-f]{2}$/.test(folder)) continue;
      for (const name of readdirSync(join(this.directory, folder))) {
        if (/^[0-9a-f]{64}$/.test(name)) ids.push(name);
        // A temporary file of a writer that was killed: never an object.
        else rmSync(join(this.directory, folder, name), { force: true });
      }
    }
    return ids;
  }

  /** Removes every object not in `keep`; returns how many went. */
  prune(keep: ReadonlySet<string>): number {
    let removed = 0;
    for (const id of this.list()) {
      if (keep.has(id)) continue;
      rmSync(this.path(id), { force: true });
      removed++;
    }
    return removed;
  }

  #damaged(id: string, why: string): void {
    rmSync(this.path(id), { force: true });
    if (this.#reported.has(id)) return;
    this.#reported.add(id);
    this.#warn(`the build cache object ${id.slice(0, 12)}… was damaged (${why}): it is ignored and made again from the content`);
  }
}

/** The digest kept for a part of an object (a body inside a pack): base64url SHA-256, 128 bits. */
export function partDigest(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}
