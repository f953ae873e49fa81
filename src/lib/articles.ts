import { compareStrings } from '../pipeline/problems.ts';
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
  return !article.draft && article.date.date.getTime() <= now.getTime();
}
