import { describe, expect, test } from 'vitest';
import type { Story } from '../../src/schemas/record.ts';
import { assignShards, bundlePath, htmlToText, searchRecord, shardCount, shardKey, shardOf } from '../../src/lib/search-index.ts';

const SHARD_SIZE = 2000;

function story(id: string, overrides: Partial<Story> = {}): Story {
  return {
    id,
    path: `/national/${id}/`,
    digest: `digest-${id}`,
    filePath: `content/${id}.md`,
    body: { pack: 'pack', start: 0, length: 0, sha: '' },
    lastmod: '2025-03-17T12:40:00-07:00',
    media: [],
    title: `Title ${id}`,
    summary: 'Summary.',
    section: 'National',
    byline: 'Darpan News Desk',
    authors: ['Darpan News Desk'],
    tags: ['Trade'],
    corrections: [],
    status: 'published',
    ...overrides,
  };
}

describe('search index shards', () => {
  test('one shard up to SHARD_SIZE stories, then one more per SHARD_SIZE', () => {
    expect(shardCount(0, SHARD_SIZE)).toBe(1);
    expect(shardCount(SHARD_SIZE, SHARD_SIZE)).toBe(1);
    expect(shardCount(SHARD_SIZE + 1, SHARD_SIZE)).toBe(2);
    expect(shardCount(5 * SHARD_SIZE, SHARD_SIZE)).toBe(5);
    expect(bundlePath(3)).toBe('/pagefind/3/');
    expect(shardCount(11, 5)).toBe(3);
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => shardCount(10, size)).toThrow('search shard size');
  });

  test('a story stays in its shard whatever else is published', () => {
    const ids = Array.from({ length: 500 }, (_, index) => `2025/03/story-${index}`);
    const before = ids.map((id) => shardOf(id, 4));
    expect(ids.map((id) => shardOf(id, 4))).toEqual(before);
    expect(new Set(before)).toEqual(new Set([0, 1, 2, 3]));
    const shards = assignShards(
      ids.map((id) => ({ id })),
      SHARD_SIZE,
    );
    expect(shards).toHaveLength(1);
    expect(shards[0]).toHaveLength(500);
  });

  test('shards are balanced and every story is in exactly one', () => {
    const stories = Array.from({ length: 3 * SHARD_SIZE }, (_, index) => ({ id: `id-${index}` }));
    const shards = assignShards(stories, SHARD_SIZE);
    expect(shards).toHaveLength(3);
    expect(
      shards
        .flat()
        .map((item) => item.id)
        .sort(),
    ).toEqual(stories.map((item) => item.id).sort());
    for (const shard of shards) expect(Math.abs(shard.length - SHARD_SIZE)).toBeLessThan(SHARD_SIZE * 0.1);
  });

  test('a shard key changes with any indexed field, a story joining or leaving, or the Pagefind version; not with lastmod or media', () => {
    const base = [story('a'), story('b')];
    const key = shardKey(base, 'en-CA', '1.6.0');
    expect(shardKey([story('a'), story('b')], 'en-CA', '1.6.0')).toBe(key);
    for (const changed of [
      [story('a', { digest: 'other' }), story('b')],
      [story('a', { title: 'New headline' }), story('b')],
      [story('a', { summary: 'New.' }), story('b')],
      [story('a', { byline: 'Someone Else' }), story('b')],
      [story('a', { section: 'World', path: '/world/a/' }), story('b')],
      [story('a', { corrections: ['A correction.'] }), story('b')],
      [story('a', { tags: [] }), story('b')],
      [story('a')],
      [story('a'), story('b'), story('c')],
    ]) {
      expect(shardKey(changed, 'en-CA', '1.6.0')).not.toBe(key);
    }
    expect(shardKey(base, 'en-CA', '1.7.0')).not.toBe(key);
    expect(shardKey([story('a', { lastmod: '2026-01-01T00:00:00-08:00', media: ['/media/x.png'] }), story('b')], 'en-CA', '1.6.0')).toBe(
      key,
    );
  });
});

describe('search records', () => {
  test('headline, dek, byline, body text, corrections and topics; title and section for the results', () => {
    const record = searchRecord(
      story('a', { corrections: ['An earlier version misspelled a name.'] }),
      '<p>Body &#x26; more.</p>',
      'en-CA',
    );
    expect(record).toEqual({
      url: '/national/a/',
      content: 'Title a\nSummary.\nDarpan News Desk\nBody & more.\nAn earlier version misspelled a name.\nTrade',
      language: 'en-ca',
      meta: { title: 'Title a' },
      filters: { section: ['National'] },
    });
  });

  test('body text: tags dropped, blocks on lines of their own, references decoded, nothing else touched', () => {
    expect(
      htmlToText(
        '<h2 id="user-content-x">Heading</h2><p>One <strong>bold</strong> &#x3C;b&#x3E; &amp; &#8212; &nbsp;x</p><ul><li>A</li><li>B</li></ul><p>AT&amp;T &bogus;</p>',
      ),
    ).toBe('Heading\nOne bold <b> & \u2014 \u00a0x\nA\nB\nAT&T &bogus;');
    expect(htmlToText('<p>Invalid &#x110000; stays</p>')).toBe('Invalid &#x110000; stays');
  });
});
