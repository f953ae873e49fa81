import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a quality gate learns from one built file's bytes alone (a page's HTML problems, its links
 * and ids, what it loads), kept between runs in one JSON file by the digest of those bytes: a page
 * unchanged since the last check is not parsed again. At 10,000 stories a publish changes a few
 * dozen of ~14,000 pages, and parsing them all took minutes.
 *
 * - Each memo has a `salt`: everything besides the bytes that shapes its results (the gate's own
 *   code, the locked dependencies, its options); another salt makes every entry a miss.
 * - `save()` keeps only the entries of this run, written whole (a temporary file, then a rename);
 *   a file that is missing, cut or from another salt is an empty memo.
 */
export class PageMemo<T> {
  readonly #file: string | undefined;
  readonly #salt: string;
  readonly #kept = new Map<string, T>();
  readonly #used = new Map<string, T>();
  /** Pages whose results came from the memo, and pages computed, in this run. */
  hits = 0;
  misses = 0;

  /** `file`: where the memo is kept (none: nothing kept between runs). */
  constructor(file: string | undefined, salt: string) {
    this.#file = file;
    this.#salt = salt;
    if (!file || !existsSync(file)) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { salt?: unknown; entries?: unknown };
      if (stored.salt === salt && stored.entries && typeof stored.entries === 'object') {
        for (const [key, value] of Object.entries(stored.entries)) this.#kept.set(key, value as T);
      }
    } catch {
      // A damaged memo is an empty one.
    }
  }

  /** The result for a file of `bytes`: kept, or computed by `compute` and kept. */
  async get(bytes: string | Uint8Array, compute: () => T | Promise<T>): Promise<T> {
    const key = createHash('sha256').update(bytes).digest('base64url');
    let value = this.#used.get(key) ?? this.#kept.get(key);
    if (value === undefined) {
      this.misses++;
      value = await compute();
    } else {
      this.hits++;
    }
    this.#used.set(key, value);
    return value;
  }

  /** Writes this run's entries to the memo's file. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ salt: this.#salt, entries: Object.fromEntries(this.#used) }));
    renameSync(temporary, this.#file);
  }
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A salt for the gate in `moduleUrl` (its `import.meta.url`): its source and that of the modules
 * beside it in `scripts/quality/`, the lockfile, and `options`.
 */
export function gateSalt(moduleUrl: string, options: unknown): string {
  const hash = createHash('sha256');
  const dir = dirname(fileURLToPath(moduleUrl));
  for (const name of ['dist.ts', 'memo.ts', fileURLToPath(moduleUrl).slice(dir.length + 1)]) hash.update(readFileSync(join(dir, name)));
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.update(JSON.stringify(options) ?? '').digest('base64url');
}
