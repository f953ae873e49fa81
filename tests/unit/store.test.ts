import { existsSync, lstatSync, statSync } from 'node:fs';
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ArticleStore, writeBodyPack, type StoredEntry } from '../../src/store/articles.ts';
import { ASTRO_STATE, recordAstroState, recoverAstroState, removeDamagedAssets } from '../../src/store/astro-state.ts';
import { BuildState } from '../../src/store/build-state.ts';
import { BuildLock, BuildLockedError, processStartTime } from '../../src/store/lock.ts';
import { ObjectStore, partDigest } from '../../src/store/objects.ts';
import { recordOutput } from '../../src/store/output-table.ts';
import { statFiles, statFilesOffThread } from '../../src/io/stat.ts';
import { SearchBundles } from '../../src/store/search.ts';
import { EMPTY_SNAPSHOT, readSnapshot, writeSnapshot } from '../../src/store/snapshot.ts';
import { makeArticle } from '../helpers/factories.ts';

let dir: string;
let warnings: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-store-'));
  warnings = [];
  BuildState.forgetAll();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const objectStore = () => new ObjectStore(join(dir, 'objects'), (message) => warnings.push(message));

/** A stored entry whose body is `html`, written as its own pack. */
function entry(objects: ObjectStore, html: string, overrides: Parameters<typeof makeArticle>[0] = {}): StoredEntry {
  const { html: _html, ...record } = makeArticle(overrides);
  const [body] = writeBodyPack(objects, [html]);
  return { record, problems: [], body: body! };
}

/** Every way a kept file goes bad, applied to `path`. */
const DAMAGE = {
  truncated: async (path: string) => truncate(path, Math.floor(statSync(path).size / 2)),
  garbage: async (path: string) => writeFile(path, 'garbage'),
  'same-size overwrite': async (path: string) => {
    const bytes = await readFile(path);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    await writeFile(path, bytes);
  },
  deleted: async (path: string) => rm(path),
};

describe('ObjectStore', () => {
  test('names an object by the SHA-256 of its bytes, and gives them back', () => {
    const objects = objectStore();
    const id = objects.put('hello');
    expect(id).toBe(ObjectStore.digest('hello'));
    expect(objects.path(id)).toBe(join(dir, 'objects', id.slice(0, 2), id));
    expect(objects.get(id)?.toString()).toBe('hello');
    expect(objects.get(ObjectStore.digest('never written'))).toBeUndefined();
  });

  test.each(Object.entries(DAMAGE))('a %s object is a miss, removed and reported once', async (_how, damage) => {
    const objects = objectStore();
    const id = objects.put('{"some": "record"}');
    await damage(objects.path(id));
    expect(objects.get(id)).toBeUndefined();
    expect(existsSync(objects.path(id))).toBe(false);
    expect(objects.get(id)).toBeUndefined();
    expect(warnings.length).toBeLessThanOrEqual(1);
    if (warnings.length > 0) expect(warnings[0]).toMatch(/was damaged .* made again from the content/);
  });

  test('a part of an object is verified against its own digest', async () => {
    const objects = objectStore();
    const id = objects.put('<p>one</p><p>two</p>');
    expect(objects.getPart(id, 10, 10, partDigest('<p>two</p>'))?.toString()).toBe('<p>two</p>');
    expect(objects.getPart(id, 10, 10, partDigest('<p>TWO</p>'))).toBeUndefined();
    expect(existsSync(objects.path(id))).toBe(false);
    expect(objects.getPart(id, 0, 10, partDigest('<p>one</p>'))).toBeUndefined();
  });

  test('a JSON object of another shape (written by an earlier version) is a miss, not a crash', () => {
    const objects = objectStore();
    const id = objects.put(JSON.stringify(['name-only.jpg']));
    expect(objects.getJson(id, z.array(z.tuple([z.string(), z.number()])))).toBeUndefined();
    expect(objects.getJson(objects.put('not json'), z.array(z.string()))).toBeUndefined();
    expect(objects.getJson(objects.put('["a"]'), z.array(z.string()))).toEqual(['a']);
  });

  test('prune removes what is not kept, and the temporary files of killed writers', async () => {
    const objects = objectStore();
    const keep = objects.put('keep');
    const drop = objects.put('drop');
    await writeFile(`${objects.path(keep)}.123-0.tmp`, 'half');
    expect(objects.prune(new Set([keep]))).toBe(1);
    expect(objects.list()).toEqual([keep]);
    expect(existsSync(objects.path(drop))).toBe(false);
    expect(await readdir(join(dir, 'objects', keep.slice(0, 2)))).toEqual([keep]);
  });
});

describe('ArticleStore', () => {
  test('keeps entries in chunks by the first two hex digits of their digest; dates come back as dates', () => {
    const objects = objectStore();
    const store = new ArticleStore(objects, {});
    const kept = entry(objects, '<p>Body</p>', {
      updated: { date: new Date('2025-03-18T16:00:00Z'), hasTime: true },
      corrections: [{ date: { date: new Date('2025-03-19T16:00:00Z'), hasTime: true }, text: 'Fixed.' }],
    });
    store.set('ab12', kept);
    store.set('ab34', entry(objects, '<p>Other</p>'));
    store.set('cd56', entry(objects, '<p>Third</p>'));
    const chunks = store.save();
    expect(Object.keys(chunks).sort()).toEqual(['ab', 'cd']);
    const reopened = new ArticleStore(objects, chunks);
    expect(reopened.get('ab12')).toEqual(kept);
    expect(reopened.get('ab12')!.record.updated!.date).toBeInstanceOf(Date);
    expect(reopened.get('ab12')!.record.corrections[0]!.date.date).toBeInstanceOf(Date);
    expect(reopened.readBody(reopened.get('cd56')!.body)).toBe('<p>Third</p>');
  });

  test('saving rewrites only the chunks whose entries changed', () => {
    const objects = objectStore();
    const store = new ArticleStore(objects, {});
    store.set('ab12', entry(objects, '<p>a</p>'));
    store.set('cd56', entry(objects, '<p>c</p>'));
    const first = store.save();
    store.set('ab99', entry(objects, '<p>b</p>'));
    const second = store.save();
    expect(second['cd']).toBe(first['cd']);
    expect(second['ab']).not.toBe(first['ab']);
    store.forget('cd56');
    expect(store.save()).not.toHaveProperty('cd');
  });

  test.each(Object.entries(DAMAGE))('a %s chunk loses its entries only; the others stay', async (_how, damage) => {
    const objects = objectStore();
    const store = new ArticleStore(objects, {});
    store.set('ab12', entry(objects, '<p>a</p>'));
    store.set('cd56', entry(objects, '<p>c</p>'));
    const chunks = store.save();
    await damage(objects.path(chunks['ab']!));
    const reopened = new ArticleStore(objects, chunks);
    expect(reopened.get('ab12')).toBeUndefined();
    expect(reopened.get('cd56')).toBeDefined();
    expect(reopened.save()).not.toHaveProperty('ab');
  });

  test.each(Object.entries(DAMAGE))('a %s body pack gives no body, never other bytes', async (how, damage) => {
    const objects = objectStore();
    const store = new ArticleStore(objects, {});
    const kept = entry(objects, '<p>A body of some length, café.</p>');
    store.set('ab12', kept);
    await damage(objects.path(kept.body.pack));
    expect(store.readBody(kept.body)).toBeUndefined();
    // A pack gone or cut short is known without reading it: the entry is a miss.
    if (how === 'deleted' || how === 'truncated') expect(new ArticleStore(objects, store.save()).get('ab12')).toBeUndefined();
  });

  test('keepOnly drops other entries; compact rewrites a pack more than half unused', () => {
    const objects = objectStore();
    const store = new ArticleStore(objects, {});
    const { html: _html, ...record } = makeArticle();
    const bodies = writeBodyPack(objects, ['<p>a</p>', '<p>b</p>', '<p>c</p>', '<p>d</p>']);
    ['a1', 'b1', 'c1', 'd1'].forEach((digest, i) => store.set(digest, { record, problems: [], body: bodies[i]! }));
    store.keepOnly(new Set(['a1', 'b1', 'c1']));
    store.compact();
    expect(store.get('a1')!.body.pack).toBe(bodies[0]!.pack);
    store.keepOnly(new Set(['c1']));
    store.compact();
    const moved = store.get('c1')!.body;
    expect(moved.pack).not.toBe(bodies[0]!.pack);
    expect(store.readBody(moved)).toBe('<p>c</p>');
    expect([...store.objectsInUse()]).toContain(moved.pack);
    expect([...store.objectsInUse()]).not.toContain(bodies[0]!.pack);
  });
});

describe('snapshot', () => {
  test('is read back only when whole, of this version and matching its digest', async () => {
    const file = join(dir, 'snapshot.json');
    expect(readSnapshot(file)).toBeUndefined();
    const snapshot = { ...EMPTY_SNAPSHOT, articles: { ab: 'x'.repeat(64) }, building: { pid: 1, since: '2026-01-01T00:00:00.000Z' } };
    writeSnapshot(file, snapshot);
    expect(readSnapshot(file)).toEqual(snapshot);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"pid":1', '"pid":2'));
    expect(readSnapshot(file)).toBeUndefined();
    await writeFile(file, text.slice(0, text.length - 5));
    expect(readSnapshot(file)).toBeUndefined();
    await writeFile(file, 'garbage');
    expect(readSnapshot(file)).toBeUndefined();
  });
});

describe('BuildLock', () => {
  test('a second holder is refused with who holds it and since when; released, it can be taken', () => {
    const file = join(dir, 'lock');
    const lock = BuildLock.acquire(file, 'build');
    expect(() => BuildLock.acquire(file, 'check')).toThrow(BuildLockedError);
    expect(() => BuildLock.acquire(file, 'check')).toThrow(new RegExp(`another build is running here \\(pid ${process.pid}, since 20`));
    lock.release();
    expect(existsSync(file)).toBe(false);
    BuildLock.acquire(file, 'check').release();
  });

  test('a lock left by a process that is gone is taken over, and reported', async () => {
    const file = join(dir, 'lock');
    const gone = {
      pid: 2 ** 22 + 7,
      started: null,
      host: (await import('node:os')).hostname(),
      command: 'build',
      since: '2026-12-01T10:00:00.000Z',
    };
    await writeFile(file, JSON.stringify(gone));
    const stale: unknown[] = [];
    const lock = BuildLock.acquire(file, 'build', (holder) => stale.push(holder));
    expect(stale).toEqual([gone]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, command: 'build' });
    lock.release();
  });

  test('a process id now used by another process (another start time) does not hold the lock', async () => {
    const file = join(dir, 'lock');
    const host = (await import('node:os')).hostname();
    await writeFile(file, JSON.stringify({ pid: process.pid, started: 'not-this-one', host, command: 'build', since: 'earlier' }));
    if (processStartTime(process.pid) === null) return;
    BuildLock.acquire(file, 'build').release();
  });
});

describe('Astro state', () => {
  async function astroFiles(cacheDir: string) {
    await mkdir(join(cacheDir, ASTRO_STATE.assets), { recursive: true });
    await writeFile(join(cacheDir, ASTRO_STATE.manifest), '{"version":1}');
    await writeFile(join(cacheDir, ASTRO_STATE.dataStore), '[]');
    await writeFile(join(cacheDir, ASTRO_STATE.assets, 'photo_a.webp'), 'image');
  }

  test('what a finished build recorded is kept', async () => {
    const objects = objectStore();
    await astroFiles(dir);
    const snapshot = { ...EMPTY_SNAPSHOT, astro: recordAstroState(dir, objects, null) };
    expect(recoverAstroState(dir, snapshot, objects)).toEqual({ pagesReset: false, assetsRemoved: 0 });
    expect(existsSync(join(dir, ASTRO_STATE.manifest))).toBe(true);
  });

  test('after an unfinished build the page keys go, and so do images no finished build recorded', async () => {
    const objects = objectStore();
    await astroFiles(dir);
    const astro = recordAstroState(dir, objects, null);
    await writeFile(join(dir, ASTRO_STATE.assets, 'photo_b.webp'), 'half an ima');
    const recovery = recoverAstroState(dir, { ...EMPTY_SNAPSHOT, astro, building: { pid: 1, since: 'then' } }, objects);
    expect(recovery).toEqual({ pagesReset: true, assetsRemoved: 1 });
    expect(existsSync(join(dir, ASTRO_STATE.manifest))).toBe(false);
    expect(await readdir(join(dir, ASTRO_STATE.assets))).toEqual(['photo_a.webp']);
  });

  test.each(Object.entries(DAMAGE))('a %s page-key file or content store is not used', async (how, damage) => {
    const objects = objectStore();
    await astroFiles(dir);
    const snapshot = { ...EMPTY_SNAPSHOT, astro: recordAstroState(dir, objects, null) };
    await damage(join(dir, ASTRO_STATE.manifest));
    await damage(join(dir, ASTRO_STATE.dataStore));
    expect(recoverAstroState(dir, snapshot, objects).pagesReset).toBe(how !== 'deleted');
    expect(existsSync(join(dir, ASTRO_STATE.manifest))).toBe(false);
    expect(existsSync(join(dir, ASTRO_STATE.dataStore))).toBe(false);
  });

  test('an image list of another shape (an earlier version) is no list: the cache is cut again, no crash', async () => {
    const objects = objectStore();
    await astroFiles(dir);
    const snapshot = { ...EMPTY_SNAPSHOT, astro: { manifest: null, dataStore: null, assets: objects.put('["photo_a.webp"]') } };
    expect(recoverAstroState(dir, snapshot, objects).assetsRemoved).toBe(1);
    expect(await removeDamagedAssets(dir, snapshot, objects)).toBe(0);
  });

  test('a cached image of another size than recorded (cut short, replaced) is removed; the others stay', async () => {
    const objects = objectStore();
    await astroFiles(dir);
    await writeFile(join(dir, ASTRO_STATE.assets, 'photo_b.webp'), 'another image');
    const snapshot = { ...EMPTY_SNAPSHOT, astro: recordAstroState(dir, objects, null) };
    await writeFile(join(dir, ASTRO_STATE.assets, 'photo_b.webp'), 'another im');
    expect(await removeDamagedAssets(dir, snapshot, objects)).toBe(1);
    expect(await readdir(join(dir, ASTRO_STATE.assets))).toEqual(['photo_a.webp']);
    // Recorded again, an unchanged image keeps the size measured before.
    const again = recordAstroState(dir, objects, snapshot.astro);
    expect(JSON.parse(objects.get(again.assets!)!.toString())).toEqual([['photo_a.webp', 5]]);
  });

  test('a stale copy of the page keys (of an earlier build) is not used', async () => {
    const objects = objectStore();
    await astroFiles(dir);
    const old = await readFile(join(dir, ASTRO_STATE.manifest));
    await writeFile(join(dir, ASTRO_STATE.manifest), '{"version":1,"routes":{"newer":{}}}');
    const snapshot = { ...EMPTY_SNAPSHOT, astro: recordAstroState(dir, objects, null) };
    await writeFile(join(dir, ASTRO_STATE.manifest), old);
    expect(recoverAstroState(dir, snapshot, objects).pagesReset).toBe(true);
  });
});

describe('SearchBundles', () => {
  async function bundle(bundles: SearchBundles, key: string) {
    await mkdir(join(bundles.path(key), 'fragment'), { recursive: true });
    await writeFile(join(bundles.path(key), 'pagefind-entry.json'), '{"version":"1"}');
    await writeFile(join(bundles.path(key), 'fragment', 'en_1.pf_fragment'), 'fragment bytes');
    bundles.record(key);
  }

  test('copies a recorded bundle into the output as new files, never links', async () => {
    const bundles = new SearchBundles(join(dir, 'search'), objectStore(), {});
    expect(bundles.has('k1')).toBe(false);
    await bundle(bundles, 'k1');
    expect(bundles.has('k1')).toBe(true);
    const target = join(dir, 'dist/pagefind/0');
    expect(bundles.copyTo('k1', target)).toBe(true);
    expect(await readFile(join(target, 'fragment/en_1.pf_fragment'), 'utf8')).toBe('fragment bytes');
    expect(statSync(join(target, 'pagefind-entry.json')).ino).not.toBe(statSync(join(bundles.path('k1'), 'pagefind-entry.json')).ino);
    // Writing to the output leaves the cache as it was.
    await writeFile(join(target, 'pagefind-entry.json'), 'changed in the output');
    expect(bundles.copyTo('k1', target)).toBe(true);
    expect(await readFile(join(target, 'pagefind-entry.json'), 'utf8')).toBe('{"version":"1"}');
  });

  test('a copy over an earlier one leaves equal files alone, writes the others and removes what the bundle has not', async () => {
    const bundles = new SearchBundles(join(dir, 'search'), objectStore(), {});
    await bundle(bundles, 'k1');
    await writeFile(join(bundles.path('k1'), 'fragment', 'en_2.pf_fragment'), 'second fragment');
    await writeFile(join(bundles.path('k1'), 'fragment', 'en_3.pf_fragment'), 'third fragment');
    bundles.record('k1');
    const target = join(dir, 'dist/pagefind/0');
    expect(bundles.copyTo('k1', target)).toBe(true);
    const kept = statSync(join(target, 'fragment/en_1.pf_fragment'));
    // What an earlier build or a killed one may have left: changed bytes, strays, a link to the
    // cache's copy, a symbolic link, a folder where a file goes.
    await writeFile(join(target, 'pagefind-entry.json'), '{"version":"0"}');
    await writeFile(join(target, 'fragment', 'en_9.pf_fragment'), 'stray');
    await mkdir(join(target, 'old', 'deep'), { recursive: true });
    await writeFile(join(target, 'old', 'deep', 'file'), 'stray');
    await rm(join(target, 'fragment', 'en_2.pf_fragment'));
    await link(join(bundles.path('k1'), 'fragment', 'en_2.pf_fragment'), join(target, 'fragment', 'en_2.pf_fragment'));
    await rm(join(target, 'fragment', 'en_3.pf_fragment'));
    await symlink(join(bundles.path('k1'), 'fragment', 'en_3.pf_fragment'), join(target, 'fragment', 'en_3.pf_fragment'));
    await symlink(join(dir, 'elsewhere'), join(target, 'fragment', 'en_8.pf_fragment'));
    expect(bundles.copyTo('k1', target)).toBe(true);
    const listing = async (folder: string) => (await readdir(folder, { recursive: true })).sort();
    expect(await listing(target)).toEqual(await listing(bundles.path('k1')));
    for (const file of await listing(bundles.path('k1'))) {
      const stat = lstatSync(join(target, file));
      if (stat.isDirectory()) continue;
      expect(stat.isFile(), file).toBe(true);
      expect(stat.nlink, file).toBe(1);
      expect(await readFile(join(target, file))).toEqual(await readFile(join(bundles.path('k1'), file)));
    }
    // The file that was equal was not written again.
    const after = statSync(join(target, 'fragment/en_1.pf_fragment'));
    expect([after.ino, after.mtimeMs]).toEqual([kept.ino, kept.mtimeMs]);
    // A folder where a file goes: the copy is written afresh.
    await rm(join(target, 'pagefind-entry.json'));
    await mkdir(join(target, 'pagefind-entry.json', 'inside'), { recursive: true });
    expect(bundles.copyTo('k1', target)).toBe(true);
    expect(await listing(target)).toEqual(await listing(bundles.path('k1')));
    expect(await readFile(join(target, 'pagefind-entry.json'), 'utf8')).toBe('{"version":"1"}');
  });

  test.each(Object.entries(DAMAGE))('a %s file of a bundle refuses the copy and drops the bundle', async (_how, damage) => {
    const bundles = new SearchBundles(join(dir, 'search'), objectStore(), {});
    await bundle(bundles, 'k1');
    await damage(join(bundles.path('k1'), 'fragment', 'en_1.pf_fragment'));
    const target = join(dir, 'dist/pagefind/0');
    expect(bundles.copyTo('k1', target)).toBe(false);
    expect(existsSync(target)).toBe(false);
    expect(bundles.has('k1')).toBe(false);
    expect(existsSync(bundles.path('k1'))).toBe(false);
  });

  test('a bundle without a recorded file list (an indexing run that was killed) does not count, and goes', async () => {
    const bundles = new SearchBundles(join(dir, 'search'), objectStore(), {});
    await mkdir(bundles.path('half'), { recursive: true });
    await writeFile(join(bundles.path('half'), 'pagefind-entry.json'), '{');
    expect(bundles.has('half')).toBe(false);
    await bundle(bundles, 'k1');
    bundles.keepOnly(new Set(['k1']));
    expect(await readdir(join(dir, 'search'))).toEqual(['k1']);
  });
});

describe('BuildState', () => {
  test('one instance per cache folder in a process, shared by every module copy', () => {
    expect(BuildState.open(dir)).toBe(BuildState.open(`${dir}/`));
  });

  test('committing content keeps what is named and removes what is not', async () => {
    const state = BuildState.open(dir, () => {});
    const articles = state.articles();
    articles.set('ab12', entry(state.objects, '<p>kept</p>'));
    const orphan = state.objects.put('a pack of a run that was killed');
    state.commitContent();
    expect(existsSync(state.objects.path(orphan))).toBe(false);
    BuildState.forgetAll();
    const reopened = BuildState.open(dir, () => {});
    const kept = reopened.articles().get('ab12');
    expect(kept && reopened.articles().readBody(kept.body)).toBe('<p>kept</p>');
  });

  test('pruning removes what an earlier version or a killed writer left in the folder, and keeps the lock', async () => {
    const state = BuildState.open(dir, () => {});
    state.articles().set('ab12', entry(state.objects, '<p>kept</p>'));
    state.lock('check');
    await mkdir(join(state.folder, 'articles'), { recursive: true });
    await writeFile(join(state.folder, 'articles.json'), '{}');
    await writeFile(join(state.folder, 'snapshot.json.123-0.tmp'), 'half');
    state.commitContent();
    expect((await readdir(state.folder)).sort()).toEqual(['lock', 'objects', 'snapshot.json']);
    state.unlock();
  });

  test('a build marked as started and never finished is reported by the next one, which resets the page keys', async () => {
    const state = BuildState.open(dir, () => {});
    await writeFile(join(dir, ASTRO_STATE.manifest), '{}');
    state.markBuilding();
    BuildState.forgetAll();
    const next = BuildState.open(dir, () => {});
    const recovery = next.recover();
    expect(recovery.unfinished).toMatchObject({ pid: process.pid });
    expect(recovery.pagesReset).toBe(true);
    expect(next.snapshot.building).toBeNull();
    expect(readSnapshot(join(dir, 'dateline', 'snapshot.json'))?.building).toBeNull();
  });
});

describe('the output table', () => {
  test('made from the listing of earlier in the build, it is the one a walk of the folder makes; the relisted entries are read again', async () => {
    const outDir = join(dir, 'dist');
    const files: Record<string, string> = {
      'index.html': 'home',
      'national/a/index.html': 'a',
      'national/b/index.html': 'b',
      'national/page/2/index.html': 'page 2',
      'pagefind/0/pagefind-entry.json': 'shard 0',
      'sitemap-0.xml': 'sitemap',
      '_astro/site.1234.css': 'css',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(outDir, path, '..'), { recursive: true });
      await writeFile(join(outDir, path), text);
    }
    const relisted = (name: string) => ['_astro', 'pagefind', 'sitemap-0.xml', 'sitemap-index.xml'].includes(name);
    const listing = { files: Object.keys(files).filter((path) => !relisted(path.split('/')[0]!)), relisted };
    // After the listing, the integrations that own those entries write into them.
    await writeFile(join(outDir, 'pagefind/0/pagefind-entry.json'), 'shard 0, indexed again');
    await mkdir(join(outDir, 'pagefind/1'), { recursive: true });
    await writeFile(join(outDir, 'pagefind/1/pagefind-entry.json'), 'shard 1');
    await writeFile(join(outDir, 'sitemap-index.xml'), 'index');

    const withListing = recordOutput(outDir, new ObjectStore(join(dir, 'a', 'objects')), null, join(dir, 'a'), listing);
    const walked = recordOutput(outDir, new ObjectStore(join(dir, 'b', 'objects')), null, join(dir, 'b'));
    expect(withListing.table).toBe(walked.table);
    expect(withListing.manifest).toEqual(walked.manifest);
    // With the listed files' sizes and times read on a worker thread: the same table. One file's
    // are missing (NaN) and one's are wrong, as if it had changed after they were read.
    const stats = await statFilesOffThread(outDir, listing.files);
    expect([...stats]).toEqual([...statFiles(outDir, listing.files)]);
    expect([...statFiles(outDir, ['index.html', 'gone.html'])].slice(2)).toEqual([NaN, NaN]);
    const withStats = recordOutput(outDir, new ObjectStore(join(dir, 'c', 'objects')), null, join(dir, 'c'), { ...listing, stats });
    expect(withStats.table).toBe(walked.table);
    stats[0] = NaN;
    stats[3] = 0;
    const mixed = recordOutput(outDir, new ObjectStore(join(dir, 'd', 'objects')), null, join(dir, 'd'), { ...listing, stats });
    const rows = (id: string, folder: string) =>
      (JSON.parse(new ObjectStore(join(dir, folder, 'objects')).get(id)!.toString()) as { files: [string, number, number, string][] })
        .files;
    const walkedRows = rows(walked.table, 'b');
    expect(rows(mixed.table, 'd')).toEqual(walkedRows.map((row) => (row[0] === listing.files[1] ? [row[0], row[1], 0, row[3]] : row)));
    expect(walked.manifest.added).toEqual([
      '_astro/site.1234.css',
      'index.html',
      'national/a/index.html',
      'national/b/index.html',
      'national/page/2/index.html',
      'pagefind/0/pagefind-entry.json',
      'pagefind/1/pagefind-entry.json',
      'sitemap-0.xml',
      'sitemap-index.xml',
    ]);
  });
});
