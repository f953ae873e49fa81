import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ArticleDiskCache, writeArticleBody } from '../../src/pipeline/article-cache.ts';
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

/** Stores an article as the loader does: its body written, then its record. */
function store(cache: ArticleDiskCache, digest: string, { html, ...article }: ArticleRecord, problems: Problem[]): void {
  writeArticleBody(cache.directory, digest, html);
  cache.record(digest, article, problems);
}

describe('ArticleDiskCache', () => {
  test('returns what was stored, with dates as dates and the body in a file of its own', () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    const { html, ...record } = makeArticle({
      updated: { date: new Date('2025-03-18T16:00:00Z'), hasTime: true },
      corrections: [{ date: { date: new Date('2025-03-19T16:00:00Z'), hasTime: true }, text: 'Fixed.' }],
    });
    const problems = [{ line: 3, field: 'summary', severity: 'warning' as const, message: 'm' }];
    store(cache, 'abc', { ...record, html }, problems);
    expect(cache.get('abc')).toEqual({ article: record, problems });
    expect(cache.get('abc')!.article.date.date).toBeInstanceOf(Date);
    expect(cache.readHtml('abc')).toBe(html);
    expect(cache.get('missing')).toBeUndefined();
    expect(() => cache.readHtml('missing')).toThrow(/run the build again/);
  });

  test('records are kept in one file: a new instance sees them after save(), not before', () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    const { html, ...record } = makeArticle();
    store(cache, 'abc', { ...record, html }, []);
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
    cache.save();
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toEqual({ article: record, problems: [] });
  });

  test('another instance in this process shares the records saved or read, unless the file changed since', async () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    const { html, ...record } = makeArticle();
    store(cache, 'abc', { ...record, html }, []);
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

  test('an entry whose body file is gone is a miss', async () => {
    const cache = new ArticleDiskCache(dir);
    store(cache, 'abc', makeArticle(), []);
    cache.save();
    await rm(join(dir, 'abc.html'));
    expect(new ArticleDiskCache(dir).get('abc')).toBeUndefined();
  });

  test('a corrupt or foreign record file is a miss, not a crash', async () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    store(cache, 'abc', makeArticle(), []);
    await writeFile(join(dir, 'articles.json'), '{"version": 1, "entries": {"abc": ');
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
    await writeFile(join(dir, 'articles.json'), JSON.stringify({ version: 0, entries: { abc: { article: makeArticle(), problems: [] } } }));
    expect(new ArticleDiskCache(join(dir, 'articles')).get('abc')).toBeUndefined();
  });

  test('prune removes entries no article uses, and stray files', async () => {
    const cache = new ArticleDiskCache(join(dir, 'articles'));
    store(cache, 'keep', makeArticle(), []);
    store(cache, 'drop', makeArticle(), []);
    await writeFile(join(dir, 'articles', 'stray.html.123.tmp'), '');
    cache.save();
    const next = new ArticleDiskCache(join(dir, 'articles'));
    expect(next.prune(new Set(['keep']))).toBe(3);
    next.save();
    expect(await readdir(join(dir, 'articles'))).toEqual(['keep.html']);
    expect(new ArticleDiskCache(join(dir, 'articles')).get('drop')).toBeUndefined();
    expect(new ArticleDiskCache(join(dir, 'articles')).get('keep')).toBeDefined();
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
    const inline = jobs.map((job) => processArticle(job.file, job.id, schema));
    const records = inline.map((result) => {
      if (!result.ok) throw new Error('every job is valid');
      const { html: _html, ...article } = result.article;
      return { ok: true, article, problems: result.problems };
    });
    const bodies = join(dir, 'articles');
    const parallel = await processInWorkers(jobs, { context, bodies }, 2);
    expect(parallel).toEqual(records);
    expect(parallel[149]).toMatchObject({ ok: true, article: { id: 's-149' } });
    expect(parallel[149]).not.toHaveProperty('article.html');
    const cache = new ArticleDiskCache(bodies);
    expect(cache.readHtml('d149')).toBe('<p>Body <strong>149</strong>.</p>');
    expect((await readdir(bodies)).sort()).toEqual(jobs.map((job) => `${job.digest}.html`).sort());

    const alone = join(dir, 'alone');
    expect(await processArticles(jobs, { context, bodies: alone }, 1)).toEqual(records);
    expect(new ArticleDiskCache(alone).readHtml('d0')).toBe('<p>Body <strong>0</strong>.</p>');
  });

  test('errors come back from workers like any result, and write no body', async () => {
    const bad = [
      ...jobs.slice(0, 70),
      { file: { path: 'content/bad.md', source: '---js\n{}\n---\n', digest: 'x' }, id: 'bad', digest: 'bad' },
    ];
    const results = await processArticles(bad, { context, bodies: dir }, 2);
    expect(results[70]).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringContaining('must be YAML') }] });
    expect(await readdir(dir)).not.toContain('bad.html');
  });
});
