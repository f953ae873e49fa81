import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
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
 *   cache share no bytes, and writing to one never changes the other. A copy over an earlier one
 *   writes only the files that differ.
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
   * Makes `target` a copy of the bundle of `key`, verifying every file. Files already there with
   * the same bytes are left as they are (after an edit most of a shard's files are), the others
   * written, and anything else in `target` removed. Returns false, having removed the bundle and
   * `target`, when the bundle is damaged or incomplete.
   */
  copyTo(key: string, target: string): boolean {
    const list = this.#lists.get(key);
    const files = list === undefined ? undefined : this.#objects.getJson(list, FileListSchema);
    if (files) {
      const root = this.path(key);
      const contents: [string, Buffer][] = [];
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
        contents.push([file, content]);
      }
      if (whole) {
        try {
          syncFolder(target, contents);
        } catch {
          // Something in the way (a folder where a file goes, or the reverse): written afresh.
          rmSync(target, { recursive: true, force: true });
          syncFolder(target, contents);
        }
        return true;
      }
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

/**
 * Makes the folder `target` hold exactly `files` (path in the folder, bytes): a file already there
 * as a regular file of its own (not a link, not linked to) with the same bytes is left alone, any
 * other is written; files, links and folders not in `files` are removed.
 */
function syncFolder(target: string, files: readonly (readonly [string, Buffer])[]): void {
  const extra = new Set<string>();
  const folders: string[] = [];
  const list = (folder: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = prefix + entry.name;
      if (entry.isDirectory()) {
        folders.push(relative);
        list(join(folder, entry.name), `${relative}/`);
      } else extra.add(relative);
    }
  };
  list(target, '');
  for (const [file, content] of files) {
    const path = join(target, file);
    if (extra.delete(file)) {
      const stat = lstatSync(path);
      if (stat.isFile() && stat.nlink === 1 && stat.size === content.length && readFileSync(path).equals(content)) continue;
      rmSync(path, { force: true });
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  for (const file of extra) rmSync(join(target, file), { force: true });
  // Deepest first: a folder emptied by the removals goes too.
  for (const folder of folders.reverse()) {
    if (readdirSync(join(target, folder)).length === 0) rmdirSync(join(target, folder));
  }
}
