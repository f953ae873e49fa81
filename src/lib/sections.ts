import { sortNewestFirst, type Dated } from './articles.ts';

/**
 * Articles grouped by section, each group newest first.
 *
 * Every configured section has a group, empty when it has no articles; the map iterates in the
 * configured order.
 */
export function groupBySection<T extends Dated & { section: string }>(
  articles: readonly T[],
  sections: ReadonlyArray<{ slug: string }>,
): Map<string, T[]> {
  const groups = new Map<string, T[]>(sections.map((section) => [section.slug, []]));
  for (const article of sortNewestFirst(articles)) groups.get(article.section)?.push(article);
  return groups;
}
