import { getCollection } from 'astro:content';
import { isPublished, sortNewestFirst } from './lib/articles.ts';
import { getBuildTime } from './lib/build-time.ts';
import type { LeadImage } from './lib/images.ts';
import { getMoreInSection } from './lib/rail.ts';
import { groupBySection } from './lib/sections.ts';
import { groupByTerm, type Term } from './lib/taxonomy.ts';
import type { ArticleRecord } from './pipeline/article.ts';
import { siteConfig, type SectionSlug } from './site.config.ts';

/** An article as pages see it: the lead image's file is resolved by Astro's image pipeline. */
export type Article = Omit<ArticleRecord, 'image'> & { image?: LeadImage | undefined };

/** Everything pages need about the published newsroom, computed once per build. */
export interface Newsroom {
  /** Published articles, newest first. */
  articles: Article[];
  /** Published articles per configured section, newest first; every section present. */
  bySection: Map<string, Article[]>;
  /** Topics: one per tag slug, in slug order, each with its stories newest first. */
  topics: Term<Article>[];
  /** People and desks: one per byline name's slug, in slug order, each with its stories newest first. */
  people: Term<Article>[];
}

let newsroom: Promise<Newsroom> | undefined;

/**
 * The published newsroom: drafts and articles dated after the build time are left out.
 *
 * The only caller of `getCollection`; memoised, so every page of a build shares one copy.
 */
export function getNewsroom(): Promise<Newsroom> {
  newsroom ??= (async () => {
    const now = getBuildTime();
    const entries = await getCollection('articles');
    const articles = sortNewestFirst(
      entries
        .map((entry) => ({ ...(entry.data as Omit<Article, 'html'>), html: entry.rendered?.html ?? '' }))
        .filter((article) => isPublished(article, now)),
    );
    return {
      articles,
      bySection: groupBySection(articles, siteConfig.sections),
      topics: groupByTerm(articles, (article) => article.tags),
      people: groupByTerm(articles, (article) => article.authors),
    };
  })();
  return newsroom;
}

/** The display name of a configured section. */
export function sectionName(slug: string): string {
  return siteConfig.sections.find((section) => section.slug === slug)?.name ?? slug;
}

/** The "More <Section> Articles" rail of `article`. */
export function railFor(room: Newsroom, article: Article): Article[] {
  return getMoreInSection(article, room.bySection.get(article.section as SectionSlug) ?? [], siteConfig.railSize);
}
