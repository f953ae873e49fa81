import { statSync } from 'node:fs';
import { join } from 'node:path';
import { answerOffThread } from './thread.ts';

/**
 * The size and modification time of each of `files` (paths relative to `directory`), as
 * `[size₀, mtimeMs₀, size₁, mtimeMs₁, …]`; both `NaN` for a file that is not there.
 */
export function statFiles(directory: string, files: readonly string[]): Float64Array<ArrayBuffer> {
  const stats = new Float64Array(files.length * 2).fill(NaN);
  for (const [index, file] of files.entries()) {
    const stat = statSync(join(directory, file), { throwIfNoEntry: false });
    if (!stat) continue;
    stats[index * 2] = stat.size;
    stats[index * 2 + 1] = stat.mtimeMs;
  }
  return stats;
}

/**
 * `statFiles` on a worker thread, so that reading the size and time of every page of a large
 * output (~1 s for 120,000 files) goes on while this thread does other work.
 */
export function statFilesOffThread(directory: string, files: readonly string[]): Promise<Float64Array> {
  return answerOffThread(new URL('./stat-thread.ts', import.meta.url), { directory, files }, `reading the files of ${directory}`);
}
