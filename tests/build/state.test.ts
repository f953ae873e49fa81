import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { walkFiles } from '../../src/io/walk.ts';
import { ASTRO_STATE } from '../../src/store/astro-state.ts';
import { BuildState } from '../../src/store/build-state.ts';
import { DeployManifestSchema, deployFiles } from '../../src/store/output-table.ts';
import {
  ASTRO_BIN,
  buildEnvironment,
  buildSite,
  cleanEnvironment,
  hashTree,
  PROJECT_ROOT,
  TMP_ROOT,
  type BuildResult,
} from '../helpers/build.ts';
import { makeSource } from '../helpers/factories.ts';

/**
 * The build state's promise: whatever happened before it (a build killed at any point, a damaged
 * or stale state file, a second build at once), a build ends byte-identical to a clean build of
 * the same content, and the output never shares bytes with the cache.
 */

const CONTENT = join(TMP_ROOT, 'state-content');
/** Search shards of two stories: edits leave some shards unchanged. */
const ENV = { DATELINE_SEARCH_SHARD_SIZE: '2' };
const IMAGE = { src: '/media/photo.jpg', alt: 'A photo' };

async function write(folder: string, path: string, fields: Record<string, unknown>, body = 'Body text.\n') {
  await mkdir(dirname(join(folder, path)), { recursive: true });
  await writeFile(join(folder, path), makeSource(fields, body));
}

/** Content A: five stories in two sections, one with an image, tags shared. */
async function writeContentA(folder: string) {
  await rm(folder, { recursive: true, force: true });
  await mkdir(join(folder, 'media'), { recursive: true });
  await copyFile(join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg'), join(folder, 'media/photo.jpg'));
  await write(folder, 'a.md', { title: 'Story A', date: '2025-03-19T10:00', tags: ['Trade'] });
  await write(folder, 'b.md', { title: 'Story B', date: '2025-03-18T10:00', tags: ['Trade'], image: IMAGE });
  await write(folder, 'c.md', { title: 'Story C', date: '2025-03-17T10:00', byline: 'Jane Doe' });
  await write(folder, 'd.md', { title: 'Story D', date: '2025-03-16T10:00', byline: 'Jane Doe' }, 'See [Story C](c.md).\n');
  await write(folder, 'w.md', { title: 'Story W', section: 'world', date: '2025-03-15T10:00' });
}

/** Content B: A with a headline changed, a story renamed and another deleted. */
async function editToContentB(folder: string) {
  await write(folder, 'b.md', { title: 'Story B, withdrawn headline', date: '2025-03-18T10:00', tags: ['Trade'], image: IMAGE });
  await rm(join(folder, 'c.md'));
  await write(folder, 'c-renamed.md', { title: 'Story C', date: '2025-03-17T10:00', byline: 'Jane Doe' });
  await write(folder, 'd.md', { title: 'Story D', date: '2025-03-16T10:00', byline: 'Jane Doe' }, 'See [Story C](c-renamed.md).\n');
  await rm(join(folder, 'w.md'));
}

const build = (
  name: string,
  env: Record<string, string> = {},
  options: Parameters<typeof buildSite>[3] = { keepCache: true, keepOutput: true },
) => buildSite(name, CONTENT, { ...ENV, ...env }, options);

/** Clean builds of content A and of content B, to compare with. */
const clean: Record<'a' | 'b', Record<string, string>> = { a: {}, b: {} };

beforeAll(async () => {
  await writeContentA(CONTENT);
  const a = await build('state-clean-a', {}, {});
  expect(a.status, a.output).toBe(0);
  clean.a = await hashTree(a.outDir);
  await editToContentB(CONTENT);
  const b = await build('state-clean-b', {}, {});
  expect(b.status, b.output).toBe(0);
  clean.b = await hashTree(b.outDir);
  expect(clean.b).not.toEqual(clean.a);
}, 300_000);

/** Gives `name` the cache and output of the clean build of content A, and puts content A back. */
async function startFromContentA(name: string): Promise<BuildResult> {
  await writeContentA(CONTENT);
  const folder = join(TMP_ROOT, name);
  await rm(folder, { recursive: true, force: true });
  await cp(join(TMP_ROOT, 'state-clean-a'), folder, { recursive: true, verbatimSymlinks: true });
  return { status: 0, output: '', outDir: join(folder, 'dist'), cacheDir: join(folder, 'cache') };
}

/** A copy of `name`'s cache and output, to run two builds from the same state. */
async function saveState(name: string): Promise<() => Promise<void>> {
  const folder = join(TMP_ROOT, name);
  const copy = join(TMP_ROOT, `${name}-saved`);
  await rm(copy, { recursive: true, force: true });
  await cp(folder, copy, { recursive: true, verbatimSymlinks: true });
  return async () => {
    await rm(folder, { recursive: true, force: true });
    await cp(copy, folder, { recursive: true, verbatimSymlinks: true });
  };
}

describe('a build killed with SIGKILL', { timeout: 900_000 }, () => {
  test.each([
    ['while the content is synced', 'sync'],
    ['while pages render', 'render:4'],
    ['after the pages, before the steps after them', 'pages-done'],
    ['while the search index is written', 'search'],
  ])('%s: the next build, of the same content or of the content before, is byte-identical to a clean build', async (_when, point) => {
    const name = `state-kill-${point.replace(':', '-')}`;
    await startFromContentA(name);
    await editToContentB(CONTENT);
    const killed = await build(name, { DATELINE_FAILPOINT: point });
    expect(killed.status, `the build was killed at ${point}:\n${killed.output}`).toBeNull();
    const restore = await saveState(name);

    // (a) The same content again.
    const same = await build(name);
    expect(same.status, same.output).toBe(0);
    expect(await hashTree(same.outDir)).toEqual(clean.b);
    if (point.startsWith('render')) {
      expect(same.output).toMatch(/the last build here did not finish \(pid \d+, started [^)]+\): none of its pages is reused/);
      expect(same.output).toMatch(/A build that did not finish \(pid \d+, since [^)]+\) left its lock; it was removed/);
    }

    // (b) The content put back as the first build had it.
    await restore();
    await writeContentA(CONTENT);
    const reverted = await build(name);
    expect(reverted.status, reverted.output).toBe(0);
    expect(await hashTree(reverted.outDir)).toEqual(clean.a);
    if (point.startsWith('render')) {
      // And when the output folder is gone too, as in CI, which keeps only the cache.
      await restore();
      const fresh = await build(name, {}, { keepCache: true });
      expect(fresh.status, fresh.output).toBe(0);
      expect(await hashTree(fresh.outDir)).toEqual(clean.a);
    }
  });
});

/** The build state's files of a cache folder, by kind: what the damage test damages in turn. */
function stateFiles(cacheDir: string): Record<string, string> {
  BuildState.forgetAll();
  const state = BuildState.open(cacheDir, () => {});
  const { snapshot } = state;
  const chunk = Object.values(snapshot.articles)[0]!;
  const entry = [...state.articles().entries().values()].find((item) => item.record.image)!;
  const bundleKey = Object.keys(snapshot.searchBundles)[0]!;
  const bundleFiles = walkFiles(state.searchBundles().path(bundleKey));
  const files = {
    snapshot: join(state.folder, 'snapshot.json'),
    'an article record chunk': state.objects.path(chunk),
    'a body pack': state.objects.path(entry.body.pack),
    'the file index': state.objects.path(Object.values(snapshot.files)[0]!),
    'a search bundle file list': state.objects.path(snapshot.searchBundles[bundleKey]!),
    'a search bundle file': join(
      state.searchBundles().path(bundleKey),
      bundleFiles.find((file) => file.includes('fragment'))!,
    ),
    'the image-cache list': state.objects.path(snapshot.astro!.assets!),
    "Astro's page keys": join(cacheDir, ASTRO_STATE.manifest),
    "Astro's content store": join(cacheDir, ASTRO_STATE.dataStore),
    'a cached image': join(cacheDir, ASTRO_STATE.assets, readdirSync(join(cacheDir, ASTRO_STATE.assets))[0]!),
  };
  BuildState.forgetAll();
  return files;
}

const DAMAGE = {
  truncated: async (path) => truncate(path, Math.floor(statSync(path).size / 2)),
  garbage: async (path) => writeFile(path, 'garbage'),
  'overwritten with other bytes of the same size': async (path) => {
    const bytes = await readFile(path);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x20;
    await writeFile(path, bytes);
  },
  'a stale copy from the state of other content': async (path, stale) => {
    if (existsSync(stale)) await copyFile(stale, path);
    else await writeFile(path, 'not there in the other state');
  },
  deleted: async (path) => rm(path, { force: true }),
} satisfies Record<string, (path: string, stale: string) => Promise<void>>;

/**
 * Which damage each state file gets in `npm test`: the one most likely to do harm if it went
 * unnoticed, every kind of damage used at least once. `DATELINE_STATE_MATRIX=full` damages every
 * file in every way (50 builds).
 */
const LIKELY_HARM: Record<string, keyof typeof DAMAGE> = {
  snapshot: 'a stale copy from the state of other content',
  'an article record chunk': 'overwritten with other bytes of the same size',
  'a body pack': 'overwritten with other bytes of the same size',
  'the file index': 'garbage',
  'a search bundle file list': 'deleted',
  'a search bundle file': 'overwritten with other bytes of the same size',
  'the image-cache list': 'truncated',
  "Astro's page keys": 'a stale copy from the state of other content',
  "Astro's content store": 'garbage',
  'a cached image': 'truncated',
};

function damageCases(files: readonly string[]): [file: string, how: string][] {
  if (process.env['DATELINE_STATE_MATRIX'] === 'full')
    return files.flatMap((file) => Object.keys(DAMAGE).map((how): [string, string] => [file, how]));
  return files.map((file): [string, string] => [file, LIKELY_HARM[file]!]);
}

describe('a damaged build state', { timeout: 1_800_000 }, () => {
  test('every state file damaged in turn (truncated, garbage, same-size overwrite, stale copy, deleted): the next build is byte-identical to a clean build', async () => {
    // The state of content B, to take stale copies from.
    const otherFiles = stateFiles(join(TMP_ROOT, 'state-clean-b', 'cache'));

    const name = 'state-damage';
    const first = await startFromContentA(name);
    const restore = await saveState(name);
    const files = stateFiles(first.cacheDir);
    const cases = damageCases(Object.keys(files));
    for (const [index, [kind, how]] of cases.entries()) {
      await restore();
      const path = files[kind]!;
      await DAMAGE[how as keyof typeof DAMAGE](path, otherFiles[kind]!);
      // Every third case without the output folder, as in CI when only the cache is kept.
      const keepOutput = index % 3 !== 2;
      const next = await build(name, {}, { keepCache: true, keepOutput });
      const label = `${kind} ${how}${keepOutput ? '' : ', no output folder'}`;
      expect(next.status, `${label}:\n${next.output}`).toBe(0);
      expect(await hashTree(next.outDir), label).toEqual(clean.a);
    }
    expect(new Set(cases.map(([, how]) => how))).toEqual(new Set(Object.keys(DAMAGE)));
  });
});

/** Every (device, inode) of the files under `dir`. */
function inodes(dir: string): Set<string> {
  return new Set(
    walkFiles(dir).map((file) => {
      const stat = statSync(join(dir, file));
      return `${stat.dev}:${stat.ino}`;
    }),
  );
}

describe('the output and the cache', { timeout: 600_000 }, () => {
  test('share no file: writing to the output never changes the cache, and a build after it is byte-identical to a clean one', async () => {
    const first = await startFromContentA('state-inodes');
    const again = await build('state-inodes', {}, { keepCache: true });
    for (const result of [first, again]) {
      const cache = inodes(result.cacheDir);
      for (const inode of inodes(result.outDir)) expect(cache.has(inode)).toBe(false);
    }
    // Damage every deployed search file, then build again from the cache alone.
    for (const file of walkFiles(join(again.outDir, 'pagefind')))
      await writeFile(join(again.outDir, 'pagefind', file), 'damaged in the output');
    await rm(again.outDir, { recursive: true, force: true });
    const next = await build('state-inodes', {}, { keepCache: true });
    expect(next.status, next.output).toBe(0);
    expect(await hashTree(next.outDir)).toEqual(clean.a);
  });
});

describe('files no build produced', { timeout: 600_000 }, () => {
  test('put in the output folder by hand or left by an unfinished bundle, are removed with the folders they leave empty: the next build is byte-identical to a clean one', async () => {
    const first = await startFromContentA('state-strays');
    const page = walkFiles(first.outDir).find((file) => /^national\/[^/]+\/index\.html$/.test(file))!;
    const strays = [
      'stray.html',
      `${dirname(page)}/notes.txt`,
      'old-section/story/index.html',
      '.prerender/chunks/left.mjs',
      'deep/a/b/c.txt',
    ];
    for (const file of strays) {
      await mkdir(dirname(join(first.outDir, file)), { recursive: true });
      await writeFile(join(first.outDir, file), 'not produced by any build');
    }
    const next = await build('state-strays');
    expect(next.status, next.output).toBe(0);
    expect(next.output).toContain(`${strays.length} files this build did not produce removed from the output`);
    // Found by the listing made while the build ran, not by listing again at the end.
    expect(next.output).not.toContain('the output folder is listed again');
    expect(await hashTree(next.outDir)).toEqual(clean.a);
    for (const folder of ['old-section', '.prerender', 'deep']) expect(existsSync(join(next.outDir, folder))).toBe(false);
  });
});

describe('the deploy manifest', { timeout: 600_000 }, () => {
  test('names what a build added, changed and removed since the last finished build, and nothing else', async () => {
    await startFromContentA('state-deploy');
    const first = await build('state-deploy');
    expect(first.status, first.output).toBe(0);
    const files = deployFiles(join(first.cacheDir, 'dateline'));
    const read = async () => DeployManifestSchema.parse(JSON.parse(await readFile(files.manifest, 'utf8')));
    // Copied from another folder: nothing to compare with, every file is to be sent.
    expect(await read()).toMatchObject({ incremental: false, removed: [], changed: [], unchanged: 0 });

    await write(CONTENT, 'd.md', { title: 'Story D', date: '2025-03-16T10:00', byline: 'Jane Doe' }, 'A new body. See [Story C](c.md).\n');
    const edited = await build('state-deploy');
    expect(edited.status, edited.output).toBe(0);
    const afterEdit = await read();
    expect(afterEdit.incremental).toBe(true);
    expect(afterEdit.changed).toContain('national/d/index.html');
    // Besides the story's page, only files of its search shard (whose names carry their content's hash).
    const others = [...afterEdit.added, ...afterEdit.changed, ...afterEdit.removed].filter((file) => file !== 'national/d/index.html');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((file) => !/^pagefind\/\d+\//.test(file))).toEqual([]);
    expect(afterEdit.unchanged).toBeGreaterThan(50);
    expect(await readFile(files.upload, 'utf8')).toBe([...afterEdit.added, ...afterEdit.changed].map((file) => `${file}\n`).join(''));

    await rm(join(CONTENT, 'w.md'));
    const deleted = await build('state-deploy');
    expect(deleted.status, deleted.output).toBe(0);
    const afterDelete = await read();
    expect(afterDelete.removed).toContain('world/w/index.html');
    expect(await readFile(files.remove, 'utf8')).toContain('world/w/index.html\n');
  });
});

/** Starts a build of `name` without waiting; resolves with its exit status and output when it ends. */
function startBuild(name: string, env: Record<string, string> = {}) {
  const outDir = join(TMP_ROOT, name, 'dist');
  const cacheDir = join(TMP_ROOT, name, 'cache');
  const child = spawn(process.execPath, [ASTRO_BIN, 'build'], {
    cwd: PROJECT_ROOT,
    env: buildEnvironment(name, CONTENT, { ...ENV, ...env }),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ status: number | null; output: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, output })),
  );
  return { child, done, outDir, cacheDir };
}

describe('one build at a time', { timeout: 600_000 }, () => {
  test('a second build or check while one runs stops at once, naming the one running; the first is unharmed', async () => {
    await startFromContentA('state-lock');
    await editToContentB(CONTENT);
    const running = startBuild('state-lock');
    const lock = join(running.cacheDir, 'dateline', 'lock');
    for (let waited = 0; !existsSync(lock); waited += 50) {
      expect(waited, 'the first build takes the lock').toBeLessThan(60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = await build('state-lock');
    expect(second.status).not.toBe(0);
    expect(second.output).toMatch(new RegExp(`another build is running here \\(pid ${running.child.pid}, since \\d{4}-\\d\\d-\\d\\dT`));
    const check = spawnSync(process.execPath, ['scripts/check.ts', '--content', relative(PROJECT_ROOT, CONTENT)], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...cleanEnvironment(process.env), DATELINE_CACHE_DIR: running.cacheDir },
    });
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/another build is running here \(pid \d+/);
    const first = await running.done;
    expect(first.status, first.output).toBe(0);
    expect(await hashTree(running.outDir)).toEqual(clean.b);
    expect(existsSync(lock)).toBe(false);
  });

  test('a lock left by a killed build is taken over', async () => {
    await startFromContentA('state-stale-lock');
    const killed = await build('state-stale-lock', { DATELINE_FAILPOINT: 'render:1' });
    expect(killed.status).toBeNull();
    expect(existsSync(join(killed.cacheDir, 'dateline', 'lock'))).toBe(true);
    const next = await build('state-stale-lock');
    expect(next.status, next.output).toBe(0);
    expect(next.output).toMatch(/A build that did not finish \(pid \d+, since [^)]+\) left its lock; it was removed/);
  });
});
