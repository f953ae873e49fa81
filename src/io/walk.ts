import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { compareStrings } from '../lib/strings.ts';
import { answerOffThread } from './thread.ts';

/**
 * The one directory walker: every file under a folder, as relative paths with `/`, sorted in
 * code-unit order (the same on every machine).
 *
 * One listing per folder: the listing already says which entries are files and folders (Node's
 * recursive listing stats every entry, ~0.1 s for 10,000 files).
 */

export interface WalkOptions {
  /** Leaves out files and folders (with all they hold) whose name this returns true for. */
  skip?: (name: string) => boolean;
  /**
   * Follows symbolic links to files and folders. A link whose target is not inside `within` (an
   * absolute real path; default: the walked folder's) is not followed: it is reported to
   * `outside` with its relative path, target and whether it is a folder. A link to a folder being walked (a loop) is not
   * followed again. Without this option links are left out.
   */
  followLinks?: { within?: string; outside?: (path: string, target: string, isFolder: boolean) => void } | undefined;
}

/** Every file under `directory` (see `WalkOptions`); an empty list when the folder does not exist. */
export function walkFiles(directory: string, { skip, followLinks }: WalkOptions = {}): string[] {
  const root = resolve(directory);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return [];
  }
  const within = followLinks?.within ?? realRoot;
  const files: string[] = [];
  const walk = (folder: string, prefix: string, realFolders: readonly string[]) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (skip?.(entry.name)) continue;
      const path = join(folder, entry.name);
      const relative = prefix + entry.name;
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      let real = realFolders;
      if (!isFolder && !isFile) {
        if (entry.isSymbolicLink() && !followLinks) continue;
        // A link, or a file system that does not give types: what the entry leads to.
        const target = statSync(path, { throwIfNoEntry: false });
        isFile = target?.isFile() ?? false;
        isFolder = target?.isDirectory() ?? false;
        if (entry.isSymbolicLink() && (isFile || isFolder)) {
          const resolved = realpathSync(path);
          if (resolved !== within && !resolved.startsWith(within + sep)) {
            followLinks?.outside?.(relative, resolved, isFolder);
            continue;
          }
          if (isFolder) {
            // A link to the folder it is in, or above: following it would never end.
            if (realFolders.some((above) => above === resolved || above.startsWith(resolved + sep))) continue;
            real = [...realFolders, resolved];
          }
        }
      }
      if (isFolder) walk(path, `${relative}/`, real);
      else if (isFile) files.push(relative);
    }
  };
  walk(root, '', [realRoot]);
  return files.sort(compareStrings);
}

/**
 * `walkFiles(directory)` on a worker thread, so that listing a large folder (the output of 100,000
 * pages: one listing per page folder) goes on while this thread does other work.
 */
export function walkFilesOffThread(directory: string): Promise<string[]> {
  return answerOffThread(new URL('./walk-thread.ts', import.meta.url), { directory }, `listing ${directory}`);
}
