import { compareStrings } from './strings.ts';
import type { PublicationStatus } from '../schemas/record.ts';
import type { NewsroomDate } from './dates.ts';

/** The fields orderings and selections need. */
export interface Dated {
  id: string;
  date: NewsroomDate;
}

/** Newest first; equal times ordered by id, so every ordering is deterministic. */
export function compareNewestFirst(a: Dated, b: Dated): number {
  return b.date.date.getTime() - a.date.date.getTime() || compareStrings(a.id, b.id);
}

/** A copy of `items`, newest first. */
export function sortNewestFirst<T extends Dated>(items: readonly T[]): T[] {
  return [...items].sort(compareNewestFirst);
}

/**
 * Whether readers may see an article at `now`.
 *
 * - Drafts are never published.
 * - An article dated after `now` is embargoed until a build at or after its time.
 */
export function isPublished(article: Dated & { draft: boolean }, now: Date): boolean {
  return publicationStatus(article, now) === 'published';
}

export type { PublicationStatus };

/** The publication status of an article at `now`: drafts first, then embargo by date. */
export function publicationStatus(article: Dated & { draft: boolean }, now: Date): PublicationStatus {
  if (article.draft) return 'draft';
  return article.date.date.getTime() > now.getTime() ? 'embargoed' : 'published';
}

/**
 * The articles a build shows, with their status at `now`, newest first: the published ones, and in
 * a preview build also drafts and embargoed ones. The pages (`getNewsroom()`) and the build report
 * (written by the content loader) both select with this.
 */
export function visibleArticles<T extends Dated & { draft: boolean }>(
  records: readonly T[],
  now: Date,
  preview: boolean,
): (T & { status: PublicationStatus })[] {
  return sortNewestFirst(
    records
      .map((record) => ({ ...record, status: publicationStatus(record, now) }))
      .filter((article) => preview || article.status === 'published'),
  );
}

/**
 * When an article last changed for readers: the latest of `updated` and its corrections'
 * dates, or undefined when it has neither.
 */
export function lastModified(article: {
  updated?: NewsroomDate | undefined;
  corrections: readonly { date: NewsroomDate }[];
}): NewsroomDate | undefined {
  const candidates = [article.updated, ...article.corrections.map((correction) => correction.date)].filter(
    (value): value is NewsroomDate => value !== undefined,
  );
  return candidates.reduce<NewsroomDate | undefined>(
    (latest, value) => (latest === undefined || value.date > latest.date ? value : latest),
    undefined,
  );
}
