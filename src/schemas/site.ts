import { z } from 'zod';
import { RESERVED_SEGMENTS } from '../lib/urls.ts';

/**
 * The newsroom's settings (`src/site.config.ts`) and the environment variables that override
 * them, validated when the configuration is loaded: a mistake stops every command at once with a
 * message naming the setting, never a build that half works.
 */

const positiveInt = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .positive(`${what} must be above 0`);

/** The sections, as `src/site.config.ts` lists them. */
export const SectionSchema = z.object({
  /** URL segment and frontmatter value: lowercase letters, digits and hyphens. */
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a section slug must be lowercase letters, digits and single hyphens')
    .refine((slug) => !(RESERVED_SEGMENTS as readonly string[]).includes(slug), {
      message: `a section slug may not be ${RESERVED_SEGMENTS.join(', ')}: the site writes those folders itself`,
    }),
  /** Display name, e.g. `National`. */
  name: z.string().min(1, 'a section needs a name'),
});

export const SiteConfigSchema = z.object({
  /** The newsroom's name, shown in the masthead, titles and feeds. */
  name: z.string().min(1, 'name must not be empty'),
  /** One line describing the newsroom, used as the home page's meta description. */
  tagline: z.string(),
  /** Absolute base URL of the deployed site, without a trailing slash. Env `DATELINE_SITE_URL`. */
  url: z
    .url({ protocol: /^https?$/, error: 'url must be an absolute URL such as https://news.example.com' })
    .transform((url) => url.replace(/\/+$/, '')),
  /** BCP 47 locale for dates and the `lang` attribute. Default `en-CA`. */
  locale: z.string().refine((locale) => {
    try {
      return Intl.getCanonicalLocales(locale).length === 1;
    } catch {
      return false;
    }
  }, 'locale must be a BCP 47 language tag such as en-CA'),
  /** IANA time zone of the newsroom. Dates without an offset are read, and all dates shown, in it. Env `DATELINE_TIME_ZONE`. */
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'timeZone must be an IANA time zone such as America/Vancouver'),
  /** The sections, in navigation order. */
  sections: z
    .array(SectionSchema)
    .min(1, 'at least one section is needed')
    .refine((sections) => new Set(sections.map((section) => section.slug)).size === sections.length, 'two sections share a slug'),
  /** How many stories a "More <Section> Articles" rail holds. Default 6. */
  railSize: positiveInt('railSize'),
  /** How many stories one page of a section front holds. Default 10. */
  sectionPageSize: positiveInt('sectionPageSize'),
  /** How many stories the home page's "Latest" list holds. Default 8. */
  homeLatestCount: positiveInt('homeLatestCount'),
  /** How many stories each section block on the home page holds. Default 4. */
  homeSectionCount: positiveInt('homeSectionCount'),
  /** Byline that `npm run new` puts on a new article. */
  defaultByline: z.string().min(1),
  /** Whether reserved "ADVT" ad slots are rendered. Env `DATELINE_ADS=off` turns them off. */
  ads: z.boolean(),
  /** Folder of Markdown articles, relative to the project root. Env `DATELINE_CONTENT_DIR`. */
  contentDir: z.string().min(1),
  /** Astro's cache folder, which also holds Dateline's build state. Env `DATELINE_CACHE_DIR`. */
  cacheDir: z.string().min(1),
  /** How many stories, newest first, each RSS feed holds. Default 50. */
  feedSize: positiveInt('feedSize'),
  /** Stories per search-index shard at most. Env `DATELINE_SEARCH_SHARD_SIZE`. */
  searchShardSize: positiveInt('searchShardSize'),
  /** The publisher's logo for search engines (JSON-LD): a raster file in `public/` and its size in pixels. */
  logo: z.object({ src: z.string().startsWith('/'), width: positiveInt('logo.width'), height: positiveInt('logo.height') }),
  /** The Google News sitemap: publication name and ISO 639 language code, exactly as registered with Google News. */
  news: z.object({ publicationName: z.string().min(1), language: z.string().regex(/^[a-z]{2,3}(?:-[a-z]{2,4})?$/i) }),
  /** The newsroom's X (Twitter) account, e.g. `@datelinenews`, for `twitter:site`. */
  twitterSite: z
    .string()
    .regex(/^@\w{1,15}$/, 'twitterSite must be an account name such as @datelinenews')
    .optional(),
});
export type SiteConfigInput = z.input<typeof SiteConfigSchema>;
export type SiteConfig = z.output<typeof SiteConfigSchema>;

/** The environment variables Dateline reads, each optional. */
export const EnvSchema = z.object({
  DATELINE_SITE_URL: z.string().optional(),
  DATELINE_TIME_ZONE: z.string().optional(),
  DATELINE_ADS: z.enum(['on', 'off'], { error: 'DATELINE_ADS must be on or off' }).optional(),
  DATELINE_CONTENT_DIR: z.string().min(1).optional(),
  DATELINE_CACHE_DIR: z.string().min(1).optional(),
  DATELINE_OUT_DIR: z.string().min(1).optional(),
  DATELINE_SEARCH_SHARD_SIZE: z
    .string()
    .regex(/^[1-9]\d*$/, 'DATELINE_SEARCH_SHARD_SIZE must be a whole number above 0')
    .transform(Number)
    .optional(),
  DATELINE_PREVIEW: z.enum(['0', '1'], { error: 'DATELINE_PREVIEW must be 1 (preview) or 0' }).optional(),
  SOURCE_DATE_EPOCH: z
    .string()
    .regex(/^\s*\d+\s*$/, 'SOURCE_DATE_EPOCH must be whole seconds since 1970')
    .optional(),
});
export type Env = z.output<typeof EnvSchema>;

/** A zod error as lines a person reads: `setting: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join('.') || '(top)'}: ${issue.message}`).join('\n');
}

/** The environment, validated; throws naming every bad variable. */
export function readEnv(env: Record<string, string | undefined>): Env {
  const known = Object.fromEntries(Object.keys(EnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) throw new Error(`Dateline's environment variables are not valid:\n${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Where production builds write the site and keep their caches, unless the environment says otherwise. */
export const PRODUCTION_FOLDERS = { outDir: 'dist', cacheDir: 'node_modules/.astro' } as const;
/** Where preview builds (`npm run build:preview`) write the site and keep their caches. */
export const PREVIEW_FOLDERS = { outDir: 'dist-preview', cacheDir: 'node_modules/.astro-preview' } as const;

/**
 * Where a build writes the site and keeps its caches (Astro's `outDir` and `cacheDir`).
 *
 * - `DATELINE_OUT_DIR` and `DATELINE_CACHE_DIR` when set.
 * - A preview (`DATELINE_PREVIEW=1`) defaults to `PREVIEW_FOLDERS`, and may never use the
 *   production ones: its pages hold drafts and embargoed stories, and what it caches (pages,
 *   images of unpublished stories, the record of what the output folder holds) must not reach a
 *   production build or its output. Throws when told to.
 * - `astro dev` writes no site; it keeps its caches with production's, as before any preview.
 */
export function buildFolders(env: Env): { outDir: string; cacheDir: string } {
  const preview = env.DATELINE_PREVIEW === '1';
  const defaults = preview ? PREVIEW_FOLDERS : PRODUCTION_FOLDERS;
  const folders = { outDir: env.DATELINE_OUT_DIR ?? defaults.outDir, cacheDir: env.DATELINE_CACHE_DIR ?? defaults.cacheDir };
  const same = (a: string, b: string) => a.replace(/^\.\//, '').replace(/\/+$/, '') === b;
  if (preview && same(folders.outDir, PRODUCTION_FOLDERS.outDir)) {
    throw new Error(
      `a preview build may not write to ${PRODUCTION_FOLDERS.outDir}/, where production builds go: unset DATELINE_OUT_DIR (a preview goes to ${PREVIEW_FOLDERS.outDir}/)`,
    );
  }
  if (preview && same(folders.cacheDir, PRODUCTION_FOLDERS.cacheDir)) {
    throw new Error(
      `a preview build may not keep its caches in ${PRODUCTION_FOLDERS.cacheDir}/, with production's: unset DATELINE_CACHE_DIR (a preview uses ${PREVIEW_FOLDERS.cacheDir}/)`,
    );
  }
  return folders;
}

/** `config`, validated; throws naming every bad setting of `src/site.config.ts`. */
export function defineSiteConfig(config: SiteConfigInput): SiteConfig {
  const parsed = SiteConfigSchema.safeParse(config);
  if (!parsed.success) throw new Error(`src/site.config.ts is not valid:\n${describeIssues(parsed.error)}`);
  return parsed.data;
}
