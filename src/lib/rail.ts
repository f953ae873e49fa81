import type { Dated } from './articles.ts';

/**
 * The "More <Section> Articles" rail for one article.
 *
 * - `sectionArticles` is the article's section, newest first (see `groupBySection`).
 * - The article itself never appears; the rest keep their order.
 * - At most `size` items; fewer when the section has fewer; none for a section of one.
 * - Looks at no more than `size + 1` items, so all rails of a build cost O(articles × size).
 */
export function getMoreInSection<T extends Dated>(article: Dated, sectionArticles: readonly T[], size: number): T[] {
  const rail: T[] = [];
  for (const candidate of sectionArticles) {
    if (rail.length >= size) break;
    if (candidate.id !== article.id) rail.push(candidate);
  }
  return rail;
}
