import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeTree } from '../helpers/factories.ts';
import { removeOutputs } from '../../src/io/outputs.ts';
import { walkFiles } from '../../src/io/walk.ts';

describe('output folder kept between builds', () => {
  test('removes stale files and the folders they leave empty, and nothing else', async () => {
    const dir = await writeTree(['national/a/index.html', 'national/b/index.html', 'tags/x/page/2/index.html', 'tags/x/index.html']);
    await removeOutputs(dir, ['national/a/index.html', 'tags/x/page/2/index.html']);
    expect(walkFiles(dir)).toEqual(['national/b/index.html', 'tags/x/index.html']);
    expect(existsSync(join(dir, 'national/a'))).toBe(false);
    expect(existsSync(join(dir, 'tags/x/page'))).toBe(false);
    expect(existsSync(join(dir, 'tags/x'))).toBe(true);
  });
});
