import { defineConfig, sharpImageService } from 'astro/config';
import { buildNotices } from './src/integrations/build-notices.ts';
import { buildState, pagesDone } from './src/integrations/build-state.ts';
import { cdnHeaders } from './src/integrations/cdn-headers.ts';
import { keptOutput } from './src/integrations/kept-output.ts';
import { contentMedia } from './src/integrations/content-media.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { previewMode } from './src/integrations/preview-mode.ts';
import { newsroomSitemap } from './src/integrations/sitemap.ts';
import { SITEMAP_FILE } from './src/lib/sitemaps.ts';
import { EXAMPLE_SITE_URL, outDir, schemaContext, siteConfig } from './src/site.config.ts';

const state = buildState();

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteConfig.url,
  outDir,
  // Astro's caches (content store, page cache, cut images) and Dateline's build state live here;
  // keep it between CI builds to skip unchanged work.
  cacheDir: siteConfig.cacheDir,
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Pages rendered at once: while one waits for its files to be written, others render.
    concurrency: 4,
    // Stylesheets stay files, never inline `<style>`: the pages' Content-Security-Policy allows styles from the site's files only.
    inlineStylesheets: 'never',
  },
  image: {
    // AVIF at effort 2 is several times faster to encode than the default 4, for files a few per cent larger.
    service: sharpImageService({ avif: { effort: 2 } }),
  },
  // In this order: the build state first and last; the headers integration lists the files the others write.
  integrations: [
    previewMode(),
    // Says, at the start and the end of the log, that a build is a preview or uses the example URL.
    buildNotices({ siteUrl: siteConfig.url, exampleUrl: EXAMPLE_SITE_URL }),
    state.start,
    pagesDone(),
    // Files the integrations below keep up to date themselves are left to them.
    keptOutput({ owned: ['pagefind', 'media', SITEMAP_FILE, '_headers'], onListed: state.outputListed }),
    contentMedia(siteConfig.contentDir),
    newsroomSitemap(siteConfig.url),
    pagefindIndex({ locale: siteConfig.locale, shardSize: siteConfig.searchShardSize, context: schemaContext }),
    cdnHeaders(),
    state.finish,
  ],
  // Astro's console log with its line per page condensed: rendered pages listed (up to 20 per
  // page template), unchanged ones counted (src/integrations/build-log.ts).
  logger: { entrypoint: './src/integrations/build-log.ts', config: { listRendered: 20 } },
  devToolbar: { enabled: false },
  experimental: {
    // Pages whose cacheKey (src/lib/cache-keys.ts) and code are unchanged are copied from the
    // previous build (kept in cacheDir) instead of rendered again.
    incrementalBuild: true,
  },
});
