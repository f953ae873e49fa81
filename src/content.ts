import type { ImageMetadata } from 'astro';
import { getCollection } from 'astro:content';
import { imageKey, preparePictures } from './images.ts';
import { visibleArticles, type PublicationStatus } from './lib/articles.ts';
import type { LeadImage } from './lib/images.ts';
import { listPageKey } from './lib/cache-keys.ts';
import { paginate, type Page } from './lib/pagination.ts';
import { getMoreInSection } from './lib/rail.ts';
import { groupBySection } from './lib/sections.ts';
import { articlePath } from './lib/urls.ts';
import { groupByTerm, type Term } from './lib/taxonomy.ts';
import { bodyOf } from './loader/bodies.ts';
import type { LoadedArticle } from './loader/corpus.ts';
import { ARTICLE_LINK_SCHEME, classifyLink, resolveArticleFileLink } from './pipeline/links.ts';
import { getBuildTime, isPreview } from './runtime.ts';
import { schemaContext, siteConfig } from './site.config.ts';
import { BuildState } from './store/build-state.ts';

/**
 * An article as pages see it: the lead image's file is resolved by Astro's image pipeline; the
 * body is read only by the article's own page (`readArticleBody`).
 */
export type Article = Omit<LoadedArticle, 'image'> & {
  image?: LeadImage | undefined;
  /** `published`, or in preview builds also `draft` or `embargoed`. */
  status: PublicationStatus;
};

/** Everything pages need about the newsroom, computed once per build. */
export interface Newsroom {
  /** The articles readers see (in preview also drafts and embargoed ones), newest first. */
  articles: Article[];
  /** Those articles per configured section, newest first; every section present. */
  bySection: Map<string, Article[]>;
  /** Whether this is a preview (drafts and embargoed stories shown, with banners). */
  preview: boolean;
  /** What, besides the stories, shapes every page: settings from the environment (see `cache-keys.ts`). */
  settings: unknown;
  /** Every article by id, also unpublished ones, for resolving links between files. */
  byId: ReadonlyMap<string, Pick<Article, 'section' | 'slug'>>;
  /** Topics: one per tag slug, in slug order, each with its stories newest first. */
  topics: Term<Article>[];
  /** People and desks: one per byline name's slug, in slug order, each with its stories newest first. */
  people: Term<Article>[];
}

let newsroom: Promise<Newsroom> | undefined;

/**
 * The newsroom as readers see it at the build time.
 *
 * - Production: drafts and stories dated after the build time are left out of everything.
 * - Preview: they are included, with their status, so pages can mark them.
 * - Links to other articles' files are resolved to the articles' URLs.
 *
 * The only caller of `getCollection`; memoised, so every page of a build shares one copy. The
 * first call comes from a route's `getStaticPaths()` (or from a page without a cache key), which
 * is where the images of every story are cut (`preparePictures`).
 */
export function getNewsroom(): Promise<Newsroom> {
  newsroom ??= (async () => {
    const now = getBuildTime();
    const preview = isPreview();
    const state = BuildState.open(siteConfig.cacheDir);
    const records = (await getCollection('articles')).map(({ id, data }) => joinRecord(id, data, state));
    const byId = new Map(records.map((record) => [record.id, record]));
    const articles = visibleArticles(records, now, preview);
    await preparePictures(articles);
    return {
      articles,
      bySection: groupBySection(articles, siteConfig.sections),
      topics: groupByTerm(articles, (article) => article.tags),
      people: groupByTerm(articles, (article) => article.authors),
      preview,
      byId,
      settings: { site: siteConfig, preview },
    };
  })();
  return newsroom;
}

/** An entry of the collection (digest and lead image file) joined with its record in the build state. */
function joinRecord(id: string, { digest, image }: { digest: string; image?: { file: ImageMetadata } | undefined }, state: BuildState) {
  const entry = state.articles().get(digest);
  if (!entry) {
    throw new Error(`the record of article ${id} (${digest}) is missing from the build state in ${state.folder}; run the build again`);
  }
  const { record, body } = entry;
  const joined: Omit<Article, 'status'> = {
    ...record,
    digest,
    body,
    image: record.image && image ? { ...record.image, file: image.file, key: imageKey(image.file) } : undefined,
  };
  return joined;
}

/**
 * The body of `article` as HTML, from the build state (rendered again from its file when the kept
 * copy is damaged; see `bodyOf`), with links to other articles' files turned into their URLs.
 */
export async function readArticleBody(room: Newsroom, article: Article): Promise<string> {
  const state = BuildState.open(siteConfig.cacheDir);
  const { html, rendered } = await bodyOf(article, { objects: state.objects, root: state.projectRoot(), context: schemaContext });
  // The next build processes the article again, and keeps a good copy.
  if (rendered) state.articles().forget(article.digest);
  return resolveArticleLinks(html, room.byId);
}

/**
 * The addresses of the articles `article`'s body links to by file (`../02/other.md`), in link
 * order, as `readArticleBody` writes them; `null` for a file that is not an article. Part of the
 * article page's cache key: a linked story that moves moves the link.
 */
export function linkedArticlePaths(room: Newsroom, article: Pick<Article, 'id' | 'links'>): (string | null)[] {
  return article.links
    .filter((link) => classifyLink(link.url) === 'article-file')
    .map((link) => {
      const target = resolveArticleFileLink(article.id, link.url);
      const found = target && room.byId.get(target.id);
      return found ? articlePath(found) : null;
    });
}

/** Replaces `dateline-article:<id>#hash` hrefs with the target article's URL. */
function resolveArticleLinks(html: string, byId: ReadonlyMap<string, { section: string; slug: string }>): string {
  if (!html.includes(ARTICLE_LINK_SCHEME)) return html;
  return html.replace(/href="dateline-article:([^"#]*)(#[^"]*)?"/g, (whole, id: string, hash: string | undefined) => {
    const target = byId.get(id);
    return target ? `href="${articlePath(target)}${hash ?? ''}"` : whole;
  });
}

/** The display name of a configured section. */
export function sectionName(slug: string): string {
  return siteConfig.sections.find((section) => section.slug === slug)?.name ?? slug;
}

/** A group of stories with its own paginated list: a section, a topic or a person. */
export interface StoryGroup {
  slug: string;
  name: string;
  articles: Article[];
}

/**
 * Every page of every group's list (`sectionPageSize` stories each, newest first), each with its
 * incremental-build cache key. `kind` (`section`, `topic`, `author`) keeps the keys of different
 * lists apart.
 */
export function listPages(
  room: Newsroom,
  kind: string,
  groups: readonly StoryGroup[],
): { group: StoryGroup; page: Page<Article>; cacheKey: string }[] {
  return groups.flatMap((group) =>
    paginate(group.articles, siteConfig.sectionPageSize).map((page) => ({
      group,
      page,
      cacheKey: listPageKey(room.settings, kind, `${group.slug}/${group.name}/${page.number}/${page.total}`, page.items),
    })),
  );
}

/** The "More <Section> Articles" rail of `article`. */
export function railFor(room: Newsroom, article: Article): Article[] {
  return getMoreInSection(article, room.bySection.get(article.section) ?? [], siteConfig.railSize);
}
