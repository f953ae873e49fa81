import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readJsonFile, writeFileAtomic } from '../../src/lib/files.ts';

describe('state files', () => {
  test('writeFileAtomic creates the folder and leaves no temporary file', async () => {
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
