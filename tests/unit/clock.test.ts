import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';

/** Reading the clock: `Date.now()`, `new Date()` without arguments, `performance.now()`. */
const CLOCK = /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bperformance\.now\s*\(/;

describe('the build time', () => {
  test('comes from one place: no module in src/ reads the clock but src/lib/build-time.ts (the build time) and src/runtime.ts (the real time, for bookkeeping)', async () => {
    const entries = await readdir(join(PROJECT_ROOT, 'src'), { recursive: true, withFileTypes: true });
    const sources = entries
      .filter((entry) => entry.isFile() && /\.(ts|astro|mjs|js)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));
    expect(sources.length).toBeGreaterThan(10);
    const readers: string[] = [];
    for (const file of sources) {
      if (CLOCK.test(await readFile(file, 'utf8'))) readers.push(file.slice(PROJECT_ROOT.length + 1));
    }
    expect(readers.sort()).toEqual(['src/lib/build-time.ts', 'src/runtime.ts']);
  });
});
