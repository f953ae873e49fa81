import { createHash } from 'node:crypto';
import type { Story } from '../schemas/record.ts';

/**
 * The full-text search index, in shards.
 *
 * Pagefind has no incremental mode: a change to one story means indexing every story of its
 * index again (about 2 ms a story here). So stories are split by a stable hash of their id into
 * shards of at most `shardSize` (`searchShardSize` in `src/site.config.ts`), each its own Pagefind
 * bundle at `/pagefind/<n>/`, indexed again only when a story in it changes; the search page
 * merges them (Pagefind's `mergeIndex`). A newsroom of up to `shardSize` stories has one bundle.
 *
 * Records are made from the stories' data and bodies (the build's stories and the build state),
 * not from finished pages, so a shard's key depends only on what it indexes.
 */

/** Changed when what a record holds changes, so that every shard is indexed again. */
const RECORD_VERSION = 1;

/** How many shards `stories` stories take, at most `shardSize` each. */
export function shardCount(stories: number, shardSize: number): number {
  if (!(Number.isInteger(shardSize) && shardSize > 0))
    throw new Error(`the search shard size must be a whole number above 0, not ${shardSize}`);
  return Math.max(1, Math.ceil(stories / shardSize));
}

/** The shard of the story `id` among `count`: stable, whatever else is published. */
export function shardOf(id: string, count: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % count;
}

/** The site path of shard `shard`'s bundle. */
export function bundlePath(shard: number): string {
  return `/pagefind/${shard}/`;
}

/** What Pagefind indexes for one story (its `CustomRecord`). */
export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** The record of `story`, whose body is `bodyHtml`; `locale` is the site's (`en-CA`). */
export function searchRecord(story: Story, bodyHtml: string, locale: string): SearchRecord {
  return {
    url: story.path,
    content: [story.title, story.summary, story.byline, htmlToText(bodyHtml), ...story.corrections, ...story.tags].join('\n'),
    language: locale.toLowerCase(),
    meta: { title: story.title },
    filters: { section: [story.section] },
  };
}

/**
 * The key of a shard: changes when any of its stories changes in what the index holds (the
 * digest covers the body), when one joins or leaves, or when Pagefind or the record format does.
 */
export function shardKey(stories: readonly Story[], locale: string, pagefindVersion: string): string {
  const parts = stories.map((story) => [
    story.path,
    story.digest,
    story.title,
    story.summary,
    story.byline,
    story.section,
    story.corrections,
    story.tags,
  ]);
  return createHash('sha256')
    .update(JSON.stringify([RECORD_VERSION, pagefindVersion, locale, parts]))
    .digest('base64url')
    .slice(0, 24);
}

/** Splits `stories` into `shardCount(stories.length, shardSize)` shards, each in the given order. */
export function assignShards<T extends { id: string }>(stories: readonly T[], shardSize: number): T[][] {
  const count = shardCount(stories.length, shardSize);
  const shards: T[][] = Array.from({ length: count }, () => []);
  for (const story of stories) shards[shardOf(story.id, count)]!.push(story);
  return shards;
}

const BLOCK = /<\/?(?:p|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|div|section|br|hr|dd|dt|dl)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text of a sanitized body: tags dropped (block boundaries become line breaks), character
 * references decoded. Bodies are serialized by rehype, which writes only numeric references and
 * the few named ones above.
 */
export function htmlToText(html: string): string {
  return html
    .replace(BLOCK, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(?:#x([\da-f]+)|#(\d+)|([a-z]+));/gi,
      (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
        const code = hex ? parseInt(hex, 16) : decimal ? Number(decimal) : undefined;
        if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        return ENTITIES[name!.toLowerCase()] ?? whole;
      },
    )
    .replace(/[ \t]*\n\s*/g, '\n')
    .trim();
}
