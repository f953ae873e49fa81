import { describe, expect, test } from 'vitest';
import { mediaReferences } from '../../src/pipeline/links.ts';
import { toStory } from '../../src/store/stories.ts';
import { makeArticle, TIME_ZONE } from '../helpers/factories.ts';

const ref = (url: string) => ({ url, line: 1, column: 1 });
/** Where a body is kept (a story only carries it). */
const BODY = { pack: 'p1', start: 0, length: 42, sha: 'x' };

describe('toStory', () => {
  test('a story as the sitemap, media copy and search index see it: images the pipeline cuts are not copied', () => {
    const { html: _html, ...article } = makeArticle({
      slug: 'carney-macron',
      at: '2025-03-17T19:40:00Z',
      updated: { date: new Date('2025-03-18T15:05:00Z'), hasTime: true },
      corrections: [{ date: { date: new Date('2025-03-18T16:00:00Z'), hasTime: true }, text: 'An earlier version misspelled a name.' }],
      tags: ['Trade'],
      images: [
        { ...ref('/media/map.png'), layout: 'figure' },
        { ...ref('/media/animation.gif'), layout: 'figure' },
      ],
      links: [ref('/media/report%20final.pdf'), ref('/national/other/'), ref('https://example.com/media/x.png')],
    });
    expect(toStory({ ...article, digest: 'd1', body: BODY, status: 'published' }, 'National', TIME_ZONE)).toEqual({
      id: article.id,
      filePath: article.filePath,
      path: '/national/carney-macron/',
      digest: 'd1',
      body: BODY,
      lastmod: '2025-03-18T09:00:00-07:00',
      media: ['/media/animation.gif', '/media/report final.pdf'],
      title: article.title,
      summary: 'A summary.',
      section: 'National',
      byline: 'Darpan News Desk',
      authors: ['Darpan News Desk'],
      tags: ['Trade'],
      corrections: ['An earlier version misspelled a name.'],
      status: 'published',
    });
  });

  test('lastmod is the publication time when a story was never changed', () => {
    const { html: _html, ...article } = makeArticle({ at: '2025-03-17T19:40:00Z' });
    expect(toStory({ ...article, digest: 'd', body: BODY, status: 'published' }, 'National', TIME_ZONE).lastmod).toBe(
      '2025-03-17T12:40:00-07:00',
    );
  });
});

describe('mediaReferences', () => {
  test('site paths under /media/ only, relative ones resolved against the page, deduplicated', () => {
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
});
