/**
 * The newsroom: everything about the site that is not content.
 *
 * One typed object read by the content pipeline, the pages and the tests. Sections are a closed
 * vocabulary: the list below feeds the frontmatter schema (`section` must be one of these slugs),
 * the routes (`/<slug>/`) and the navigation, in this order.
 */
export const SECTIONS = [
  /** National politics and news from across Canada. */
  { slug: 'national', name: 'National' },
  /** International news. */
  { slug: 'world', name: 'World' },
  /** Business, trade and personal finance. */
  { slug: 'business', name: 'Business' },
  /** Local news from the communities the newsroom serves. */
  { slug: 'community', name: 'Community' },
  /** Health and wellness. */
  { slug: 'health', name: 'Health' },
  /** Sports. */
  { slug: 'sports', name: 'Sports' },
] as const;

export type SectionSlug = (typeof SECTIONS)[number]['slug'];

export interface SiteConfig {
  /** The newsroom's name, shown in the masthead, titles and feeds. */
  name: string;
  /** One line describing the newsroom, used as the home page's meta description. */
  tagline: string;
  /** Absolute base URL of the deployed site, without a trailing slash. */
  url: string;
  /** BCP 47 locale for dates and the `lang` attribute. Default `en-CA`. */
  locale: string;
  /** IANA time zone of the newsroom. Dates without an offset are read, and all dates shown, in it. Default `America/Vancouver`. */
  timeZone: string;
  /** The sections, in navigation order. */
  sections: ReadonlyArray<{ readonly slug: SectionSlug; readonly name: string }>;
  /** How many stories a "More <Section> Articles" rail holds. Default 6. */
  railSize: number;
  /** How many stories one page of a section front holds. Default 10. */
  sectionPageSize: number;
  /** How many stories the home page's "Latest" list holds. Default 8. */
  homeLatestCount: number;
  /** How many stories each section block on the home page holds. Default 4. */
  homeSectionCount: number;
  /** Byline that `npm run new` puts on a new article. Default `Darpan News Desk`. */
  defaultByline: string;
  /** Whether reserved "ADVT" ad slots are rendered. Default true. */
  ads: boolean;
  /** Folder of Markdown articles, relative to the project root. Default `content`; env `DATELINE_CONTENT_DIR` overrides it. */
  contentDir: string;
  /** Astro's cache folder, which also holds Dateline's article cache; keep it between CI builds. Default `node_modules/.astro`; env `DATELINE_CACHE_DIR` overrides it. */
  cacheDir: string;
  /** How many stories, newest first, each RSS feed (the site's and each section's) holds. Default 50. */
  feedSize: number;
  /**
   * Stories per search-index shard at most (see `src/lib/search-index.ts`): a shard indexes in
   * about 2 ms a story, and each further shard adds one ~60 KB download to a reader's first search.
   * Default 1000; env `DATELINE_SEARCH_SHARD_SIZE` overrides it.
   */
  searchShardSize: number;
  /** The publisher's logo for search engines (JSON-LD): a raster file in `public/` and its size in pixels. */
  logo: { readonly src: string; readonly width: number; readonly height: number };
  /** The Google News sitemap: publication name and ISO 639 language code, exactly as registered with Google News. */
  news: { readonly publicationName: string; readonly language: string };
  /** The newsroom's X (Twitter) account, e.g. `@datelinenews`, for `twitter:site`. Default none. */
  twitterSite?: string | undefined;
}

export const siteConfig: SiteConfig = {
  name: 'Dateline News',
  tagline: 'News for Canada’s communities, from the national stage to the neighbourhood.',
  url: process.env['DATELINE_SITE_URL'] ?? 'https://news.example.com',
  locale: 'en-CA',
  timeZone: process.env['DATELINE_TIME_ZONE'] ?? 'America/Vancouver',
  sections: SECTIONS,
  railSize: 6,
  sectionPageSize: 10,
  homeLatestCount: 8,
  homeSectionCount: 4,
  defaultByline: 'Darpan News Desk',
  ads: process.env['DATELINE_ADS'] !== 'off',
  contentDir: process.env['DATELINE_CONTENT_DIR'] ?? 'content',
  cacheDir: process.env['DATELINE_CACHE_DIR'] ?? 'node_modules/.astro',
  feedSize: 50,
  searchShardSize: Number(process.env['DATELINE_SEARCH_SHARD_SIZE'] ?? 1000),
  logo: { src: '/logo.png', width: 512, height: 512 },
  news: { publicationName: 'Dateline News', language: 'en' },
  twitterSite: undefined,
};

/** The newsroom settings structured data and feeds need, in one object. */
export const newsroomContext = {
  siteName: siteConfig.name,
  siteUrl: siteConfig.url,
  locale: siteConfig.locale,
  timeZone: siteConfig.timeZone,
  logo: siteConfig.logo,
};
