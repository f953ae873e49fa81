import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FileIndex, RACY_MS, type FileStat } from '../../src/store/file-index.ts';
import { ObjectStore } from '../../src/store/objects.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stat: FileStat = { size: 120, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 42 };
const settled = stat.ctimeMs + RACY_MS + 1;

describe('FileIndex', () => {
  test('gives the recorded digest only when size, times and inode all match', () => {
    const index = FileIndex.empty();
    index.record('a.md', stat, 'digest-a', settled);
    expect(index.digest('a.md', stat)).toBe('digest-a');
    for (const changed of [{ size: 121 }, { mtimeMs: stat.mtimeMs + 1 }, { ctimeMs: stat.ctimeMs + 1 }, { ino: 43 }]) {
      expect(index.digest('a.md', { ...stat, ...changed }), JSON.stringify(changed)).toBeUndefined();
    }
    expect(index.digest('b.md', stat)).toBeUndefined();
  });

  test('does not trust a record of a file changed shortly before it was read', () => {
    const index = FileIndex.empty();
    index.record('a.md', stat, 'digest-a', stat.mtimeMs + RACY_MS);
    expect(index.digest('a.md', stat)).toBeUndefined();
    index.record('a.md', { ...stat, ctimeMs: settled }, 'digest-a', settled);
    expect(index.digest('a.md', { ...stat, ctimeMs: settled })).toBeUndefined();
  });

  test('is kept as an object, without the files that are gone; a damaged or foreign object is an empty index', async () => {
    const objects = new ObjectStore(join(dir, 'objects'), () => {});
    const index = FileIndex.empty();
    index.record('a.md', stat, 'digest-a', settled);
    index.record('b.md', stat, 'digest-b', settled);
    const id = index.save(objects, ['a.md'], undefined);
    const reopened = FileIndex.load(objects, id);
    expect(reopened.digest('a.md', stat)).toBe('digest-a');
    expect(reopened.digest('b.md', stat)).toBeUndefined();
    // Nothing changed: the same object, not written again.
    expect(reopened.save(objects, ['a.md'], id)).toBe(id);
    await writeFile(objects.path(id), '{"version": 1, "files": ');
    expect(FileIndex.load(objects, id).digest('a.md', stat)).toBeUndefined();
    const foreign = objects.put(JSON.stringify({ version: 0, files: { 'a.md': [120, 1_000_000, 1_000_000, 42, 'x', settled] } }));
    expect(FileIndex.load(objects, foreign).digest('a.md', stat)).toBeUndefined();
    expect(FileIndex.load(objects, undefined).digest('a.md', stat)).toBeUndefined();
  });

  test('an edit that keeps the size and puts the modification time back is still seen (the change time moves)', () => {
    const path = join(dir, 'a.md');
    const past = 1_700_000_000; // whole seconds, which utimes sets exactly
    writeFileSync(path, 'Headline one');
    utimesSync(path, past, past);
    const before = statSync(path);
    const index = FileIndex.empty();
    index.record('a.md', before, 'digest-one', Date.now() + RACY_MS + 1000);
    expect(index.digest('a.md', statSync(path))).toBe('digest-one');
    writeFileSync(path, 'Headline two');
    utimesSync(path, past, past);
    const after = statSync(path);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(index.digest('a.md', after)).toBeUndefined();
  });
});
