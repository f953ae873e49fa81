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
 *   stories its body links to, the card of every story in its rail, and what else it shows
 *   (its body images as cut, its byline's profiles: `articlePageShows` in `src/content.ts`);
 * - for an author page: its list's key and everything the author's profile shows;
 * - for a list page (section front, topic, author): its position and the card of every story it
 *   lists (a section's list in its front's order);
 * - for a section front's first page, also what changes with the build's time and the front
 *   files: the date strip, the banner, and how many top stories follow the lead.
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
  image?: { file: ImageMetadata; key: string; alt?: string | undefined } | undefined;
  /** Shown instead of `image` by a story without one: its section's fallback image. */
  fallbackImage?: { file: ImageMetadata; key: string; alt: string } | undefined;
}

/** A story as its own page's key sees it. */
export interface KeyedArticle extends StoryCard {
  digest: string;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

/**
 * `hash(derive(value))`, computed once per object: the stories and settings of a build are the
 * same objects on every page, and a story shows up in many rails and lists.
 */
function memoised<T extends object>(derive: (value: T) => unknown): (value: T) => string {
  const digests = new WeakMap<T, string>();
  return (value) => {
    let digest = digests.get(value);
    if (digest === undefined) {
      digest = hash(derive(value));
      digests.set(value, digest);
    }
    return digest;
  };
}

const cardKey = memoised((story: StoryCard) => [
  story.id,
  story.section,
  story.slug,
  story.title,
  story.summary,
  story.date.date.toISOString(),
  story.date.hasTime,
  story.status,
  story.image ? [story.image.key, story.image.alt ?? null] : null,
  story.fallbackImage ? [story.fallbackImage.key, story.fallbackImage.alt] : null,
]);

const objectKey = memoised((settings: object) => settings);

/** The settings' digest: computed once when they are an object (as in a build), else of the value. */
function settingsKey(settings: unknown): string {
  return typeof settings === 'object' && settings !== null ? objectKey(settings) : hash(settings);
}

/**
 * The key of an article page: the article, the current addresses of the stories its body links to
 * (`linked`, in link order; `null` for a story not published), its rail, and what else it shows
 * (`shows`: plain data), under `settings`.
 */
export function articlePageKey(
  settings: unknown,
  article: KeyedArticle,
  linked: readonly (string | null)[],
  rail: readonly StoryCard[],
  shows: unknown = null,
): string {
  return hash(['article', settingsKey(settings), article.digest, cardKey(article), linked, rail.map(cardKey), shows]);
}

/** The key of a page of an author's list (`listKey`, see `listPageKey`) that also shows their profile (`profile`: plain data, see `profileKeyParts`). */
export function authorPageKey(listKey: string, profile: unknown): string {
  return hash(['author', listKey, profile]);
}

/** The key of a page that lists stories (`kind` and `position` name the page, e.g. `section`, `national/2/3`). */
export function listPageKey(settings: unknown, kind: string, position: string, stories: readonly StoryCard[]): string {
  return hash(['list', settingsKey(settings), kind, position, stories.map(cardKey)]);
}

/**
 * The key of a section front's first page: its list's key (`listKey`, see `listPageKey`; the
 * stories in the front's order) and what else it shows (`shows`: plain data: the edition's day,
 * the banner, the number of top stories), which changes with the build's time and the front files.
 */
export function frontPageKey(listKey: string, shows: unknown): string {
  return hash(['front', listKey, shows]);
}
