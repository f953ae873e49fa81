import { describe, expect, test } from 'vitest';
import { isPublished, sortNewestFirst } from '../../src/lib/articles.ts';
import { readBuildTime } from '../../src/lib/build-time.ts';
import { pageLinks, paginate } from '../../src/lib/pagination.ts';
import { getMoreInSection } from '../../src/lib/rail.ts';
import { groupBySection } from '../../src/lib/sections.ts';
import {
  absoluteUrl,
  articlePath,
  authorPath,
  authorsPath,
  feedPath,
  newsSitemapPath,
  searchPath,
  sectionPageParam,
  sectionPath,
  sitemapIndexPath,
  tagPath,
  tagsPath,
} from '../../src/lib/urls.ts';
import { makeArticle } from '../helpers/factories.ts';

const hoursAgo = (n: number) => new Date(Date.UTC(2025, 2, 17, 20) - n * 3_600_000).toISOString();

describe('sortNewestFirst', () => {
  test('orders by time, newest first, and breaks ties by id', () => {
    const a = makeArticle({ id: 'b', at: hoursAgo(1) });
    const b = makeArticle({ id: 'a', at: hoursAgo(1) });
    const c = makeArticle({ id: 'c', at: hoursAgo(0) });
    expect(sortNewestFirst([a, b, c]).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(sortNewestFirst([c, b, a]).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('isPublished', () => {
  const now = new Date('2025-03-17T20:00:00Z');
  test.each([
    ['a past article', { at: '2025-03-17T19:00:00Z' }, true],
    ['an article dated exactly now', { at: '2025-03-17T20:00:00Z' }, true],
    ['a draft', { at: '2025-03-17T19:00:00Z', draft: true }, false],
    ['an article dated after the build (embargoed)', { at: '2025-03-17T20:01:00Z' }, false],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(isPublished(makeArticle(overrides), now)).toBe(expected);
  });
});

describe('getMoreInSection', () => {
  const section = sortNewestFirst(Array.from({ length: 9 }, (_, i) => makeArticle({ id: `n${i}`, at: hoursAgo(i) })));

  test('lists the latest others, newest first, never the article itself, up to the size', () => {
    const current = section[0]!;
    expect(getMoreInSection(current, section, 6).map((a) => a.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
  });

  test('an older article still gets the latest stories, without itself', () => {
    expect(getMoreInSection(section[2]!, section, 6).map((a) => a.id)).toEqual(['n0', 'n1', 'n3', 'n4', 'n5', 'n6']);
  });

  test('a small section shows what exists', () => {
    expect(getMoreInSection(section[0]!, section.slice(0, 3), 6).map((a) => a.id)).toEqual(['n1', 'n2']);
  });

  test('the only article of a section has no rail', () => {
    expect(getMoreInSection(section[0]!, section.slice(0, 1), 6)).toEqual([]);
  });

  test('a rail of size 0 is empty', () => {
    expect(getMoreInSection(section[0]!, section, 0)).toEqual([]);
  });
});

describe('groupBySection', () => {
  test('every configured section has a group, in order, each newest first; unknown sections are ignored', () => {
    const articles = [
      makeArticle({ id: 'w1', section: 'world', at: hoursAgo(3) }),
      makeArticle({ id: 'n1', section: 'national', at: hoursAgo(2) }),
      makeArticle({ id: 'w2', section: 'world', at: hoursAgo(1) }),
      makeArticle({ id: 'x', section: 'opinion', at: hoursAgo(1) }),
    ];
    const groups = groupBySection(articles, [{ slug: 'national' }, { slug: 'world' }, { slug: 'sports' }]);
    expect([...groups.keys()]).toEqual(['national', 'world', 'sports']);
    expect(groups.get('world')!.map((a) => a.id)).toEqual(['w2', 'w1']);
    expect(groups.get('sports')).toEqual([]);
  });
});

describe('paginate', () => {
  test.each([
    [0, 10, [[]]],
    [1, 10, [[1]]],
    [10, 10, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]],
    [11, 10, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11]]],
    [5, 2, [[1, 2], [3, 4], [5]]],
  ])('%i items in pages of %i', (count, size, expected) => {
    const items = Array.from({ length: count }, (_, i) => i + 1);
    expect(paginate(items, size).map((page) => page.items)).toEqual(expected);
  });

  test('links pages with prev and next and counts them', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map(({ number, total, prev, next }) => ({ number, total, prev, next }))).toEqual([
      { number: 1, total: 3, prev: undefined, next: 2 },
      { number: 2, total: 3, prev: 1, next: 3 },
      { number: 3, total: 3, prev: 2, next: undefined },
    ]);
  });

  test.each([0, -1, 1.5])('refuses a page size of %s', (size) => {
    expect(() => paginate([1], size)).toThrow(/positive whole number/);
  });
});

describe('urls', () => {
  test('builds clean URLs with trailing slashes', () => {
    expect(articlePath({ section: 'national', slug: 'carney-in-paris' })).toBe('/national/carney-in-paris/');
    expect(sectionPath('national')).toBe('/national/');
    expect(sectionPath('national', 1)).toBe('/national/');
    expect(sectionPath('national', 2)).toBe('/national/page/2/');
    expect(sectionPageParam(1)).toBeUndefined();
    expect(sectionPageParam(3)).toBe('page/3');
    expect(absoluteUrl('/national/', 'https://news.example.com')).toBe('https://news.example.com/national/');
  });

  test('topic, author and search pages end in a slash; feeds and sitemaps in their extension', () => {
    expect([
      tagsPath(),
      tagPath('trade'),
      tagPath('trade', 2),
      authorsPath(),
      authorPath('jane-doe'),
      authorPath('jane-doe', 3),
      searchPath(),
    ]).toEqual([
      '/tags/',
      '/tags/trade/',
      '/tags/trade/page/2/',
      '/authors/',
      '/authors/jane-doe/',
      '/authors/jane-doe/page/3/',
      '/search/',
    ]);
    expect([feedPath(), feedPath('national'), sitemapIndexPath(), newsSitemapPath()]).toEqual([
      '/rss.xml',
      '/national/rss.xml',
      '/sitemap-index.xml',
      '/news-sitemap.xml',
    ]);
  });
});

describe('pageLinks', () => {
  test('links a page to its neighbours, none beyond the ends', () => {
    const [first, second, third] = paginate([1, 2, 3, 4, 5], 2);
    const path = (n: number) => tagPath('trade', n);
    expect(pageLinks(first!, path)).toEqual({ prev: undefined, next: '/tags/trade/page/2/' });
    expect(pageLinks(second!, path)).toEqual({ prev: '/tags/trade/', next: '/tags/trade/page/3/' });
    expect(pageLinks(third!, path)).toEqual({ prev: '/tags/trade/page/2/', next: undefined });
  });
});

describe('readBuildTime', () => {
  test('SOURCE_DATE_EPOCH sets the build time', () => {
    expect(readBuildTime({ SOURCE_DATE_EPOCH: '1742240400' }).toISOString()).toBe('2025-03-17T19:40:00.000Z');
  });
  test('a malformed SOURCE_DATE_EPOCH is an error', () => {
    expect(() => readBuildTime({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/whole seconds/);
  });
  test('without it, the build time is now', () => {
    const before = Date.now();
    const time = readBuildTime({}).getTime();
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});
