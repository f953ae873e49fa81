import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { classifyPage, createBudgetsMemo, measurePages } from '../../scripts/quality/budgets.ts';
import { createHtmlMemo, validateBuild } from '../../scripts/quality/html.ts';
import { createLinksMemo, findBrokenLinks } from '../../scripts/quality/links.ts';
import { PageMemo } from '../../scripts/quality/memo.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

const TINY_DIST = join(PROJECT_ROOT, 'tests/fixtures/tiny-dist');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-memo-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PageMemo', () => {
  test('computes a result once per content, keeps it between runs, and forgets it with another salt or a damaged file', async () => {
    const file = join(dir, 'memo.json');
    let computed = 0;
    const compute = () => ++computed;
    const first = new PageMemo<number>(file, 'salt');
    expect([await first.get('a', compute), await first.get('a', compute), await first.get('b', compute)]).toEqual([1, 1, 2]);
    first.save();
    const second = new PageMemo<number>(file, 'salt');
    expect(await second.get('b', compute)).toBe(2);
    expect([second.hits, second.misses]).toEqual([1, 0]);
    // Only the entries a run used are kept.
    second.save();
    expect(await new PageMemo<number>(file, 'salt').get('a', compute)).toBe(3);
    expect(await new PageMemo<number>(file, 'other salt').get('b', compute)).toBe(4);
    await writeFile(file, '{"salt":"salt","entries":{');
    expect(await new PageMemo<number>(file, 'salt').get('b', compute)).toBe(5);
  });
});

describe('check:dist with its memos', () => {
  test('a second run over an unchanged build parses no page again and reports the same', async () => {
    const run = async () => {
      const memos = {
        html: createHtmlMemo(join(dir, 'html.json'), { lang: 'en-CA' }),
        links: createLinksMemo(join(dir, 'links.json')),
        budgets: createBudgetsMemo(join(dir, 'budgets.json')),
      };
      const report = {
        html: await validateBuild(TINY_DIST, { lang: 'en-CA' }, memos.html),
        links: await findBrokenLinks(TINY_DIST, { siteUrl: 'https://news.example.com' }, memos.links),
        weights: await measurePages(TINY_DIST, (path) => classifyPage(path, ['national']), memos.budgets),
      };
      for (const memo of Object.values(memos)) memo.save();
      return { report, misses: Object.values(memos).map((memo) => memo.misses) };
    };
    const first = await run();
    expect(first.misses.every((misses) => misses > 0)).toBe(true);
    expect(first.report.html.length + first.report.links.length).toBeGreaterThan(0);
    const second = await run();
    expect(second.misses).toEqual([0, 0, 0]);
    expect(second.report).toEqual(first.report);
  });
});
