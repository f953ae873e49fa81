import { createHash } from 'node:crypto';
import type { ImageMetadata } from 'astro';
import type { NewsroomDate } from './dates.ts';

/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`).
 *
 * A page whose key and module graph match the previous build is not rendered again, so a key
 * must change whenever anything the page shows changes. Astro hashes the code; the keys cover the
 * data:
 * - the build settings that come from the environment (site URL, ads, preview…), which no module
 *   hash sees;
 * - for an article page: the article (its digest: file bytes and pipeline), its status, its lead
 *   image as cut (the file's hashed name, which changes with its bytes), the addresses of the
 *   stories its body links to, and the card of every story in its rail;
 * - for a list page (section front, topic, author): its position and the card of every story it
 *   lists.
 * A card is exactly what `ArticleCard` shows of a story (`StoryCard`): editing a story's body
 * re-renders its own page only, not every list that shows its headline.
 */

/** What a list or rail shows of one story: the only fields `ArticleCard` may read. */
export interface StoryCard {
  id: string;
  section: string;
  slug: string;
  title: string;
  summary: string;
  date: NewsroomDate;
  status: string;
  image?: { file: ImageMetadata } | undefined;
}

/** A story as its own page's key sees it. */
export interface KeyedArticle extends StoryCard {
  digest: string;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

function cardKey(story: StoryCard): unknown[] {
  return [
    story.id,
    story.section,
    story.slug,
    story.title,
    story.summary,
    story.date.date.toISOString(),
    story.date.hasTime,
    story.status,
    story.image?.file.src ?? null,
  ];
}

/**
 * The key of an article page: the article, the current addresses of the stories its body links to
 * (`linked`, in link order; `null` for a story not published), and its rail, under `settings`.
 */
export function articlePageKey(
  settings: unknown,
  article: KeyedArticle,
  linked: readonly (string | null)[],
  rail: readonly StoryCard[],
): string {
  return hash(['article', settings, article.digest, cardKey(article), linked, rail.map(cardKey)]);
}

/** The key of a page that lists stories (`kind` and `position` name the page, e.g. `section`, `national/2/3`). */
export function listPageKey(settings: unknown, kind: string, position: string, stories: readonly StoryCard[]): string {
  return hash(['list', settings, kind, position, stories.map(cardKey)]);
}
