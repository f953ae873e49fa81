import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * File helpers for what Dateline writes outside the output: its build state and records.
 */

/**
 * Writes `data` to `path` atomically: a temporary file beside it, then renamed over `path`. A
 * reader sees the old file or the new one, never a part, even when the writer is killed midway
 * (which leaves at most a temporary file that no reader opens). Files are not flushed to disk: a
 * power loss can still tear one, which the store's digests turn into a cache miss.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}-${threadId}.${TEMPORARY_SUFFIX}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The ending of the temporary files `writeFileAtomic` writes (a killed writer may leave one). */
export const TEMPORARY_SUFFIX = 'tmp';

/**
 * The identity, size and modification time of `path`, or undefined when it is missing: another
 * write, or another file renamed over it, gives another stamp.
 */
export function fileStamp(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat && `${stat.ino} ${stat.size} ${stat.mtimeMs}`;
}

/** The JSON value in `file`, or undefined when it is missing or unreadable. */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
