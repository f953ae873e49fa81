import { describe, expect, test } from 'vitest';
import { groupByTerm, termLinks, termSlug } from '../../src/lib/taxonomy.ts';
import { RESERVED_SEGMENTS, tagPath } from '../../src/lib/urls.ts';
import { siteConfig } from '../../src/site.config.ts';
import { makeArticle } from '../helpers/factories.ts';

describe('termSlug', () => {
  test.each([
    ['Mark Carney', 'mark-carney'],
    ['COVID-19', 'covid-19'],
    ['Québec', 'quebec'],
    ['Canada Revenue Agency', 'canada-revenue-agency'],
    ["Women's Hockey", 'womens-hockey'],
    ['R&D', 'r-and-d'],
    ['  Trade  ', 'trade'],
  ])('%s → %s', (name, slug) => {
    expect(termSlug(name)).toBe(slug);
  });

  test('a name without Latin letters or digits still gets its own stable slug', () => {
    expect(termSlug('中国')).toMatch(/^t-[0-9a-z]+$/);
    expect(termSlug('中国')).toBe(termSlug('中国'));
    expect(termSlug('中国')).not.toBe(termSlug('日本'));
  });
});

describe('groupByTerm', () => {
  test('groups stories per slug, newest first, the most used spelling as the name, ordered by slug', () => {
    const old = makeArticle({ id: 'a', at: '2025-03-01T00:00:00Z', tags: ['trade', 'Ottawa'] });
    const mid = makeArticle({ id: 'b', at: '2025-03-02T00:00:00Z', tags: ['Trade'] });
    const recent = makeArticle({ id: 'c', at: '2025-03-03T00:00:00Z', tags: ['Trade', 'Ottawa'] });
    const terms = groupByTerm([old, recent, mid], (article) => article.tags);
    expect(terms.map((term) => [term.slug, term.name, term.articles.map((article) => article.id)])).toEqual([
      ['ottawa', 'Ottawa', ['c', 'a']],
      ['trade', 'Trade', ['c', 'b', 'a']],
    ]);
  });

  test('a story whose names share a slug is listed once', () => {
    const article = makeArticle({ tags: ['Trade', 'trade'] });
    expect(groupByTerm([article], (a) => a.tags)[0]!.articles).toEqual([article]);
  });

  test('ties between spellings go to the first in code-unit order', () => {
    const terms = groupByTerm([makeArticle({ tags: ['trade'] }), makeArticle({ tags: ['Trade'] })], (a) => a.tags);
    expect(terms[0]!.name).toBe('Trade');
  });
});

describe('termLinks', () => {
  test('links each name as written to its page', () => {
    expect(termLinks(['Mark Carney', 'COVID-19'], tagPath)).toEqual([
      { name: 'Mark Carney', href: '/tags/mark-carney/' },
      { name: 'COVID-19', href: '/tags/covid-19/' },
    ]);
  });
});

describe('site folders', () => {
  test('no configured section takes a folder the site writes itself', () => {
    const slugs: readonly string[] = siteConfig.sections.map((section) => section.slug);
    expect(RESERVED_SEGMENTS.filter((segment) => slugs.includes(segment))).toEqual([]);
  });
});
