import type { ImageMetadata } from 'astro';
import { describe, expect, test } from 'vitest';
import { articlePageKey, listPageKey, type KeyedArticle } from '../../src/lib/cache-keys.ts';

const file = (src: string) => ({ src, width: 1200, height: 800, format: 'jpg' }) as ImageMetadata;
const story = (id: string, overrides: Partial<KeyedArticle> = {}): KeyedArticle => ({
  id,
  digest: `d-${id}`,
  section: 'national',
  slug: id,
  title: `Title ${id}`,
  summary: `Summary ${id}.`,
  date: { date: new Date('2025-03-17T19:40:00Z'), hasTime: true },
  status: 'published',
  ...overrides,
});
const settings = { site: { ads: true } };

describe('cache keys', () => {
  const key = (article: KeyedArticle, rail = [story('b'), story('c')], linked: (string | null)[] = ['/world/x/']) =>
    articlePageKey(settings, article, linked, rail);

  test('an article page key changes with the article, its status, its image, the stories it links to and its rail', () => {
    const base = key(story('a'));
    expect(key(story('a'))).toBe(base);
    for (const changed of [
      key(story('a', { digest: 'new' })),
      key(story('a', { status: 'draft' })),
      key(story('a', { image: { file: file('/_astro/x.1.jpg'), key: '/_astro/x.1.jpg' } })),
      key(story('a'), [story('b'), story('c')], ['/national/x/']),
      key(story('a'), [story('b'), story('c')], [null]),
      key(story('a'), [story('b', { title: 'Edited' }), story('c')]),
      key(story('a'), [story('c'), story('b')]),
      key(story('a'), [story('b')]),
      articlePageKey({ site: { ads: false } }, story('a'), ['/world/x/'], [story('b'), story('c')]),
    ]) {
      expect(changed).not.toBe(base);
    }
  });

  test('a lead image whose bytes change (a new hashed name) changes the key', () => {
    expect(key(story('a', { image: { file: file('/_astro/x.AAA.jpg'), key: '/_astro/x.AAA.jpg' } }))).not.toBe(
      key(story('a', { image: { file: file('/_astro/x.BBB.jpg'), key: '/_astro/x.BBB.jpg' } })),
    );
  });

  test('a rail story changes the key with what its card shows, not with its body', () => {
    const base = key(story('a'));
    for (const edit of [
      { title: 'New headline' },
      { summary: 'New summary.' },
      { date: { date: new Date('2025-03-18T10:00:00Z'), hasTime: true } },
      { date: { date: new Date('2025-03-17T19:40:00Z'), hasTime: false } },
      { status: 'embargoed' },
      { section: 'world' },
      { slug: 'renamed' },
      { image: { file: file('/_astro/thumb.1.jpg'), key: '/_astro/thumb.1.jpg' } },
    ]) {
      expect(key(story('a'), [story('b', edit), story('c')]), JSON.stringify(edit)).not.toBe(base);
    }
    expect(key(story('a'), [story('b', { digest: 'body edited' }), story('c')])).toBe(base);
  });

  test('a list page key changes with its position and what its stories show', () => {
    const base = listPageKey(settings, 'section', 'national/1/2', [story('a')]);
    expect(listPageKey(settings, 'section', 'national/1/3', [story('a')])).not.toBe(base);
    expect(listPageKey(settings, 'topic', 'national/1/2', [story('a')])).not.toBe(base);
    expect(listPageKey(settings, 'section', 'national/1/2', [story('a', { title: 'x' })])).not.toBe(base);
    expect(listPageKey(settings, 'section', 'national/1/2', [story('a', { digest: 'body edited' })])).toBe(base);
    expect(listPageKey(settings, 'section', 'national/1/2', [story('a')])).toBe(base);
  });
});
