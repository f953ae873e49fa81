import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite, PROJECT_ROOT, readPage, TMP_ROOT } from '../helpers/build.ts';
import { makeSource } from '../helpers/factories.ts';
import { buildBoth, everyHtml, expectSameAsClean, withoutColours, type IncrementalRun } from '../helpers/incremental.ts';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { findBrokenLinks } from '../../scripts/quality/links.ts';
import { siteConfig } from '../../src/site.config.ts';

/**
 * Incremental builds never go stale: after every kind of edit, a build that reuses the previous
 * build's caches (content cache and Astro's page cache) and its output folder produces exactly the
 * files a clean build of the same content does, byte for byte, while leaving unchanged pages in
 * place; and so does one that starts from an empty output folder (as in CI, where only the cache
 * is kept), restoring unchanged pages from the cache.
 */
const CONTENT = join(TMP_ROOT, 'incremental-content');
const EPOCH = String(Date.UTC(2025, 2, 20, 12) / 1000);
const IMAGE = { src: '/media/photo.jpg', alt: 'A photo' };
/** Search shards of two stories, so that edits leave some shards unchanged. */
const ENV = { DATELINE_SEARCH_SHARD_SIZE: '2' };
const RUN: IncrementalRun = { name: 'incremental', content: CONTENT, env: ENV };
const AFTER_EMBARGO = String(Date.UTC(2025, 2, 22, 12) / 1000);
/** A body with a figure of the photo: it goes through the image pipeline like a lead image. */
const FIGURE_BODY = 'Body text.\n\n:::figure{credit="Staff"}\n![A photo](/media/photo.jpg)\n\nA caption.\n:::\n';
/** The profile of the stories' byline, Darpan News Desk, with the photo and a role. */
const profile = (role: string, links = '') =>
  `name: Darpan News Desk\nrole: ${role}\nphoto:\n  src: ../media/photo.jpg\n  alt: The desk\n${links}`;

async function write(path: string, fields: Record<string, unknown>, body = 'Body text.\n') {
  await mkdir(dirname(join(CONTENT, path)), { recursive: true });
  await writeFile(join(CONTENT, path), makeSource(fields, body));
}

const railOf = async (outDir: string, path: string) =>
  selectAll('.rail .card-title a', (await readPage(outDir, path)).tree).map((node) => String(node.properties['href']));

const frontLeadOf = async (outDir: string, path: string) =>
  selectAll('.front-lead-title a', (await readPage(outDir, path)).tree).map((node) => String(node.properties['href']));

describe('incremental builds', { timeout: 600_000 }, () => {
  test('stay identical to clean builds through every kind of edit', async () => {
    await rm(CONTENT, { recursive: true, force: true });
    await rm(join(TMP_ROOT, 'incremental'), { recursive: true, force: true });
    await mkdir(join(CONTENT, 'media'), { recursive: true });
    await mkdir(join(CONTENT, 'authors'), { recursive: true });
    await copyFile(join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg'), join(CONTENT, 'media/photo.jpg'));
    await write('a.md', { title: 'Story A', date: '2025-03-19T10:00', tags: ['Trade'] });
    await write('b.md', { title: 'Story B', date: '2025-03-18T10:00', tags: ['Trade'], image: IMAGE });
    await write('c.md', { title: 'Story C', date: '2025-03-17T10:00', summary: 'Summary C.' });
    await write('d.md', { title: 'Story D', date: '2025-03-16T10:00' });
    // W shows the photo in a figure of its body, and it is the desk's photo on the author page.
    await write('w.md', { title: 'Story W', section: 'world', date: '2025-03-15T10:00' }, FIGURE_BODY);
    await writeFile(join(CONTENT, 'authors/desk.yaml'), profile('News desk'));
    await write('e.md', { title: 'Story E embargoed', date: '2025-03-21T06:00', aliases: ['/national/e-old/'] });
    // Six published stories in three search shards, five after the deletion below: still three.
    // F (alone in its section, so its rail never changes) links to d.md, and to the embargoed E
    // by its URL, its file and its alias.
    await write(
      'f.md',
      { title: 'Story F', section: 'business', date: '2025-03-14T10:00' },
      'See [Story D](d.md) for more, and [E by URL](/national/e/), [E by file](e.md) and [E by alias](/national/e-old/).\n',
    );
    const first = await buildSite('incremental', CONTENT, { ...ENV, SOURCE_DATE_EPOCH: EPOCH });
    expect(first.status, first.output).toBe(0);
    // Links to the embargoed story are its words only, so the built site links nowhere it does not lead (check:dist).
    const embargoedLinks = (await readPage(first.outDir, '/business/f/')).html;
    expect(embargoedLinks).toContain('E by URL, E by file and E by alias.');
    expect(embargoedLinks).not.toContain('/national/e');
    expect(await findBrokenLinks(first.outDir, { siteUrl: siteConfig.url })).toEqual([]);

    // A headline: its page, the rails, front, home, topic page and feed that show it.
    await write('b.md', { title: 'Story B, revised', date: '2025-03-18T10:00', tags: ['Trade'], image: IMAGE });
    let builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    const html = await everyHtml(builds.incremental.outDir);
    expect(html).toContain('Story B, revised');
    expect(html.replaceAll('Story B, revised', '')).not.toContain('Story B');

    // A summary shown in other stories' rails; the output folder starts empty (only the cache is kept).
    await write('c.md', { title: 'Story C', date: '2025-03-17T10:00', summary: 'Summary C, corrected.' });
    builds = await buildBoth(RUN, EPOCH, { freshOutput: true });
    await expectSameAsClean(builds);
    expect(await everyHtml(builds.incremental.outDir)).not.toContain('Summary C.');

    // A section change: the story moves, and no page links to its old address.
    await write('d.md', { title: 'Story D', section: 'world', date: '2025-03-16T10:00' });
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await everyHtml(builds.incremental.outDir)).not.toContain('/national/d/');
    expect(await railOf(builds.incremental.outDir, '/world/w/')).toEqual(['/world/d/']);
    // F's body links to d.md: its otherwise unchanged page now links to the new address.
    expect((await readPage(builds.incremental.outDir, '/business/f/')).html).toContain('href="/world/d/"');

    // A profile edit: the author page and the structured data of every story of the desk.
    await writeFile(join(CONTENT, 'authors/desk.yaml'), profile('Breaking news desk', 'links: [https://desk.example]\n'));
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect((await readPage(builds.incremental.outDir, '/authors/darpan-news-desk/')).html).toContain('Breaking news desk');
    expect((await readPage(builds.incremental.outDir, '/national/b/')).html).toContain('"sameAs":["https://desk.example"]');

    // Front files: the home page leads with C under a banner that ends before the last build
    // below; the National front leads with the embargoed E (left out until then) and puts C on top.
    await mkdir(join(CONTENT, 'fronts'), { recursive: true });
    await writeFile(
      join(CONTENT, 'fronts/home.yaml'),
      'lead: c\nbanner:\n  text: Polls close soon\n  link: c\n  until: 2025-03-21T00:00\n',
    );
    await writeFile(join(CONTENT, 'fronts/national.yaml'), 'lead: e\ntop: [/national/c/]\n');
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await frontLeadOf(builds.incremental.outDir, '/')).toEqual(['/national/c/']);
    expect(await frontLeadOf(builds.incremental.outDir, '/national/')).toEqual(['/national/a/']);
    expect((await readPage(builds.incremental.outDir, '/national/')).html).toContain('Polls close soon');

    // New bytes under the same image file name: new image files, and every page showing them
    // (lead images, the figure in W's body, the desk's photo).
    await copyFile(join(PROJECT_ROOT, 'content/media/holi-colours.jpg'), join(CONTENT, 'media/photo.jpg'));
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);

    // A body edit: the story's own page changes; lists showing its headline need not.
    await write('b.md', { title: 'Story B, revised', date: '2025-03-18T10:00', tags: ['Trade'], image: IMAGE }, 'A new body.\n');
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    // The log lists every page rendered (a few here): the story's own page, not its section front.
    const log = withoutColours(builds.incremental.output);
    expect(log).toMatch(/├─ \/national\/b\/index\.html\n/);
    expect(log).not.toMatch(/├─ \/national\/index\.html\n/);
    expect(log).not.toContain('more pages rendered');

    // A date change reorders fronts and rails.
    await write('c.md', { title: 'Story C', date: '2025-03-19T12:00', summary: 'Summary C, corrected.' });
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await railOf(builds.incremental.outDir, '/national/b/')).toEqual(['/national/c/', '/national/a/']);

    // A deleted story disappears from every page, and its own page from the output.
    await rm(join(CONTENT, 'a.md'));
    builds = await buildBoth(RUN, EPOCH);
    await expectSameAsClean(builds);
    expect(await everyHtml(builds.incremental.outDir)).not.toContain('/national/a/');
    expect(existsSync(join(builds.incremental.outDir, 'national/a/index.html'))).toBe(false);

    // An embargo lifts: a build after its time shows the story everywhere, and F's otherwise
    // unchanged page now links to it, by all three links (the alias straight to its URL).
    builds = await buildBoth(RUN, AFTER_EMBARGO);
    await expectSameAsClean(builds);
    expect(await railOf(builds.incremental.outDir, '/national/b/')).toEqual(['/national/e/', '/national/c/']);
    const lifted = await readPage(builds.incremental.outDir, '/business/f/');
    expect(selectAll('.article-body a', lifted.tree).map((node) => [toText(node), node.properties['href']])).toEqual([
      ['Story D', '/world/d/'],
      ['E by URL', '/national/e/'],
      ['E by file', '/national/e/'],
      ['E by alias', '/national/e/'],
    ]);
    expect(await findBrokenLinks(builds.incremental.outDir, { siteUrl: siteConfig.url })).toEqual([]);
    // The National front's embargoed lead now leads it; the banner has ended.
    expect(await frontLeadOf(builds.incremental.outDir, '/national/')).toEqual(['/national/e/']);
    expect(await everyHtml(builds.incremental.outDir)).not.toContain('Polls close soon');
  });
});
