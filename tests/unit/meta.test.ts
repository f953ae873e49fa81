import { describe, expect, test } from 'vitest';
import { feedLinks, socialMeta, type MetaTag } from '../../src/lib/meta.ts';

const byKey = (tags: MetaTag[]) => tags.map((tag) => ['property' in tag ? tag.property : tag.name, tag.content]);

describe('socialMeta', () => {
  const base = {
    title: 'Carney meets Macron',
    description: 'They met in Paris.',
    url: 'https://news.example.com/national/carney-macron/',
    siteName: 'Dateline News',
    locale: 'en-CA',
  };

  test('a story: og:type article with times, section and one tag each; a large image card', () => {
    const tags = socialMeta({
      ...base,
      image: { url: 'https://news.example.com/_astro/a.jpg', width: 1200, height: 800, alt: 'Two flags' },
      twitterSite: '@dateline',
      article: {
        publishedTime: '2025-03-17T12:40:00-07:00',
        modifiedTime: '2025-03-18T08:05:00-07:00',
        section: 'National',
        tags: ['France', 'Trade'],
      },
    });
    expect(byKey(tags)).toEqual([
      ['og:type', 'article'],
      ['og:site_name', 'Dateline News'],
      ['og:locale', 'en_CA'],
      ['og:title', 'Carney meets Macron'],
      ['og:description', 'They met in Paris.'],
      ['og:url', 'https://news.example.com/national/carney-macron/'],
      ['og:image', 'https://news.example.com/_astro/a.jpg'],
      ['og:image:width', '1200'],
      ['og:image:height', '800'],
      ['og:image:alt', 'Two flags'],
      ['article:published_time', '2025-03-17T12:40:00-07:00'],
      ['article:modified_time', '2025-03-18T08:05:00-07:00'],
      ['article:section', 'National'],
      ['article:tag', 'France'],
      ['article:tag', 'Trade'],
      ['twitter:card', 'summary_large_image'],
      ['twitter:title', 'Carney meets Macron'],
      ['twitter:description', 'They met in Paris.'],
      ['twitter:image', 'https://news.example.com/_astro/a.jpg'],
      ['twitter:image:alt', 'Two flags'],
      ['twitter:site', '@dateline'],
    ]);
  });

  test('another page without an image: og:type website and a summary card', () => {
    const tags = new Map(byKey(socialMeta(base)) as [string, string][]);
    expect(tags.get('og:type')).toBe('website');
    expect(tags.get('twitter:card')).toBe('summary');
    expect(tags.has('og:image')).toBe(false);
    expect(tags.has('twitter:site')).toBe(false);
  });
});

describe('feedLinks', () => {
  test('every page announces the site feed; section pages and stories their section’s too', () => {
    const site = { name: 'Dateline News', feedUrl: 'https://news.example.com/rss.xml' };
    expect(feedLinks(site)).toEqual([{ href: 'https://news.example.com/rss.xml', title: 'Dateline News: latest stories' }]);
    expect(feedLinks(site, { name: 'National', feedUrl: 'https://news.example.com/national/rss.xml' })[1]).toEqual({
      href: 'https://news.example.com/national/rss.xml',
      title: 'Dateline News: National',
    });
  });
});
