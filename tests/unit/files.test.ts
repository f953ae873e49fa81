import { symlinkSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeTree } from '../helpers/factories.ts';
import { readJsonFile, writeFileAtomic } from '../../src/io/files.ts';
import { walkFiles, walkFilesOffThread } from '../../src/io/walk.ts';

describe('writeFileAtomic', () => {
  test('creates the folder and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'files-'));
    writeFileAtomic(join(dir, 'a/b/state.json'), '{"n":1}');
    writeFileAtomic(join(dir, 'a/b/state.json'), '{"n":2}');
    expect(await readdir(join(dir, 'a/b'))).toEqual(['state.json']);
    expect(await readJsonFile(join(dir, 'a/b/state.json'))).toEqual({ n: 2 });
  });

  test('readJsonFile is undefined for a missing or corrupt file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'files-'));
    expect(await readJsonFile(join(dir, 'missing.json'))).toBeUndefined();
    await writeFile(join(dir, 'bad.json'), '{"n": ');
    expect(await readJsonFile(join(dir, 'bad.json'))).toBeUndefined();
    expect(await readFile(join(dir, 'bad.json'), 'utf8')).toBe('{"n": ');
  });
});

describe('walkFiles', () => {
  test('every file, relative with /, in code-unit order; skipped names leave out what they hold', async () => {
    const dir = await writeTree(['b.md', 'a/z.md', 'a/B.md', '_drafts/x.md', '.git/config', 'c/d/e.txt']);
    expect(walkFiles(dir)).toEqual(['.git/config', '_drafts/x.md', 'a/B.md', 'a/z.md', 'b.md', 'c/d/e.txt']);
    expect(walkFiles(dir, { skip: (name) => name.startsWith('.') || name.startsWith('_') })).toEqual([
      'a/B.md',
      'a/z.md',
      'b.md',
      'c/d/e.txt',
    ]);
    expect(walkFiles(`${dir}/`)).toEqual(walkFiles(dir));
    expect(walkFiles(join(dir, 'missing'))).toEqual([]);
  });

  test('on a worker thread: the same list', { timeout: 60_000 }, async () => {
    const dir = await writeTree(['b.md', 'a/z.md', 'a/B.md', '.git/config', 'c/d/e.txt']);
    expect(await walkFilesOffThread(dir)).toEqual(['.git/config', 'a/B.md', 'a/z.md', 'b.md', 'c/d/e.txt']);
    expect(await walkFilesOffThread(join(dir, 'missing'))).toEqual([]);
  });

  test('links are left out unless followed; followed, those leading outside are reported and loops cut', async () => {
    const outside = await writeTree(['secret.txt', 'folder/key.pem']);
    const dir = await writeTree(['content/a.md', 'content/sub/b.md']);
    const content = join(dir, 'content');
    symlinkSync(join(outside, 'secret.txt'), join(content, 'secret.md'));
    symlinkSync(join(outside, 'folder'), join(content, 'elsewhere'));
    symlinkSync(join(content, 'sub'), join(content, 'alias'));
    symlinkSync(content, join(content, 'sub', 'loop'));
    symlinkSync(join(content, 'gone.md'), join(content, 'broken.md'));
    expect(walkFiles(content)).toEqual(['a.md', 'sub/b.md']);
    const reported: [string, string][] = [];
    const files = walkFiles(content, { followLinks: { outside: (path, target) => reported.push([path, target]) } });
    expect(files).toEqual(['a.md', 'alias/b.md', 'sub/b.md']);
    expect(reported.sort()).toEqual([
      ['elsewhere', join(outside, 'folder')],
      ['secret.md', join(outside, 'secret.txt')],
    ]);
  });
});
