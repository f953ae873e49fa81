import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { walkFiles } from '../io/walk.ts';
import { ObjectStore } from './objects.ts';

/**
 * Search bundles in the cache: one Pagefind bundle per shard key, in `<folder>/<key>/`, indexed
 * once and copied into the output of every build that needs it (see `src/integrations/pagefind.ts`).
 *
 * - A bundle counts only once its file list (each file's digest) is recorded: a bundle that an
 *   indexing run left half-written has none, and is indexed again.
 * - Copying verifies every file against the list; a damaged bundle is removed and the copy
 *   refused, so that it is indexed again. Copies are real copies, never links: the output and the
 *   cache share no bytes, and writing to one never changes the other.
 */
/** A bundle's files: each one's path in the bundle and SHA-256 digest. */
const FileListSchema = z.array(z.tuple([z.string(), z.string()]));

export class SearchBundles {
  readonly folder: string;
  readonly #objects: ObjectStore;
  readonly #lists: Map<string, string>;

  /** `lists`: by key, the object id of the bundle's file list (as the snapshot has them). */
  constructor(folder: string, objects: ObjectStore, lists: Readonly<Record<string, string>>) {
    this.folder = folder;
    this.#objects = objects;
    this.#lists = new Map(Object.entries(lists));
  }

  /** Where the bundle of `key` is (or is to be written). */
  path(key: string): string {
    return join(this.folder, key);
  }

  /** Whether the bundle of `key` is complete: written, and its file list recorded. */
  has(key: string): boolean {
    const list = this.#lists.get(key);
    return list !== undefined && existsSync(this.#objects.path(list)) && existsSync(this.path(key));
  }

  /** Records the bundle just written at `path(key)`: the digest of each of its files. */
  record(key: string): void {
    const root = this.path(key);
    const files = walkFiles(root).map((file) => [file, ObjectStore.digest(readFileSync(join(root, file)))]);
    this.#lists.set(key, this.#objects.put(JSON.stringify(files)));
  }

  /**
   * Copies the bundle of `key` to `target` (replacing whatever is there), verifying every file.
   * Returns false, having removed the bundle and the partial copy, when the bundle is damaged or
   * incomplete.
   */
  copyTo(key: string, target: string): boolean {
    const list = this.#lists.get(key);
    const files = list === undefined ? undefined : this.#objects.getJson(list, FileListSchema);
    rmSync(target, { recursive: true, force: true });
    if (files) {
      const root = this.path(key);
      let whole = true;
      for (const [file, digest] of files) {
        let content: Buffer;
        try {
          content = readFileSync(join(root, file));
        } catch {
          whole = false;
          break;
        }
        if (ObjectStore.digest(content) !== digest) {
          whole = false;
          break;
        }
        mkdirSync(dirname(join(target, file)), { recursive: true });
        writeFileSync(join(target, file), content);
      }
      if (whole) return true;
    }
    rmSync(target, { recursive: true, force: true });
    this.forget(key);
    return false;
  }

  /** Removes the bundle of `key` and its record. */
  forget(key: string): void {
    this.#lists.delete(key);
    rmSync(this.path(key), { recursive: true, force: true });
  }

  /** Removes every bundle whose key is not in `keys`, and any folder that is no recorded bundle. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of [...this.#lists.keys()]) if (!keys.has(key)) this.forget(key);
    let names: string[] = [];
    try {
      names = readdirSync(this.folder);
    } catch {
      // No bundles yet.
    }
    for (const name of names) if (!this.#lists.has(name)) rmSync(join(this.folder, name), { recursive: true, force: true });
  }

  /** The file lists by key, for the snapshot. */
  lists(): Record<string, string> {
    return Object.fromEntries(this.#lists);
  }
}
