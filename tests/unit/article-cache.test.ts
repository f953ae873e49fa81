import { existsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ArticleDiskCache, readBody, writeBodyPack } from '../../src/pipeline/article-cache.ts';
import type { ArticleRecord } from '../../src/pipeline/article.ts';
import type { Problem } from '../../src/pipeline/problems.ts';
import { processArticles, processInWorkers } from '../../src/pipeline/parallel.ts';
import { processArticle } from '../../src/pipeline/article.ts';
import { digestOf } from '../../src/pipeline/read.ts';
import { makeArticle, makeSchema, makeSource, SECTION_SLUGS, TIME_ZONE } from '../helpers/factories.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Stores articles as the loader does: their bodies written as one pack, then their records. */
function store(cache: ArticleDiskCache, items: [digest: string, article: ArticleRecord, problems?: Problem[]][]): void {
  const locations = writeBodyPack(
    cache.directory,
    items.map(([, article]) => article.html),
  );
  items.forEach(([digest, { html: _html, ...article }, problems = []], index) =>
    cache.record(digest, { article, problems, body: locations[index]! }),
  );
}

/** Stores and saves `count` stories under digests `d0`, `d1`… in a new cache on `directory`. */
function saveStories(directory: string, count: number): void {
  const cache = new ArticleDiskCache(directory);
  store(
    cache,
    Array.from({ length: count }, (_, i): [string, ArticleRecord] => [`d${i}`, makeArticle({ html: `<p>${i}</p>` })]),
  );
  cache.save();
}

/** The files of a cache folder, sorted. */
async function files(directory: string): Promise<string[]> {
  return (await readdir(directory)).sort();
}

describe('ArticleDiskCache', () => {
  test('returns what was stored, with dates as dates and the body in a pack', () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    const { html, ...record } = makeArticle({
      updated: { date: new Date('2025-03-18T16:00:00Z'), hasTime: true },
      corrections: [{ date: { date: new Date('2025-03-19T16:00:00Z'), hasTime: true }, text: 'Fixed.' }],
    });
    const problems = [{ line: 3, field: 'summary', severity: 'warning' as const, message: 'm' }];
    store(cache, [['abc', { ...record, html }, problems]]);
    expect(cache.get('abc')).toEqual({
      article: record,
      problems,
      body: { pack: expect.any(String), start: 0, length: Buffer.byteLength(html) },
    });
    expect(cache.get('abc')!.article.date.date).toBeInstanceOf(Date);
    expect(cache.readHtml('abc')).toBe(html);
    expect(cache.get('missing')).toBeUndefined();
    expect(() => cache.readHtml('missing')).toThrow(/run the build again/);
  });

  test('records are kept in one file: a new instance sees them after save(), not before', () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    const { html, ...record } = makeArticle();
    store(cache, [['abc', { ...record, html }]]);
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
    cache.save();
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toEqual({ article: record, problems: [], body: cache.get('abc')!.body });
  });

  test('another instance in this process shares the records saved or read, unless the file changed since', async () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    const { html, ...record } = makeArticle();
    store(cache, [['abc', { ...record, html }]]);
    cache.save();
    const file = join(dir, 'articles.json');
    const past = 1_700_000_000;
    utimesSync(file, past, past);
    // Changed since it was saved (its time): read again, and shared with its new time.
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')?.article.title).toBe(record.title);
    // Same size and time: the shared records are used, not the file's bytes.
    const size = statSync(file).size;
    writeFileSync(file, ' '.repeat(size));
    utimesSync(file, past, past);
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')?.article.title).toBe(record.title);
    // Another time: the file is read, and garbage is a miss.
    utimesSync(file, past + 1, past + 1);
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
  });

  test('a few changes are appended as lines to the changes file; the records file is written anew once they grow', async () => {
    const directory = join(dir, 'articles');
    const recordsFile = join(dir, 'articles.json');
    const changesFile = join(dir, 'articles.changes');
    const first = new ArticleDiskCache(directory);
    const items = Array.from({ length: 20 }, (_, i): [string, ArticleRecord] => [
      `d${i}`,
      makeArticle({ title: `Story ${i}`, html: `<p>${i}</p>` }),
    ]);
    store(first, items);
    first.save();
    expect(existsSync(changesFile)).toBe(false);
    const records = await readFile(recordsFile, 'utf8');

    // One story added and one removed: two lines, the records file untouched.
    const second = new ArticleDiskCache(directory);
    store(second, [['d20', makeArticle({ title: 'Story 20', html: '<p>20</p>' })]]);
    second.prune(
      new Set(
        items
          .slice(1)
          .map(([digest]) => digest)
          .concat('d20'),
      ),
    );
    second.save();
    expect(await readFile(recordsFile, 'utf8')).toBe(records);
    const lines = (await readFile(changesFile, 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((line) => JSON.parse(line)[0])).toEqual(['d20', 'd0']);
    const third = new ArticleDiskCache(directory);
    expect(third.get('d0')).toBeUndefined();
    expect(third.get('d20')?.article.title).toBe('Story 20');
    expect(third.get('d20')?.article.date.date).toBeInstanceOf(Date);
    expect(third.readHtml('d20')).toBe('<p>20</p>');
    expect(third.get('d19')?.article.title).toBe('Story 19');

    // Changes past a quarter of the records file: the records file holds them all, the changes file is gone.
    const late: string[] = [];
    while (existsSync(changesFile)) {
      const digest = `e${late.length}`;
      const cache = new ArticleDiskCache(directory);
      store(cache, [[digest, makeArticle({ title: `Late ${digest}`, html: `<p>${digest}</p>` })]]);
      cache.save();
      late.push(digest);
      expect(late.length).toBeLessThan(10);
    }
    expect(late.length).toBeGreaterThan(1);
    const rewritten = JSON.parse(await readFile(recordsFile, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(rewritten.entries).sort()).toEqual([...items.slice(1).map(([d]) => d), 'd20', ...late].sort());
  });

  test('a line of the changes file cut short, or not a change, is a miss for that entry only', async () => {
    const directory = join(dir, 'articles');
    saveStories(directory, 20);
    const next = new ArticleDiskCache(directory);
    store(next, [['cut', makeArticle({ title: 'Cut', html: '<p>Cut.</p>' })]]);
    next.save();
    // An interrupted run: its line ends half-way, without a newline.
    const changesFile = join(dir, 'articles.changes');
    const text = await readFile(changesFile, 'utf8');
    await writeFile(changesFile, `${text.slice(0, text.length / 2)}`);
    await appendFile(changesFile, '\n{"not": "a change"}\n[42]\n"d3"\nnull\n');
    const after = new ArticleDiskCache(directory);
    store(after, [['later', makeArticle({ title: 'Later', html: '<p>Later.</p>' })]]);
    after.save();
    const reopened = new ArticleDiskCache(directory);
    expect(reopened.get('cut')).toBeUndefined();
    expect(reopened.get('later')?.article.title).toBe('Later');
    expect(reopened.get('d3')).toBeDefined();
  });

  test('changes another process appended are read, not the records this process shared before', async () => {
    const directory = join(dir, 'articles');
    saveStories(directory, 20);
    // Another process removes d1: one more line, which this process has not seen.
    await appendFile(join(dir, 'articles.changes'), '\n["d1"]\n');
    expect(new ArticleDiskCache(directory).get('d1')).toBeUndefined();
    expect(new ArticleDiskCache(directory).get('d2')).toBeDefined();
  });

  test('changes are not applied to records of another format', async () => {
    const directory = join(dir, 'articles');
    const cache = new ArticleDiskCache(directory);
    const [location] = writeBodyPack(directory, ['<p>x</p>']);
    const { html: _html, ...article } = makeArticle();
    await writeFile(join(dir, 'articles.json'), JSON.stringify({ version: 1, entries: {} }));
    await writeFile(join(dir, 'articles.changes'), `${JSON.stringify(['abc', { article, problems: [], body: location }])}\n`);
    expect(cache.get('abc')).toBeUndefined();
  });

  test('an entry whose pack is gone, or shorter than its body needs, is a miss', async () => {
    const directory = join(dir, 'articles');
    const cache = new ArticleDiskCache(directory);
    store(cache, [
      ['abc', makeArticle({ html: '<p>First.</p>' })],
      ['def', makeArticle({ html: '<p>Second, café.</p>' })],
    ]);
    cache.save();
    const [pack] = await files(directory);
    const first = cache.get('abc')!.body;
    expect(new ArticleDiskCache(directory).readHtml('def')).toBe('<p>Second, café.</p>');
    await writeFile(join(directory, pack!), '<p>First.</p>');
    expect(new ArticleDiskCache(directory).get('abc')).toBeDefined();
    expect(new ArticleDiskCache(directory).get('def')).toBeUndefined();
    expect(() => new ArticleDiskCache(directory).readHtml('def')).toThrow(/run the build again/);
    await rm(join(directory, pack!));
    expect(new ArticleDiskCache(directory).get('abc')).toBeUndefined();
    expect(() => readBody(directory, first)).toThrow(/run the build again/);
  });

  test('a corrupt or foreign record file is a miss, not a crash', async () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    store(cache, [['abc', makeArticle()]]);
    await writeFile(join(dir, 'articles.json'), '{"version": 2, "entries": {"abc": ');
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
    // An older format (bodies in files of their own, no `body` in the entry).
    await writeFile(join(dir, 'articles.json'), JSON.stringify({ version: 1, entries: { abc: { article: makeArticle(), problems: [] } } }));
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
  });

  test('prune removes entries no article uses, packs none uses, and stray files', async () => {
    const directory = join(dir, 'articles');
    const cache = new ArticleDiskCache(directory);
    store(cache, [['keep', makeArticle({ html: '<p>Kept.</p>' })]]);
    store(cache, [['drop', makeArticle({ html: '<p>Dropped.</p>' })]]);
    await writeFile(join(directory, 'stray.bodies.123.tmp'), '');
    await writeFile(join(directory, 'old-format.html'), '<p>From an older cache.</p>');
    cache.save();
    const next = new ArticleDiskCache(directory);
    const kept = next.get('keep')!.body.pack;
    expect(next.prune(new Set(['keep']))).toBe(4);
    next.save();
    expect(await files(directory)).toEqual([`${kept}.bodies`]);
    expect(new ArticleDiskCache(directory).get('drop')).toBeUndefined();
    expect(new ArticleDiskCache(directory).readHtml('keep')).toBe('<p>Kept.</p>');
  });

  test('prune rewrites a pack more than half unused with only its used bodies', async () => {
    const directory = join(dir, 'articles');
    const cache = new ArticleDiskCache(directory);
    const items = ['a', 'b', 'c', 'd'].map((digest): [string, ArticleRecord] => [digest, makeArticle({ html: `<p>Body ${digest}.</p>` })]);
    store(cache, items);
    const [before] = await files(directory);
    // Three of four used: the pack stays as it is.
    cache.prune(new Set(['a', 'b', 'c']));
    expect(await files(directory)).toEqual([before]);
    expect(cache.get('c')!.body.pack).toBe(before!.replace('.bodies', ''));
    // One of four: rewritten, and the entry points into the new pack.
    cache.prune(new Set(['c']));
    cache.save();
    const [after] = await files(directory);
    expect(after).not.toBe(before);
    const reopened = new ArticleDiskCache(directory);
    expect(reopened.get('c')!.body).toEqual({ pack: after!.replace('.bodies', ''), start: 0, length: '<p>Body c.</p>'.length });
    expect(reopened.readHtml('c')).toBe('<p>Body c.</p>');
    expect(reopened.get('a')).toBeUndefined();
  });
});

describe('processArticles', () => {
  const context = { sections: SECTION_SLUGS, timeZone: TIME_ZONE };
  const jobs = Array.from({ length: 150 }, (_, i) => {
    const source = makeSource({ title: `Story ${i}`, date: `2025-03-${String((i % 28) + 1).padStart(2, '0')}T10:00` }, `Body **${i}**.`);
    return { file: { path: `content/s-${i}.md`, source, digest: digestOf(source) }, id: `s-${i}`, digest: `d${i}` };
  });

  test('worker threads give the same results, in order, as processing in this thread, and write each body', async () => {
    const schema = makeSchema();
    const records = jobs.map((job) => {
      const result = processArticle(job.file, job.id, schema);
      if (!result.ok) throw new Error('every job is valid');
      const { html: _html, ...article } = result.article;
      return { ok: true, article, problems: result.problems, body: expect.anything() };
    });
    const bodies = join(dir, 'articles');
    const parallel = await processInWorkers(jobs, { context, bodies }, 2);
    expect(parallel).toEqual(records);
    expect(parallel[149]).toMatchObject({ ok: true, article: { id: 's-149' } });
    expect(parallel[149]).not.toHaveProperty('article.html');
    parallel.forEach((result, i) => expect(result.ok && readBody(bodies, result.body)).toBe(`<p>Body <strong>${i}</strong>.</p>`));
    // One pack per batch of jobs.
    expect(await files(bodies)).toHaveLength(Math.ceil(jobs.length / 32));

    // In this thread: the same batches, so the same packs.
    const alone = join(dir, 'alone');
    expect(await processArticles(jobs, { context, bodies: alone }, 1)).toEqual(parallel);
    expect(await files(alone)).toEqual(await files(bodies));
  });

  test('errors come back from workers like any result, and write no body', async () => {
    const bad = [
      ...jobs.slice(0, 70),
      { file: { path: 'content/bad.md', source: '---js\n{}\n---\n', digest: 'x' }, id: 'bad', digest: 'bad' },
    ];
    const results = await processArticles(bad, { context, bodies: dir }, 2);
    expect(results[70]).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringContaining('must be YAML') }] });
    // The batch with the bad file holds the bodies of the others only.
    const [last] = results.slice(64, 70).map((result) => result.ok && result.body);
    expect(last && readBody(dir, last)).toBe('<p>Body <strong>64</strong>.</p>');
    const packBytes = (await Promise.all((await files(dir)).map((name) => stat(join(dir, name))))).reduce((sum, { size }) => sum + size, 0);
    const bodyBytes = results.reduce((sum, result) => sum + (result.ok ? result.body.length : 0), 0);
    expect(packBytes).toBe(bodyBytes);
  });
});
