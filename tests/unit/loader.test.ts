import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { Tinypool } from 'tinypool';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { newsLoader } from '../../src/loader/astro-loader.ts';
import { findUrlCollisions, listArticleFiles, loadCorpus } from '../../src/loader/corpus.ts';
import { formatProblem, type FileProblem } from '../../src/pipeline/problems.ts';
import { BuildState } from '../../src/store/build-state.ts';
import { makeArticle, makeSource, SECTION_SLUGS, TIME_ZONE } from '../helpers/factories.ts';

let root: string;
const options = { base: 'content', sections: SECTION_SLUGS, timeZone: TIME_ZONE, cacheDir: 'cache' };

async function write(path: string, text: string | Uint8Array) {
  const file = join(root, 'content', path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dateline-loader-'));
  BuildState.forgetAll();
});

/** The build state of the test's cache folder. */
const state = () => BuildState.open(join(root, 'cache'));
/** The kept body of the article of `digest`. */
const keptBody = (digest: string) => {
  const entry = state().articles().get(digest);
  return entry && state().articles().readBody(entry.body);
};
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('listArticleFiles', () => {
  test('finds Markdown files recursively, sorted, skipping hidden and underscore paths', async () => {
    await write('2025/03/b.md', 'x');
    await write('a.md', 'x');
    await write('_drafts/c.md', 'x');
    await write('.trash/d.md', 'x');
    await write('notes.txt', 'x');
    expect(listArticleFiles(join(root, 'content'))).toEqual(['2025/03/b.md', 'a.md']);
  });

  test('follows links inside the content folder, a link back up only once, and none that leads outside', async () => {
    await write('2025/a.md', 'x');
    await write('shared/wire.md', 'x');
    await writeFile(join(root, 'outside.md'), 'x');
    await mkdir(join(root, 'elsewhere'), { recursive: true });
    await writeFile(join(root, 'elsewhere', 'secret.md'), 'x');
    await symlink(join(root, 'content', 'shared'), join(root, 'content', 'wire'));
    await symlink(join(root, 'outside.md'), join(root, 'content', '2025', 'linked.md'));
    await symlink(join(root, 'elsewhere'), join(root, 'content', 'elsewhere'));
    await symlink(join(root, 'content'), join(root, 'content', '2025', 'loop'));
    await symlink(join(root, 'content', '2025'), join(root, 'content', '2025', 'self'));
    await symlink(join(root, 'missing.md'), join(root, 'content', 'broken.md'));
    const outside: string[] = [];
    expect(listArticleFiles(join(root, 'content'), (path) => outside.push(path))).toEqual([
      '2025/a.md',
      '2025/self/a.md',
      'shared/wire.md',
      'wire/wire.md',
    ]);
    expect(outside.sort()).toEqual(['2025/linked.md', '2025/self/linked.md', 'elsewhere']);
  });
});

// loadCorpus starts worker threads that each load the pipeline.
describe('loadCorpus', { timeout: 120_000 }, () => {
  test('a cold run keeps a thread per core busy: the one started ahead and the others, all started at once', async () => {
    // Four batches of files (see BATCH_SIZE in src/loader/pool.ts), more than this machine's cores (up to 8).
    for (let index = 0; index < 4 * 32; index++) await write(`story-${index}.md`, makeSource({ title: `Story ${index}` }));
    // The worker threads each pool had when it was handed a batch, by pool.
    const threads = new Map<Tinypool, number>();
    const run = Tinypool.prototype.run;
    const spy = vi.spyOn(Tinypool.prototype, 'run').mockImplementation(function (this: Tinypool, ...args) {
      threads.set(this, Math.max(threads.get(this) ?? 0, this.threads.length));
      return run.apply(this, args);
    });
    try {
      const { articles, parsed } = await loadCorpus(root, options);
      expect([articles.length, parsed]).toEqual([128, 128]);
    } finally {
      spy.mockRestore();
    }
    // A pool that grows on demand would have stayed at one thread: each lane waits for its batch, so none is ever queued.
    expect([...threads.values()].reduce((sum, count) => sum + count, 0)).toBe(Math.min(availableParallelism(), 8, 4));
  });

  test('loads valid articles with their id, slug and rendered body', async () => {
    await write('2025/03/transit-plan.md', makeSource({}, 'Buses **soon**.'));
    const { articles, problems } = await loadCorpus(root, options);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      id: '2025/03/transit-plan',
      filePath: 'content/2025/03/transit-plan.md',
      slug: 'transit-plan',
      wordCount: 2,
    });
    expect(articles[0]).not.toHaveProperty('html');
    expect(keptBody(articles[0]!.digest)).toBe('<p>Buses <strong>soon</strong>.</p>');
  });

  test('reports every bad file in one run, each with file, line and field, and keeps the good ones', async () => {
    await write('good.md', makeSource());
    await write('draft-yes.md', makeSource({ draft: 'yes' }).replace("draft: 'yes'", 'draft: yes'));
    await write('bad-date.md', makeSource({ date: '2025-02-30T10:00' }));
    await write('js.md', "---js\n{ title: 'x' }\n---\n");
    await write('no-close.md', '---\ntitle: x\n\nBody');
    await write('latin1.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0xe9, 0x0a]));
    await write('Bad Name.md', makeSource());
    const { articles, problems } = await loadCorpus(root, options);
    expect(articles.map((a) => a.id)).toEqual(['good']);
    const lines = problems.map((p) => formatProblem(p));
    expect(lines).toEqual([
      expect.stringMatching(/^content\/Bad Name\.md:1:1 {2}slug {2}the file name “Bad Name” cannot be a URL.*bad-name\.md/),
      expect.stringMatching(/^content\/bad-date\.md:5:1 {2}date {2}.*does not exist/),
      expect.stringMatching(/^content\/draft-yes\.md:7:1 {2}draft {2}draft must be true or false/),
      expect.stringMatching(/^content\/js\.md:1:1 {2}front matter must be YAML/),
      expect.stringMatching(/^content\/latin1\.md:2:1 {2}the file is not valid UTF-8/),
      expect.stringMatching(/^content\/no-close\.md:1:1 {2}the front matter has no closing line/),
    ]);
  });

  test('every mistake in a file at once: field errors hide neither its lead image, nor its body images, nor its links', async () => {
    await write('target.md', makeSource({ title: 'Target' }));
    await write(
      'six.md',
      [
        '---',
        'title: Ferry fares rise',
        'section: national',
        'byline: Darpan News Desk',
        'date: 2025-02-30T10:00',
        'summary: Fares rise.',
        'draft: yes',
        'image:',
        '  src: /media/never-saved.jpg',
        '  alt: A ferry',
        '---',
        '',
        'See [the vote](/national/no-such-story/) and [the target](target.md).',
        '',
        '![](/media/chart.png)',
        '',
      ].join('\n'),
    );
    // YAML that cannot be read stops the fields, not the body.
    await write('unreadable.md', '---\ntitle: Mayor says: no\n---\n\nSee [x](/national/nowhere/).\n');
    const { articles, problems } = await loadCorpus(root, options);
    expect(articles.map((a) => a.id)).toEqual(['target']);
    expect(problems.map((p) => formatProblem(p))).toEqual([
      expect.stringMatching(/^content\/six\.md:5:1 {2}date {2}“2025-02-30T10:00” does not exist/),
      expect.stringMatching(/^content\/six\.md:7:1 {2}draft {2}draft must be true or false/),
      expect.stringMatching(/^content\/six\.md:9:3 {2}image\.src {2}image\.src “\/media\/never-saved\.jpg” does not exist/),
      'content/six.md:13:5  body  links to /national/no-such-story/, but no article has the URL /national/no-such-story/',
      'content/six.md:15:1  body  shows the image /media/chart.png, but the site has no file /media/chart.png',
      'content/six.md:15:1  body  the image /media/chart.png has no alt text: write ![what the image shows](/media/chart.png) or alt="…"',
      expect.stringMatching(/^content\/unreadable\.md:2:8 {2}title {2}the value has a colon followed by a space/),
      'content/unreadable.md:5:5  body  links to /national/nowhere/, but no article has the URL /national/nowhere/',
    ]);
  });

  test('two articles on one URL are both reported, also when the slugs differ only in case', async () => {
    await write('a/transit.md', makeSource());
    await write('b/transit.md', makeSource());
    await write('c/other.md', makeSource({ slug: 'transit' }));
    const { problems } = await loadCorpus(root, options);
    expect(problems.map((p) => p.file)).toEqual(['content/a/transit.md', 'content/b/transit.md', 'content/c/other.md']);
    expect(problems[0]!.message).toContain('/national/transit/ is also used by content/b/transit.md, content/c/other.md');
  });

  test('drafts are loaded (the queries decide who sees them)', async () => {
    await write('wip.md', makeSource({ draft: true }));
    const { articles } = await loadCorpus(root, options);
    expect(articles[0]?.draft).toBe(true);
  });

  test('unchanged files are reused from the build state and changed ones are processed again', async () => {
    await write('one.md', makeSource({ title: 'One' }));
    await write('two.md', makeSource({ title: 'Two', section: 'world' }));
    const first = await loadCorpus(root, options);
    expect(first.parsed).toBe(2);
    // A new process: the state is read from disk.
    BuildState.forgetAll();
    const second = await loadCorpus(root, options);
    expect(second.parsed).toBe(0);
    expect(second.articles).toEqual(first.articles);
    await write('two.md', makeSource({ title: 'Two, revised', section: 'world' }));
    const third = await loadCorpus(root, options);
    expect(third.parsed).toBe(1);
    expect(third.articles.map((a) => a.title)).toEqual(['One', 'Two, revised']);
    // The old version's entry is gone; only what the current articles use is kept.
    BuildState.forgetAll();
    expect([...state().articles().entries().keys()].sort()).toEqual(third.articles.map((a) => a.digest).sort());
    expect(third.articles.map((a) => keptBody(a.digest))).toEqual(['<p>First paragraph.</p>', '<p>First paragraph.</p>']);
    const used = state().articles().objectsInUse();
    for (const id of state().objects.list()) expect(used.has(id) || Object.values(state().snapshot.files).includes(id)).toBe(true);
  });

  test('a renamed file, or a copy of another, is processed as itself: its own id, slug and file', async () => {
    const source = makeSource({ title: 'Same bytes' });
    await write('2025/03/first-name.md', source);
    const first = await loadCorpus(root, options);
    expect(first.articles.map((a) => [a.id, a.slug])).toEqual([['2025/03/first-name', 'first-name']]);
    await rm(join(root, 'content/2025/03/first-name.md'));
    await write('2025/03/second-name.md', source);
    await write('2025/04/copy.md', source);
    const second = await loadCorpus(root, options);
    expect(second.parsed).toBe(2);
    expect(second.articles.map((a) => [a.id, a.slug, a.filePath])).toEqual([
      ['2025/03/second-name', 'second-name', 'content/2025/03/second-name.md'],
      ['2025/04/copy', 'copy', 'content/2025/04/copy.md'],
    ]);
  });

  test('warnings of cached articles are reported again', async () => {
    await write('one.md', makeSource({ summary: 'No full stop' }));
    const first = await loadCorpus(root, options);
    const second = await loadCorpus(root, options);
    expect(second.parsed).toBe(0);
    expect(second.problems).toEqual(first.problems);
    expect(second.problems.map((p) => p.field)).toEqual(['summary']);
  });

  test('a change of configuration invalidates the cache', async () => {
    await write('one.md', makeSource());
    await loadCorpus(root, options);
    const other = await loadCorpus(root, { ...options, timeZone: 'America/Toronto' });
    expect(other.parsed).toBe(1);
    expect(other.articles[0]!.date.date.toISOString()).toBe('2025-03-17T16:40:00.000Z');
  });

  test('a missing content folder is a clear error', async () => {
    await expect(loadCorpus(root, { ...options, base: 'nowhere' })).rejects.toThrow(/could not read the content folder “nowhere”/);
  });
});

describe('findUrlCollisions', () => {
  test('distinct URLs are fine', () => {
    expect(
      findUrlCollisions([makeArticle({ slug: 'a' }), makeArticle({ slug: 'b' }), makeArticle({ slug: 'a', section: 'world' })]),
    ).toEqual([]);
  });
  test('reports each colliding file', () => {
    const problems: FileProblem[] = findUrlCollisions([makeArticle({ slug: 'a', id: 'x/a' }), makeArticle({ slug: 'a', id: 'y/a' })]);
    expect(problems).toHaveLength(2);
  });
});

describe('newsLoader', { timeout: 120_000 }, () => {
  interface Entry {
    id: string;
    data: Record<string, unknown>;
    digest?: string;
  }

  /** The parts of Astro's loader context the loader uses, in memory, kept between syncs as Astro keeps its store. */
  function fakeContext() {
    const entries = new Map<string, Entry>();
    const logs: string[] = [];
    const context = {
      config: { root: pathToFileURL(`${root}/`), cacheDir: pathToFileURL(`${join(root, 'cache')}/`) },
      store: {
        get: (id: string) => entries.get(id),
        set: (entry: Entry) => entries.set(entry.id, entry) && true,
        keys: () => [...entries.keys()],
        delete: (id: string) => entries.delete(id),
      },
      logger: { info: (message: string) => logs.push(message), warn: (message: string) => logs.push(`warn: ${message}`) },
      parseData: async ({ data }: { data: unknown }) => data,
    };
    return { context: context as unknown as LoaderContext, entries, logs };
  }
  const loader = newsLoader({
    base: 'content',
    sections: SECTION_SLUGS,
    timeZone: TIME_ZONE,
    sectionNames: { national: 'National', world: 'World' },
  });

  /** The title of the record the build state keeps for the article `id`, found by the digest the loader read. */
  const keptTitle = (id: string) => state().articles().get(state().articleDigest(id)!)?.record.title;

  test('entries without images hold no data and the build state keeps every digest; a second sync leaves unchanged entries alone and reports their warnings again', async () => {
    await write('one.md', makeSource({ title: 'One', summary: 'No full stop' }));
    await write('two.md', makeSource({ title: 'Two', section: 'world' }));
    const { context, entries, logs } = fakeContext();
    await loader.load(context);
    expect([...entries.keys()]).toEqual(['one', 'two']);
    const stored = entries.get('one')!;
    expect(stored.data).toEqual({});
    expect(stored.digest).toMatch(/^[0-9a-f]{32}$/);
    expect(keptTitle('one')).toBe('One');
    expect(keptTitle('two')).toBe('Two');
    expect(state().articleDigest('three')).toBeUndefined();
    expect(logs).toEqual([expect.stringMatching(/^warn: .*one\.md:\d+:\d+ .*summary/), '2 articles, 2 processed, 0 unchanged']);
    logs.length = 0;
    await loader.load(context);
    expect(logs).toEqual([expect.stringMatching(/^warn: .*one\.md:\d+:\d+ .*summary/), '2 articles, 0 processed, 2 unchanged']);
    expect(entries.get('one')).toBe(stored);
  });

  test('an edited file is parsed and replaced, a deleted one leaves the store', async () => {
    await write('one.md', makeSource({ title: 'One', summary: 'No full stop' }));
    await write('two.md', makeSource({ title: 'Two', section: 'world' }));
    const { context, entries, logs } = fakeContext();
    await loader.load(context);
    const before = entries.get('one')!.digest;
    await write('one.md', makeSource({ title: 'One, revised' }));
    await rm(join(root, 'content/two.md'));
    logs.length = 0;
    await loader.load(context);
    expect(logs).toEqual(['1 articles, 1 processed, 0 unchanged']);
    expect([...entries.keys()]).toEqual(['one']);
    const after = entries.get('one')!.digest!;
    expect(after).not.toBe(before);
    expect(keptTitle('one')).toBe('One, revised');
    expect(state().articleDigest('two')).toBeUndefined();
  });

  test('a content error fails the sync and leaves the store as it was', async () => {
    await write('one.md', makeSource({ title: 'One' }));
    const { context, entries } = fakeContext();
    await loader.load(context);
    const before = entries.get('one');
    await write('one.md', makeSource({ title: '' }));
    await expect(loader.load(context)).rejects.toThrow(/one\.md:\d+:\d+.*title/);
    expect(entries.get('one')).toBe(before);
  });
});
