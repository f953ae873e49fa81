import { createHash } from 'node:crypto';

/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`).
 *
 * A page whose key and module graph match the previous build is copied, not rendered, so a key
 * must change whenever anything the page shows changes. Astro hashes the code; the keys cover the
 * data:
 * - the build settings that come from the environment (site URL, ads, preview…), which no module
 *   hash sees;
 * - for an article page: the article (its digest: file bytes and pipeline), its status, its lead
 *   image as resolved (the image's hashed file name), and every story in its rail the same way;
 * - for a list page (section front, topic, author): its position and every story it lists.
 */

/** What a page shows of one story in a list or rail. */
export interface KeyedStory {
  id: string;
  digest: string;
  status: string;
  image?: { src: unknown } | undefined;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

function storyKey(story: KeyedStory): unknown[] {
  const src = story.image?.src;
  return [
    story.id,
    story.digest,
    story.status,
    typeof src === 'object' && src !== null && 'src' in src ? (src as { src: unknown }).src : (src ?? null),
  ];
}

/** The key of an article page: the article and its rail, under `settings`. */
export function articlePageKey(settings: unknown, article: KeyedStory, rail: readonly KeyedStory[]): string {
  return hash(['article', settings, storyKey(article), rail.map(storyKey)]);
}

/** The key of a page that lists stories (`kind` and `position` name the page, e.g. `section`, `national/2/3`). */
export function listPageKey(settings: unknown, kind: string, position: string, stories: readonly KeyedStory[]): string {
  return hash(['list', settings, kind, position, stories.map(storyKey)]);
}
