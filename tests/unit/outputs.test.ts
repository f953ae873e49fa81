import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { linkTree, listOutputFiles, removeOutputs, staleOutputs } from '../../src/lib/outputs.ts';

async function tree(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'outputs-'));
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), file);
  }
  return dir;
}

describe('output folder kept between builds', () => {
  test('lists every file with / separators, sorted, skipping the given top-level folders', async () => {
    const dir = await tree(['index.html', 'national/a/index.html', 'pagefind/x.pf', '_astro/a.css', 'rss.xml']);
    expect(await listOutputFiles(dir, new Set(['pagefind', '_astro']))).toEqual(['index.html', 'national/a/index.html', 'rss.xml']);
    expect(await listOutputFiles(dir)).toContain('pagefind/x.pf');
  });

  test('a trailing slash on the folder changes nothing', async () => {
    const dir = await tree(['national/a/index.html']);
    expect(await listOutputFiles(`${dir}/`)).toEqual(['national/a/index.html']);
  });

  test('stale files are those this build did not produce', () => {
    expect(staleOutputs(['a/index.html', 'b/index.html', 'favicon.svg'], new Set(['a/index.html', 'favicon.svg']))).toEqual([
      'b/index.html',
    ]);
    expect(staleOutputs([], new Set(['a']))).toEqual([]);
  });

  test('removes stale files and the folders they leave empty, and nothing else', async () => {
    const dir = await tree(['national/a/index.html', 'national/b/index.html', 'tags/x/page/2/index.html', 'tags/x/index.html']);
    await removeOutputs(dir, ['national/a/index.html', 'tags/x/page/2/index.html']);
    expect(await listOutputFiles(dir)).toEqual(['national/b/index.html', 'tags/x/index.html']);
    expect(existsSync(join(dir, 'national/a'))).toBe(false);
    expect(existsSync(join(dir, 'tags/x/page'))).toBe(false);
    expect(existsSync(join(dir, 'tags/x'))).toBe(true);
  });
});

describe('linkTree', () => {
  test('gives the target every file of the source, nested folders included, sharing the bytes on one device', async () => {
    const source = await tree(['pagefind-entry.json', 'fragment/en_1.pf_fragment', 'index/en_2.pf_index']);
    const target = join(await mkdtemp(join(tmpdir(), 'outputs-')), 'pagefind/0');
    linkTree(source, target);
    expect((await listOutputFiles(target)).sort()).toEqual(['fragment/en_1.pf_fragment', 'index/en_2.pf_index', 'pagefind-entry.json']);
    expect(await readFile(join(target, 'fragment/en_1.pf_fragment'), 'utf8')).toBe('fragment/en_1.pf_fragment');
    expect(statSync(join(target, 'pagefind-entry.json')).ino).toBe(statSync(join(source, 'pagefind-entry.json')).ino);
    // Removing the source (as the search cache does with old shards) leaves the target whole.
    await rm(source, { recursive: true });
    expect(await readFile(join(target, 'index/en_2.pf_index'), 'utf8')).toBe('index/en_2.pf_index');
  });
});
