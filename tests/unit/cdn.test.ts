import { describe, expect, test } from 'vitest';
import { CACHE_IMMUTABLE, CACHE_SHORT, formatHeaders, formatRedirects, headerRules } from '../../src/lib/cdn.ts';

describe('headerRules', () => {
  const rules = headerRules([
    { name: 'national', isDirectory: true },
    { name: '_astro', isDirectory: true },
    { name: 'index.html', isDirectory: false },
    { name: 'rss.xml', isDirectory: false },
    { name: '_headers', isDirectory: false },
    { name: '_redirects', isDirectory: false },
  ]);
  const cacheOf = (path: string) => rules.find((rule) => rule.path === path)?.headers.find(([name]) => name === 'Cache-Control')?.[1];

  test('hashed assets are immutable for a year; pages and other files are short-lived', () => {
    expect(cacheOf('/_astro/*')).toBe(CACHE_IMMUTABLE);
    expect(cacheOf('/national/*')).toBe(CACHE_SHORT);
    expect(cacheOf('/')).toBe(CACHE_SHORT);
    expect(cacheOf('/index.html')).toBe(CACHE_SHORT);
    expect(cacheOf('/rss.xml')).toBe(CACHE_SHORT);
  });

  test('no catch-all sets Cache-Control (hosts would add it to every other rule’s), and host files get no rule', () => {
    expect(rules[0]).toEqual({
      path: '/*',
      headers: [
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ],
    });
    expect(rules.map((rule) => rule.path)).toEqual(['/*', '/_astro/*', '/', '/index.html', '/national/*', '/rss.xml']);
  });

  test('formatted as a _headers file', () => {
    expect(formatHeaders([{ path: '/_astro/*', headers: [['Cache-Control', CACHE_IMMUTABLE]] }])).toBe(
      `# Cache and security headers, written by Dateline at build time.\n/_astro/*\n  Cache-Control: ${CACHE_IMMUTABLE}\n`,
    );
  });
});

describe('formatRedirects', () => {
  test('a permanent redirect from each alias to its article, ordered by alias', () => {
    const text = formatRedirects([
      { section: 'national', slug: 'new-name', aliases: ['/national/old-name/', '/2019/story.html'] },
      { section: 'world', slug: 'plain', aliases: [] },
      { section: 'world', slug: 'moved', aliases: ['/national/moved/'] },
    ]);
    expect(text.split('\n').slice(1)).toEqual([
      '/2019/story.html /national/new-name/ 301',
      '/national/moved/ /world/moved/ 301',
      '/national/old-name/ /national/new-name/ 301',
      '',
    ]);
  });

  test('without aliases, only the comment line', () => {
    expect(formatRedirects([])).toBe('# Old URLs of renamed or moved articles, written by Dateline at build time.\n');
  });
});
