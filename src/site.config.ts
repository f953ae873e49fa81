import { buildFolders, defineSiteConfig, readEnv } from './schemas/site.ts';

/**
 * The newsroom: everything about the site that is not content.
 *
 * One object read by the content pipeline, the pages and the tests, validated when it is loaded
 * (`src/schemas/site.ts`: every setting's meaning and rule). Sections are a closed vocabulary:
 * the list below feeds the frontmatter schema (`section` must be one of these slugs), the routes
 * (`/<slug>/`) and the navigation, in this order.
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

const env = readEnv(process.env);
const folders = buildFolders(env);

/** The example site URL: a production build with it warns, and the sample workflow refuses to deploy it. */
export const EXAMPLE_SITE_URL = 'https://news.example.com';

export const siteConfig = defineSiteConfig({
  name: 'Dateline News',
  tagline: 'News for Canada’s communities, from the national stage to the neighbourhood.',
  url: env.DATELINE_SITE_URL ?? EXAMPLE_SITE_URL,
  locale: 'en-CA',
  timeZone: env.DATELINE_TIME_ZONE ?? 'America/Vancouver',
  sections: [...SECTIONS],
  railSize: 6,
  sectionPageSize: 10,
  homeLatestCount: 8,
  homeSectionCount: 4,
  defaultByline: 'Darpan News Desk',
  ads: env.DATELINE_ADS !== 'off',
  contentDir: env.DATELINE_CONTENT_DIR ?? 'content',
  cacheDir: folders.cacheDir,
  feedSize: 50,
  searchShardSize: env.DATELINE_SEARCH_SHARD_SIZE ?? 1000,
  logo: { src: '/logo.png', width: 512, height: 512 },
  news: { publicationName: 'Dateline News', language: 'en' },
});

/** Where the build writes the site: env `DATELINE_OUT_DIR`, default `dist` (`dist-preview` for a preview; see `buildFolders`). */
export const outDir = folders.outDir;

/** What the frontmatter schema needs to know about the newsroom. */
export const schemaContext = {
  sections: siteConfig.sections.map((section) => section.slug) as [string, ...string[]],
  timeZone: siteConfig.timeZone,
};

/** The newsroom settings structured data and feeds need, in one object. */
export const newsroomContext = {
  siteName: siteConfig.name,
  siteUrl: siteConfig.url,
  locale: siteConfig.locale,
  timeZone: siteConfig.timeZone,
  logo: siteConfig.logo,
};
