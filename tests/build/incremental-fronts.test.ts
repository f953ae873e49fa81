import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selectAll } from 'hast-util-select';
import { describe, expect, test } from 'vitest';
import { buildSite, PROJECT_ROOT, readPage, TMP_ROOT } from '../helpers/build.ts';
import { makeSource } from '../helpers/factories.ts';
import { buildBoth, everyHtml, expectSameAsClean, type IncrementalRun } from '../helpers/incremental.ts';

/**
 * Incremental builds stay identical to clean builds through the editors' front desk: a pin, a
 * second pin taken off, a pin that expires, a banner put up and taken down, and new bytes for a
 * section's fallback image. (Front files added and a banner's expiry run in `incremental.test.ts`,
 * with the other kinds of edit.)
 */
const CONTENT = join(TMP_ROOT, 'incremental-fronts-content');
/** Search shards of two stories, so that edits leave some shards unchanged. */
const RUN: IncrementalRun = { name: 'incremental-fronts', content: CONTENT, env: { DATELINE_SEARCH_SHARD_SIZE: '2' } };
const EPOCH = String(Date.UTC(2025, 2, 20, 12) / 1000);
/** After the first pin's time (2025-03-21 00:00 in the newsroom's zone). */
const AFTER_PIN = String(Date.UTC(2025, 2, 22, 12) / 1000);
const FIRST_PIN = '  - story: h\n    until: 2025-03-21T00:00\n';
const SECOND_PIN = '  - story: /national/g/\n    until: 2030-01-01T00:00\n';
const BANNER = 'banner:\n  text: Roads closed downtown\n  link: /national/b/\n  until: 2030-01-01T00:00\n';

async function write(name: string, title: string, date: string, extra: Record<string, unknown> = {}) {
  await writeFile(join(CONTENT, `${name}.md`), makeSource({ title, date, ...extra }, 'Body text.\n'));
}

/** The home page's top stories, after the lead, in order. */
const homeTop = async (outDir: string) =>
  selectAll('.front-top-list .card-title a', (await readPage(outDir, '/')).tree).map((node) => String(node.properties['href']));

/** The image files A's card shows on the National front (its section's fallback image). */
async function fallbackOfA(outDir: string): Promise<string[]> {
  const { tree } = await readPage(outDir, '/national/');
  const card = selectAll('.card, .front-lead', tree).find((node) =>
    selectAll('a', node).some((link) => link.properties['href'] === '/national/a/'),
  );
  expect(card, 'A is on the National front').toBeDefined();
  return selectAll('img', card!).map((node) => String(node.properties['src']));
}

describe('incremental builds of fronts', { timeout: 900_000 }, () => {
  test('stay identical to clean builds through pins, banners and fallback images', async () => {
    await rm(CONTENT, { recursive: true, force: true });
    await rm(join(TMP_ROOT, RUN.name), { recursive: true, force: true });
    await mkdir(join(CONTENT, 'fronts'), { recursive: true });
    await mkdir(join(CONTENT, 'media'), { recursive: true });
    await copyFile(join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg'), join(CONTENT, 'media/photo.jpg'));
    // Six National stories, newest first A to H; only B has its own image.
    await write('a', 'Story A', '2025-03-19T10:00');
    await write('b', 'Story B', '2025-03-18T10:00', { image: { src: '/media/photo.jpg', alt: 'A photo' } });
    await write('c', 'Story C', '2025-03-17T10:00');
    await write('d', 'Story D', '2025-03-16T10:00');
    await write('g', 'Story G', '2025-03-15T10:00');
    await write('h', 'Story H', '2025-03-14T10:00');
    await write('w', 'Story W', '2025-03-13T10:00', { section: 'world' });
    await copyFile(join(PROJECT_ROOT, 'content/fronts/national.jpg'), join(CONTENT, 'fronts/national.jpg'));
    await writeFile(join(CONTENT, 'fronts/national.yaml'), 'fallbackAlt: A maple leaf.\n');
    const first = await buildSite(RUN.name, CONTENT, { ...RUN.env, SOURCE_DATE_EPOCH: EPOCH });
    expect(first.status, first.output).toBe(0);
    expect(await homeTop(first.outDir)).toEqual(['/national/b/', '/national/c/', '/national/d/', '/national/g/']);

    // Pins: H until a time, G until later; both come right after the lead, in the file's order.
    const home = (pins: string, banner = '') => writeFile(join(CONTENT, 'fronts/home.yaml'), `pinned:\n${pins}${banner}`);
    await home(FIRST_PIN + SECOND_PIN);
    let builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await homeTop(builds.incremental.outDir)).toEqual(['/national/h/', '/national/g/', '/national/b/', '/national/c/']);

    // A banner goes up on the home page and the fronts, not on story pages.
    await home(FIRST_PIN + SECOND_PIN, BANNER);
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    for (const path of ['/', '/national/', '/world/']) {
      expect((await readPage(builds.incremental.outDir, path)).html, path).toContain('Roads closed downtown');
    }
    expect((await readPage(builds.incremental.outDir, '/national/a/')).html).not.toContain('Roads closed downtown');

    // Unpin G: it goes back to its place among the latest.
    await home(FIRST_PIN, BANNER);
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await homeTop(builds.incremental.outDir)).toEqual(['/national/h/', '/national/b/', '/national/c/', '/national/d/']);

    // New bytes for the National fallback image: new image files on every card that shows it.
    const before = await fallbackOfA(builds.incremental.outDir);
    expect(before.length, 'A has no image of its own: its card shows the fallback').toBeGreaterThan(0);
    await copyFile(join(PROJECT_ROOT, 'content/fronts/community.jpg'), join(CONTENT, 'fronts/national.jpg'));
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    const after = await fallbackOfA(builds.incremental.outDir);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((src) => before.includes(src))).toEqual([]);

    // The banner comes down.
    await home(FIRST_PIN);
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await everyHtml(builds.incremental.outDir)).not.toContain('Roads closed downtown');

    // H's pin expires: the first build after its time shows the latest again.
    builds = await buildBoth(RUN, AFTER_PIN);
    await expectSameAsClean(builds);
    expect(await homeTop(builds.incremental.outDir)).toEqual(['/national/b/', '/national/c/', '/national/d/', '/national/g/']);
  });
});
