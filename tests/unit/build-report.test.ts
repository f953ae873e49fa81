import { mkdtemp, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { clearBuildReport, mediaReferences, readBuildReport, reportStory, writeBuildReport } from '../../src/lib/build-report.ts';
import { makeArticle, TIME_ZONE } from '../helpers/factories.ts';

const ref = (url: string) => ({ url, line: 1, column: 1 });
/** Where a body is in the article cache (the report only carries it). */
const BODY = { pack: 'p1', start: 0, length: 42 };

describe('build report', () => {
  test('a story as the sitemap, media copy and search index see it', () => {
    const article = makeArticle({
      slug: 'carney-macron',
      at: '2025-03-17T19:40:00Z',
      updated: { date: new Date('2025-03-18T15:05:00Z'), hasTime: true },
      corrections: [{ date: { date: new Date('2025-03-18T16:00:00Z'), hasTime: true }, text: 'An earlier version misspelled a name.' }],
      tags: ['Trade'],
      images: [ref('/media/map.png')],
      links: [ref('/media/report%20final.pdf'), ref('/national/other/'), ref('https://example.com/media/x.png')],
    });
    expect(reportStory({ ...article, digest: 'd1', body: BODY, status: 'published' }, 'National', TIME_ZONE)).toEqual({
      id: article.id,
      path: '/national/carney-macron/',
      digest: 'd1',
      body: BODY,
      lastmod: '2025-03-18T09:00:00-07:00',
      media: ['/media/map.png', '/media/report final.pdf'],
      title: article.title,
      summary: 'A summary.',
      section: 'National',
      byline: 'Darpan News Desk',
      tags: ['Trade'],
      corrections: ['An earlier version misspelled a name.'],
      status: 'published',
    });
  });

  test('lastmod is the publication time when a story was never changed', () => {
    const article = makeArticle({ at: '2025-03-17T19:40:00Z' });
    expect(reportStory({ ...article, digest: 'd', body: BODY, status: 'published' }, 'National', TIME_ZONE).lastmod).toBe(
      '2025-03-17T12:40:00-07:00',
    );
  });

  test('media references: site paths under /media/ only, relative ones resolved against the page, deduplicated', () => {
    expect(
      mediaReferences(
        [
          ref('/media/a.png'),
          ref('../../media/b.png'),
          ref('media/c.png'),
          ref('/media/a.png'),
          ref('/media/'),
          ref('//cdn.example/media/d.png'),
          ref('mailto:x@example.com'),
        ],
        '/national/story/',
      ),
    ).toEqual(['/media/a.png', '/media/b.png']);
  });

  test('written, read back, and cleared; a missing report is an error naming the file', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'report-'));
    const story = reportStory({ ...makeArticle(), digest: 'd', body: BODY, status: 'published' }, 'National', TIME_ZONE);
    await writeBuildReport(cacheDir, [story]);
    expect((await readBuildReport(cacheDir)).stories).toEqual([story]);
    await clearBuildReport(cacheDir);
    await expect(readBuildReport(cacheDir)).rejects.toThrow(join(cacheDir, 'dateline', 'build-report.json'));
  });

  test('a report this process wrote or read is not parsed again, unless the file changed since', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'report-'));
    const file = join(cacheDir, 'dateline', 'build-report.json');
    const story = reportStory({ ...makeArticle(), digest: 'd', body: BODY, status: 'published' }, 'National', TIME_ZONE);
    await writeBuildReport(cacheDir, [story]);
    const past = new Date('2025-03-17T12:00:00Z');
    await utimes(file, past, past);
    expect((await readBuildReport(cacheDir)).stories).toEqual([story]);
    // The same size and time: the report as read before, not the file's bytes.
    await writeFile(file, ' '.repeat((await stat(file)).size));
    await utimes(file, past, past);
    expect((await readBuildReport(cacheDir)).stories).toEqual([story]);
    // Written again (by another process): read from the file, and shared from then on.
    const other = { ...story, title: 'Another build' };
    await writeFile(file, JSON.stringify({ version: 2, stories: [other] }));
    const read = await readBuildReport(cacheDir);
    expect(read.stories).toEqual([other]);
    expect(await readBuildReport(cacheDir)).toBe(read);
    // Another version is refused however often it is read.
    await writeFile(file, JSON.stringify({ version: 1, stories: [] }));
    await expect(readBuildReport(cacheDir)).rejects.toThrow(/another version/);
    await expect(readBuildReport(cacheDir)).rejects.toThrow(/another version/);
  });
});
