import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';
import { buildSite, hashTree, listFiles } from './build.ts';

/**
 * Incremental builds against clean builds: a build of `name` that reuses the previous build's
 * caches (content cache and Astro's page cache), and one of `<name>-clean` from nothing, of the
 * same content folder at the same time.
 */
export interface IncrementalRun {
  /** The build's name under `tests/.tmp` (its output and cache folders). */
  name: string;
  /** The content folder both builds read. */
  content: string;
  /** Environment of both builds (besides `SOURCE_DATE_EPOCH`). */
  env: Record<string, string>;
}

/** Builds incrementally (caches kept, and the output folder unless `freshOutput`) and from scratch, at `epoch`, and returns both. */
export async function buildBoth(run: IncrementalRun, epoch: string, { freshOutput = false } = {}) {
  const incremental = await buildSite(
    run.name,
    run.content,
    { ...run.env, SOURCE_DATE_EPOCH: epoch },
    { keepCache: true, keepOutput: !freshOutput },
  );
  expect(incremental.status, incremental.output).toBe(0);
  const clean = await buildSite(`${run.name}-clean`, run.content, { ...run.env, SOURCE_DATE_EPOCH: epoch });
  expect(clean.status, clean.output).toBe(0);
  return { incremental, clean, freshOutput };
}

/**
 * The incremental build's output is the clean build's, byte for byte; it indexed only the search
 * shards whose stories changed, and it kept (or restored, from an empty output folder) the pages
 * that did not change instead of rendering them again.
 */
export async function expectSameAsClean({ incremental, clean, freshOutput }: Awaited<ReturnType<typeof buildBoth>>) {
  expect(await hashTree(incremental.outDir)).toEqual(await hashTree(clean.outDir));
  const search = /in (\d+) shard\(s\): (\d+) indexed, (\d+) copied to the output, (\d+) unchanged there/.exec(
    withoutColours(incremental.output),
  );
  expect(search, 'the search index reports its shards').not.toBeNull();
  const [shards, indexed, , unchanged] = search!.slice(1).map(Number) as [number, number, number, number];
  expect(indexed, 'only shards whose stories changed are indexed again').toBeLessThan(shards);
  if (freshOutput) {
    expect(incremental.output, 'unchanged pages are restored from the cache, not rendered').toContain('(restored)');
  } else {
    expect(incremental.output, 'unchanged pages are left in place, not rendered').toContain('(cached)');
    expect(unchanged, 'unchanged search shards are left in place').toBeGreaterThan(0);
  }
}

/** Astro's log without terminal colours (it writes them when `CI` is set). */
export const withoutColours = (text: string) => stripVTControlCharacters(text);

/** Every HTML and XML file of an output folder, joined. */
export async function everyHtml(outDir: string): Promise<string> {
  const files = (await listFiles(outDir)).filter((file) => /\.(?:html|xml)$/.test(file));
  return (await Promise.all(files.map((file) => readFile(join(outDir, file), 'utf8')))).join('\n');
}
