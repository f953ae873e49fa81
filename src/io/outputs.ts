import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Keeping the output folder between builds (instead of emptying it) lets unchanged pages stay
 * where they are; what a build no longer produces must then be removed, so that a kept folder
 * ends up with exactly the files of a clean build.
 */

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
