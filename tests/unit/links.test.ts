import { describe, expect, test } from 'vitest';
import { classifyLink, resolveArticleFileLink, resolveSitePath } from '../../src/pipeline/links.ts';

describe('classifyLink', () => {
  test.each([
    ['https://example.com/a.md', 'external'],
    ['mailto:desk@example.com', 'external'],
    ['//cdn.example.com/x', 'external'],
    ['#quote', 'fragment'],
    ['../02/story.md', 'article-file'],
    ['story.md#top', 'article-file'],
    ['/national/story/', 'site-path'],
    ['/docs/guide.md', 'site-path'],
    ['page/2/', 'relative'],
  ])('%s is %s', (url, kind) => {
    expect(classifyLink(url)).toBe(kind);
  });
});

describe('resolveArticleFileLink', () => {
  test.each([
    ['2025/03/a', '../02/b.md', { id: '2025/02/b', hash: '' }],
    ['2025/03/a', './c.md#quote', { id: '2025/03/c', hash: '#quote' }],
    ['2025/03/a', 'd%20e.md', { id: '2025/03/d e', hash: '' }],
    ['a', '../outside.md', undefined],
    ['2025/03/a', '../../../etc/passwd.md', undefined],
  ])('from %s, %s', (from, url, expected) => {
    expect(resolveArticleFileLink(from, url)).toEqual(expected);
  });
});

describe('resolveSitePath', () => {
  test('resolves relative links against the article URL and drops query and hash', () => {
    expect(resolveSitePath('../world/', '/national/story/')).toBe('/national/world/');
    expect(resolveSitePath('/national/?x=1#top', '/a/b/')).toBe('/national/');
  });
});
