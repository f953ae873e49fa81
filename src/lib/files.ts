import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Small file helpers for the state Dateline keeps between builds (caches, records of outputs).
 */

/** Writes `text` (or bytes) to `path` atomically (a temporary file, then a rename), creating its folder. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * The identity, size and modification time of `path`, or undefined when it is missing: another
 * write, or another file renamed over it, gives another stamp.
 */
export function fileStamp(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat && `${stat.ino} ${stat.size} ${stat.mtimeMs}`;
}

/**
 * The map named `name` that every copy of Dateline's modules in this process shares: Astro loads
 * the content loader, the pages and the integrations as separate copies of the modules they
 * import, and what one reads or writes the others need not read again.
 */
export function processWide<V>(name: string): Map<string, V> {
  const registry = globalThis as unknown as Record<symbol, Map<string, V> | undefined>;
  return (registry[Symbol.for(`dateline.${name}`)] ??= new Map());
}

/** The JSON value in `file`, or undefined when it is missing or unreadable. */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
