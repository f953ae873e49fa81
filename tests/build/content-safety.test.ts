import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import { walkFiles } from '../../src/io/walk.ts';
import { buildSite, cleanEnvironment, PROJECT_ROOT, TMP_ROOT } from '../helpers/build.ts';
import { makeSource, pngHeader } from '../helpers/factories.ts';

/**
 * Hostile and careless content, built for real: no file can crash the run or hide another's
 * errors, nothing outside the content folder is ever read through a link, and no alias can take
 * over a file the site writes. Each case fails the build (and `npm run check`) with every problem
 * named, and publishes nothing it should not.
 */

/** Writes the articles `files` (path → source) into a fresh content folder named `name`. */
async function newsroom(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(TMP_ROOT, `${name}-content`);
  await rm(folder, { recursive: true, force: true });
  for (const [path, source] of Object.entries(files)) {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), source);
  }
  return folder;
}

/** `npm run check`'s command on `folder`, with its own cache folder. */
function check(folder: string) {
  const result = spawnSync(process.execPath, ['scripts/check.ts', '--content', relative(PROJECT_ROOT, folder)], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...cleanEnvironment(process.env), DATELINE_CACHE_DIR: join(folder, '..', `${folder.split('/').at(-1)}-check-cache`) },
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('one bad file', { timeout: 600_000 }, () => {
  test('a body nested thousands of levels deep is an error on its line, reported with every other file’s errors; the run goes on', async () => {
    const folder = await newsroom('deep', {
      'good.md': makeSource({ title: 'A good story' }),
      'quotes.md': makeSource({ title: 'Quotes' }, `Intro.\n\n${'> '.repeat(5000)}deep\n`),
      'lists.md': makeSource({ title: 'Lists' }, Array.from({ length: 800 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')),
      'divs.md': makeSource({ title: 'Divs' }, `Intro.\n\n${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}\n`),
      // 300 levels: past the tree's depth limit, within the limit on a paragraph's markers.
      'stars.md': makeSource({ title: 'Stars' }, `Intro.\n\n${'*a '.repeat(300)}x${' a*'.repeat(300)}\n`),
      'unknown-section.md': makeSource({ section: 'nowhere' }),
    });
    const lines = [
      /deep-content\/divs\.md:11:1 {2}body {2}HTML elements are nested more than 64 levels deep here/,
      /deep-content\/lists\.md:\d+:1 {2}body {2}quotes and lists are nested 33 levels deep here; an article may nest them at most 32 levels/,
      /deep-content\/quotes\.md:11:1 {2}body {2}quotes and lists are nested 33 levels deep here/,
      /deep-content\/stars\.md:11:1 {2}body {2}the text is nested more than 100 levels deep here/,
      /deep-content\/unknown-section\.md:3:1 {2}section {2}section must be one of/,
    ];
    const built = await buildSite('deep', folder);
    expect(built.status).not.toBe(0);
    const output = stripVTControlCharacters(built.output);
    expect(output).not.toContain('Maximum call stack size exceeded');
    expect(output).toContain('5 content errors in 5 files');
    for (const line of lines) expect(output).toMatch(line);
    const checked = check(folder);
    expect(checked.status, checked.output).toBe(1);
    for (const line of lines) expect(checked.output).toMatch(line);
    expect(checked.output).toMatch(/5 errors, 0 warnings in 5 files; 6 article files checked/);
  });
});

describe('symbolic links under the content folder', { timeout: 600_000 }, () => {
  test('a link leading outside it is an error naming the article, the field or line and the link, and nothing it leads to is read', async () => {
    const secrets = join(TMP_ROOT, 'secrets');
    await rm(secrets, { recursive: true, force: true });
    await mkdir(secrets, { recursive: true });
    const SECRET = 'SECRET-KEY-b41f0c';
    await writeFile(join(secrets, 'deploy-key.pem'), `-----BEGIN ${SECRET}-----`);
    await writeFile(join(secrets, 'photo.png'), Buffer.concat([pngHeader(40, 30), Buffer.from(SECRET)]));
    await writeFile(join(secrets, 'story.md'), makeSource({ title: `Story ${SECRET}` }));
    const folder = await newsroom('links', {
      'good.md': makeSource({ title: 'A good story' }),
      'body-links.md': makeSource({ title: 'Body links' }, 'Intro.\n\n![A chart](/media/chart.png)\n\n[The key](/media/key.pem)\n'),
      'lead.md': makeSource({ title: 'Lead', image: { src: '/media/lead.png', alt: 'A photo' } }),
    });
    await mkdir(join(folder, 'media'), { recursive: true });
    await symlink(join(secrets, 'photo.png'), join(folder, 'media', 'chart.png'));
    await symlink(join(secrets, 'deploy-key.pem'), join(folder, 'media', 'key.pem'));
    await symlink(join(secrets, 'photo.png'), join(folder, 'media', 'lead.png'));
    await symlink(join(secrets, 'story.md'), join(folder, 'linked-story.md'));
    await symlink(secrets, join(folder, 'wire'));
    const built = await buildSite('links', folder);
    expect(built.status).not.toBe(0);
    const output = stripVTControlCharacters(built.output);
    const base = relative(PROJECT_ROOT, folder);
    for (const expected of [
      `${base}/body-links.md:11:1  body  shows the image /media/chart.png, but /media/chart.png is a link to ${join(secrets, 'photo.png')}, outside the content folder`,
      `${base}/body-links.md:13:1  body  links to /media/key.pem, but /media/key.pem is a link to ${join(secrets, 'deploy-key.pem')}, outside the content folder`,
      `${base}/lead.md:8:3  image.src  image.src “/media/lead.png”: ${base}/media/lead.png is a link to ${join(secrets, 'photo.png')}, outside the content folder`,
      `${base}/linked-story.md  the article file ${base}/linked-story.md is a link to ${join(secrets, 'story.md')}, outside the content folder`,
      `${base}/wire  the folder ${base}/wire is a link to ${secrets}, outside the content folder: none of its files is read`,
    ]) {
      expect(output).toContain(expected);
    }
    expect(output).toContain('5 content errors in 4 files');
    expect(output).not.toContain(SECRET);
    if (existsSync(built.outDir)) {
      for (const file of walkFiles(built.outDir)) expect((await readFile(join(built.outDir, file))).includes(SECRET), file).toBe(false);
    }
  });
});

describe('aliases', { timeout: 600_000 }, () => {
  test('an alias naming a file the site writes, or a file of public/, is an error naming the article and the alias', async () => {
    const taken = ['/rss.xml', '/national/rss.xml', '/robots.txt', '/sitemap-index.xml', '/404.html', '/favicon.svg', '/_headers'];
    const folder = await newsroom('aliases', {
      'good.md': makeSource({ title: 'A good story', aliases: ['/old/good-story/'] }),
      'takeover.md': makeSource({ title: 'Takeover', aliases: taken }),
    });
    const built = await buildSite('aliases', folder);
    expect(built.status).not.toBe(0);
    const output = stripVTControlCharacters(built.output);
    const base = relative(PROJECT_ROOT, folder);
    for (const [index, alias] of taken.entries()) {
      expect(output).toContain(
        `${base}/takeover.md:${8 + index}:5  aliases[${index}]  the alias ${alias} is ${alias}, a file the site writes itself; an alias must be an old URL that no longer has a page`,
      );
    }
    expect(output).toContain(`${taken.length} content errors in 1 file`);
  });
});
