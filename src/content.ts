import type { ImageMetadata } from 'astro';
import { getCollection } from 'astro:content';
import { getPicture, imageKey, preparePictures, type Picture, type PictureKind } from './images.ts';
import { visibleArticles, type PublicationStatus } from './lib/articles.ts';
import { profileKeyParts, type ShownProfile } from './lib/authors.ts';
import { replaceBodyImages } from './lib/body-images.ts';
import type { LeadImage } from './lib/images.ts';
import { frontPageKey, listPageKey } from './lib/cache-keys.ts';
import { editionDay, formatEditionDate } from './lib/dates.ts';
import { decideBanner, decideFront, frontOrder, type FrontDecision, type ShownBanner } from './lib/fronts.ts';
import { paginate, type Page } from './lib/pagination.ts';
import { getMoreInSection } from './lib/rail.ts';
import { groupBySection } from './lib/sections.ts';
import { articlePath } from './lib/urls.ts';
import { groupByTerm, termSlug, type Term } from './lib/taxonomy.ts';
import { bodyOf } from './loader/bodies.ts';
import { devContentError } from './loader/dev-status.ts';
import type { LoadedArticle } from './loader/corpus.ts';
import { bodyImagePath } from './pipeline/body-images.ts';
import { rewriteLinks } from './lib/body-links.ts';
import { linkTargets, resolveBodyLink, type LinkTargets } from './pipeline/links.ts';
import type { BodyImageLayout } from './schemas/record.ts';
import { getBuildTime, isPreview } from './runtime.ts';
import { schemaContext, siteConfig } from './site.config.ts';
import { BuildState } from './store/build-state.ts';

/**
 * An article as pages see it: the lead image's file is resolved by Astro's image pipeline; the
 * body is read only by the article's own page (`readArticleBody`).
 */
export type Article = Omit<LoadedArticle, 'image'> & {
  image?: LeadImage | undefined;
  /** For a story without its own lead image: its section's fallback image (`content/fronts/<section>.jpg`), which cards show instead. */
  fallbackImage?: FallbackPicture | undefined;
  /** The body images the image pipeline cuts, by site path (`/media/photo.jpg`): each one's file, key (see `imageKey`) and the layouts the body shows it in. */
  bodyImages: ReadonlyMap<string, { file: ImageMetadata; key: string; layouts: BodyImageLayout[] }>;
  /** `published`, or in preview builds also `draft` or `embargoed`. */
  status: PublicationStatus;
};

/** A section's fallback image as pages see it: its file, key (see `imageKey`) and alt text. */
export interface FallbackPicture {
  file: ImageMetadata;
  key: string;
  alt: string;
}

/** The edition of a build: its calendar day in the newsroom zone, for the date strip of the home page and fronts. */
export interface Edition {
  /** `Wednesday, December 17, 2025`. */
  label: string;
  /** `2025-12-17`. */
  day: string;
}

/** An author profile as pages see it; the photo's file is there when the author has a page in this build. */
export type Profile = ShownProfile & { photoFile?: ImageMetadata | undefined };

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
  /** Every article, also unpublished ones, by id and by the paths it is served at, with whether this build shows it: what body links lead to (`resolveBodyLink`). */
  links: LinkTargets;
  /** Topics: one per tag slug, in slug order, each with its stories newest first. */
  topics: Term<Article>[];
  /** People and desks: one per byline name's slug, in slug order, each with its stories newest first. */
  people: Term<Article>[];
  /** Author profiles by author-page slug (`content/authors/*.yaml`). */
  profiles: ReadonlyMap<string, Profile>;
  /** What the home page leads with (`content/fronts/home.yaml`, else the latest stories). */
  home: FrontDecision<Article>;
  /** What each section front leads with (`content/fronts/<section>.yaml`, else its latest stories); every section present. */
  sectionFronts: ReadonlyMap<string, FrontDecision<Article>>;
  /** The breaking-news banner of the home page and fronts, while it is up. */
  banner: ShownBanner | undefined;
  /** The build's date, for the date strip of the home page and fronts. */
  edition: Edition;
}

let newsroom: Promise<Newsroom> | undefined;

/**
 * The newsroom as readers see it at the build time.
 *
 * - Production: drafts and stories dated after the build time are left out of everything.
 * - Preview: they are included, with their status, so pages can mark them.
 * - Body links to other stories lead to their URLs, or are plain text while the story is not
 *   shown (see `resolveBodyLink`).
 *
 * - In `astro dev`, while the content has errors, throws them (see `devContentError`): the
 *   browser shows the problem list.
 *
 * The only caller of `getCollection`; memoised, so every page of a build shares one copy. The
 * first call comes from a route's `getStaticPaths()` (or from a page without a cache key), which
 * is where the images of every story are cut (`preparePictures`).
 */
export async function getNewsroom(): Promise<Newsroom> {
  // In `astro dev`, content errors are shown instead of a page (Astro's error overlay).
  const contentError = await devContentError();
  if (contentError) throw contentError;
  newsroom ??= (async () => {
    const now = getBuildTime();
    const preview = isPreview();
    const state = BuildState.open(siteConfig.cacheDir);
    const records = (await getCollection('articles')).map(({ id, data }) => joinRecord(id, data, state));
    const fallbacks = new Map<string, FallbackPicture>(
      (await getCollection('fallbacks')).map(({ data: { fallback, image } }) => [
        fallback.section,
        { file: image.file, key: imageKey(image.file), alt: fallback.alt ?? `${sectionName(fallback.section)} news` },
      ]),
    );
    const articles: Article[] = visibleArticles(records, now, preview).map((article) =>
      article.image || !fallbacks.has(article.section) ? article : { ...article, fallbackImage: fallbacks.get(article.section) },
    );
    const profiles = new Map((await getCollection('authors')).map(({ data }) => [data.profile.slug, toProfile(data)]));
    const shown = new Set(articles.map((article) => article.id));
    const bySection = groupBySection(articles, siteConfig.sections);
    const fronts = new Map(state.fronts().fronts.map((front) => [front.name, front]));
    const home = decideFront(fronts.get('home'), articles, now);
    const sectionFronts = new Map(
      siteConfig.sections.map(({ slug }) => [slug, decideFront(fronts.get(slug), bySection.get(slug) ?? [], now)]),
    );
    await preparePictures(articles, profiles.values(), fallbackCuts(articles, [home, ...sectionFronts.values()]));
    return {
      articles,
      bySection,
      home,
      sectionFronts,
      banner: decideBanner(
        fronts.get('home'),
        articles,
        now,
        siteConfig.sections.map((section) => section.slug),
      ),
      edition: { label: formatEditionDate(now, siteConfig.timeZone), day: editionDay(now, siteConfig.timeZone) },
      topics: groupByTerm(articles, (article) => article.tags),
      people: groupByTerm(articles, (article) => article.authors),
      profiles,
      preview,
      links: linkTargets(records.map((record) => ({ ...record, shown: shown.has(record.id) }))),
      settings: { site: siteConfig, preview },
    };
  })();
  return newsroom;
}

/**
 * The cuts of fallback images the pages show: a thumbnail for each section that has a story
 * without its own image, and the lead size for each front led by such a story.
 */
function fallbackCuts(
  articles: readonly Article[],
  decisions: readonly FrontDecision<Article>[],
): { file: ImageMetadata; kind: PictureKind }[] {
  return [
    ...articles.flatMap((article) => (article.fallbackImage ? [{ file: article.fallbackImage.file, kind: 'thumbnail' as const }] : [])),
    ...decisions.flatMap(({ lead }) => (lead?.fallbackImage ? [{ file: lead.fallbackImage.file, kind: 'lead' as const }] : [])),
  ];
}

/** A profile of the `authors` collection, with its photo's file and key when registered. */
function toProfile({ profile, photo }: { profile: Profile & { filePath?: string }; photo?: { file: ImageMetadata } | undefined }): Profile {
  const { filePath: _file, ...shown } = profile;
  return { ...shown, ...(photo ? { photoFile: photo.file, photoKey: imageKey(photo.file) } : {}) };
}

/** An entry of the collection (lead and body image files) joined with its record in the build state (found by the digest the content loader read for `id`). */
function joinRecord(
  id: string,
  {
    image,
    bodyImages = [],
  }: { image?: { file: ImageMetadata } | undefined; bodyImages?: { path: string; file: ImageMetadata }[] | undefined },
  state: BuildState,
) {
  const digest = state.articleDigest(id);
  const entry = digest === undefined ? undefined : state.articles().get(digest);
  if (!entry || digest === undefined) {
    throw new Error(
      `the record of article ${id} (${digest ?? 'not read by the content loader'}) is missing from the build state in ${state.folder}; run the build again`,
    );
  }
  const { record, body } = entry;
  const joined: Omit<Article, 'status'> = {
    ...record,
    digest,
    body,
    image: record.image && image ? { ...record.image, file: image.file, key: imageKey(image.file) } : undefined,
    bodyImages: new Map(
      bodyImages.map(({ path, file }) => {
        const layouts = record.images
          .filter((image) => bodyImagePath(image.url, articlePath(record)) === path)
          .map((image) => image.layout);
        return [path, { file, key: imageKey(file), layouts: [...new Set(layouts)] }];
      }),
    ),
  };
  return joined;
}

/**
 * The body of `article` as HTML, from the build state (rendered again from its file when the kept
 * copy is damaged; see `bodyOf`), with its links to other stories as this build shows them
 * (`resolveBodyLink`): to their URLs, or their words only while they are not published.
 */
export async function readArticleBody(room: Newsroom, article: Article): Promise<string> {
  const state = BuildState.open(siteConfig.cacheDir);
  const { html, rendered } = await bodyOf(article, { objects: state.objects, root: state.projectRoot(), context: schemaContext });
  // The next build processes the article again, and keeps a good copy.
  if (rendered) state.articles().forget(article.digest);
  const from = { id: article.id, pagePath: articlePath(article) };
  const linked = article.links.length === 0 ? html : rewriteLinks(html, (href) => resolveBodyLink(href, from, room.links)?.href);
  return replaceBodyImages(linked, await bodyPictures(article));
}

/** The cut pictures of `article`'s body images, looked up as `replaceBodyImages` asks for them. */
async function bodyPictures(article: Article): Promise<(src: string, layout: BodyImageLayout) => Picture | undefined> {
  const page = articlePath(article);
  const cut = new Map<string, Picture>();
  for (const [path, { file, layouts }] of article.bodyImages) {
    for (const layout of layouts) cut.set(`${layout} ${path}`, await getPicture(file, layout));
  }
  return (src, layout) => {
    const path = bodyImagePath(src, page);
    return path === undefined ? undefined : cut.get(`${layout} ${path}`);
  };
}

/**
 * What an article page shows besides its record, rail and linked stories, for its cache key: its
 * body images as cut (their keys change with their bytes) and the profiles of its byline's
 * names (its structured data names their pages elsewhere).
 */
export function articlePageShows(room: Newsroom, article: Article): unknown {
  return {
    images: [...article.bodyImages].map(([path, { key }]) => [path, key]),
    profiles: article.authors.map((name) => profileKeyParts(room.profiles.get(termSlug(name)))),
  };
}

/**
 * Where each link of `article`'s body that leads to a story goes in this build, in link order:
 * its URL, or `null` while the story is not shown (see `resolveBodyLink`). Part of the article
 * page's cache key: a linked story that moves, or whose embargo lifts, changes the page.
 */
export function linkedArticlePaths(room: Newsroom, article: Pick<Article, 'id' | 'links' | 'section' | 'slug'>): (string | null)[] {
  const from = { id: article.id, pagePath: articlePath(article) };
  return article.links.flatMap((link) => {
    const resolved = resolveBodyLink(link.url, from, room.links);
    return resolved ? [resolved.href] : [];
  });
}

/**
 * The published stories of `articles`: all of them in production; in a preview, feeds and the
 * news sitemap still list no draft or embargoed story.
 */
export function publishedOnly(articles: readonly Article[]): Article[] {
  return articles.filter((article) => article.status === 'published');
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

/**
 * Every page of every section front: the stories in the front's order (lead, top stories, then
 * the rest newest first, see `decideFront`), `sectionPageSize` a page. The first page shows the
 * lead and `topCount` top stories above the list, with the date strip and the banner, which its
 * cache key covers (`frontPageKey`).
 */
export function sectionFrontPages(room: Newsroom): { group: StoryGroup; page: Page<Article>; topCount: number; cacheKey: string }[] {
  const groups = siteConfig.sections.map(({ slug, name }) => {
    const decision = room.sectionFronts.get(slug);
    return { slug, name, articles: decision ? frontOrder(decision) : [], topCount: decision?.top.length ?? 0 };
  });
  return listPages(room, 'section', groups).map(({ group, page, cacheKey }) => {
    if (page.number > 1) return { group, page, topCount: 0, cacheKey };
    const topCount = groups.find((candidate) => candidate.slug === group.slug)?.topCount ?? 0;
    return {
      group,
      page,
      topCount,
      cacheKey: frontPageKey(cacheKey, { edition: room.edition.day, banner: room.banner ?? null, topCount }),
    };
  });
}

/** The "More <Section> Articles" rail of `article`. */
export function railFor(room: Newsroom, article: Article): Article[] {
  return getMoreInSection(article, room.bySection.get(article.section) ?? [], siteConfig.railSize);
}
