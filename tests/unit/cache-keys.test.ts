import { describe, expect, test } from 'vitest';
import { articlePageKey, listPageKey, type KeyedStory } from '../../src/lib/cache-keys.ts';

const story = (id: string, overrides: Partial<KeyedStory> = {}): KeyedStory => ({
  id,
  digest: `d-${id}`,
  status: 'published',
  ...overrides,
});
const settings = { site: { ads: true } };

describe('cache keys', () => {
  test('an article page key changes with the article, its status, its image and its rail', () => {
    const base = articlePageKey(settings, story('a'), [story('b'), story('c')]);
    expect(articlePageKey(settings, story('a'), [story('b'), story('c')])).toBe(base);
    for (const changed of [
      articlePageKey(settings, story('a', { digest: 'new' }), [story('b'), story('c')]),
      articlePageKey(settings, story('a', { status: 'draft' }), [story('b'), story('c')]),
      articlePageKey(settings, story('a', { image: { src: { src: '/_astro/x.1.jpg' } } }), [story('b'), story('c')]),
      articlePageKey(settings, story('a'), [story('b', { digest: 'edited' }), story('c')]),
      articlePageKey(settings, story('a'), [story('c'), story('b')]),
      articlePageKey(settings, story('a'), [story('b')]),
      articlePageKey({ site: { ads: false } }, story('a'), [story('b'), story('c')]),
    ]) {
      expect(changed).not.toBe(base);
    }
  });

  test('a list page key changes with its position and its stories', () => {
    const base = listPageKey(settings, 'section', 'national/1/2', [story('a')]);
    expect(listPageKey(settings, 'section', 'national/1/3', [story('a')])).not.toBe(base);
    expect(listPageKey(settings, 'topic', 'national/1/2', [story('a')])).not.toBe(base);
    expect(listPageKey(settings, 'section', 'national/1/2', [story('a', { digest: 'x' })])).not.toBe(base);
    expect(listPageKey(settings, 'section', 'national/1/2', [story('a')])).toBe(base);
  });
});
