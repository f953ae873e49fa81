import { describe, expect, test } from 'vitest';
import { articleJsonLd, breadcrumbJsonLd, serializeJsonLd, webSiteJsonLd, newsroomPublisher } from '../../src/lib/jsonld.ts';
import { makeArticle } from '../helpers/factories.ts';

const newsroom = {
  siteName: 'Dateline News',
  siteUrl: 'https://news.example.com',
  locale: 'en-CA',
  timeZone: 'America/Vancouver',
  logo: { src: '/logo.png', width: 512, height: 512 },
};
const HOSTILE = '</script><script>alert(1)</script><!-- & \u2028\u2029 "quotes" \\ ';

describe('articleJsonLd', () => {
  const article = makeArticle({
    title: 'Carney meets Macron',
    summary: 'They met in Paris.',
    slug: 'carney-macron',
    authors: ['Jane Doe', 'Darpan News Desk'],
    agency: 'The Canadian Press',
    tags: ['France', 'Trade'],
    at: '2025-03-17T19:40:00Z',
    updated: { date: new Date('2025-03-18T15:05:00Z'), hasTime: true },
    wordCount: 678,
  });
  const [news, crumbs] = articleJsonLd(
    article,
    'National',
    { url: 'https://news.example.com/_astro/a.jpg', width: 1200, height: 800 },
    newsroom,
  );

  test('a NewsArticle with every property Google reads, times with the newsroom offset', () => {
    expect(news).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Carney meets Macron',
      description: 'They met in Paris.',
      url: 'https://news.example.com/national/carney-macron/',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example.com/national/carney-macron/' },
      datePublished: '2025-03-17T12:40:00-07:00',
      dateModified: '2025-03-18T08:05:00-07:00',
      author: [
        { '@type': 'Person', name: 'Jane Doe', url: 'https://news.example.com/authors/jane-doe/' },
        { '@type': 'Organization', name: 'Darpan News Desk', url: 'https://news.example.com/authors/darpan-news-desk/' },
      ],
      sourceOrganization: { '@type': 'NewsMediaOrganization', name: 'The Canadian Press' },
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'Dateline News',
        url: 'https://news.example.com/',
        logo: { '@type': 'ImageObject', url: 'https://news.example.com/logo.png', width: 512, height: 512 },
      },
      image: [{ '@type': 'ImageObject', url: 'https://news.example.com/_astro/a.jpg', width: 1200, height: 800 }],
      articleSection: 'National',
      keywords: 'France, Trade',
      wordCount: 678,
      inLanguage: 'en-CA',
      isAccessibleForFree: true,
    });
  });

  test('a story never updated was last modified when published; no image, no agency and no tags leave their properties out', () => {
    const [plain] = articleJsonLd(makeArticle({ at: '2025-01-10T17:00:00Z' }), 'National', undefined, newsroom);
    expect(plain!['dateModified']).toBe(plain!['datePublished']);
    expect(plain).not.toHaveProperty('image');
    expect(plain).not.toHaveProperty('sourceOrganization');
    expect(plain).not.toHaveProperty('keywords');
  });

  test('a BreadcrumbList: home, section, story', () => {
    expect(crumbs).toEqual(
      breadcrumbJsonLd([
        { name: 'Dateline News', url: 'https://news.example.com/' },
        { name: 'National', url: 'https://news.example.com/national/' },
        { name: 'Carney meets Macron', url: 'https://news.example.com/national/carney-macron/' },
      ]),
    );
    expect((crumbs!['itemListElement'] as { position: number }[]).map((item) => item.position)).toEqual([1, 2, 3]);
  });
});

describe('webSiteJsonLd', () => {
  test('names the site and its search page', () => {
    const site = webSiteJsonLd({
      name: 'Dateline News',
      url: 'https://news.example.com/',
      language: 'en-CA',
      searchUrl: 'https://news.example.com/search/?q={search_term_string}',
      publisher: newsroomPublisher(newsroom),
    });
    expect(site).toMatchObject({
      '@type': 'WebSite',
      potentialAction: { target: 'https://news.example.com/search/?q={search_term_string}' },
    });
  });
});

describe('serializeJsonLd', () => {
  test('no value can close the script element, open a comment or start a character reference', () => {
    const text = serializeJsonLd({ headline: HOSTILE, author: [{ name: HOSTILE }] });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
  });

  test('parses back to exactly the same value', () => {
    const value = { headline: HOSTILE, nested: { list: [HOSTILE, 1, true, null] }, emoji: '😀' };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });
});
