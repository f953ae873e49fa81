import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Keeping the output folder between builds (instead of emptying it) lets unchanged pages stay
 * where they are; what this build no longer produces must then be removed, so that a kept folder
 * ends up with exactly the files of a clean build.
 */

/** Every file under `dir`, relative with `/` separators, skipping the top-level folders in `skip`. */
export async function listOutputFiles(dir: string, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    if (entry.isDirectory()) {
      for (const inner of await readdir(join(dir, entry.name), { recursive: true, withFileTypes: true })) {
        if (!inner.isDirectory()) files.push(relative(dir, join(inner.parentPath, inner.name)).split(sep).join('/'));
      }
    } else {
      files.push(entry.name);
    }
  }
  return files.sort();
}

/** The files of `existing` that are not `produced` by this build: left over from earlier builds. */
export function staleOutputs(existing: readonly string[], produced: ReadonlySet<string>): string[] {
  return existing.filter((file) => !produced.has(file));
}

/** Removes `files` (relative to `dir`) and then the folders they leave empty. */
export async function removeOutputs(dir: string, files: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) {
    await rm(join(dir, file), { force: true });
    for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) folders.add(file.slice(0, at));
  }
  // Deepest first, so a parent is tried after its children; a folder that still holds files stays.
  for (const folder of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    await rmdir(join(dir, folder)).catch(() => undefined);
  }
}

/**
 * Puts a copy of the folder `source` at `target` (which must not exist), hard-linking each file
 * instead of copying its bytes where the file system allows (same device), else copying it.
 * Only for files that are replaced, never changed in place, as build outputs are.
 */
export function linkTree(source: string, target: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) {
      linkTree(from, to);
      continue;
    }
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}
