import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { readBuildReport } from '../lib/build-report.ts';
import { isSitemapPage } from '../lib/sitemaps.ts';
import { absoluteUrl, newsSitemapPath } from '../lib/urls.ts';

/**
 * `@astrojs/sitemap`, set up for a newsroom: public HTML pages only (see `isSitemapPage`), each
 * story with its last change as `lastmod` (from the build report, `src/lib/build-report.ts`), and
 * the Google News sitemap listed in the index.
 */
export function newsroomSitemap(siteUrl: string, cacheDir: string): AstroIntegration {
  let lastmods: Promise<Map<string, string>> | undefined;
  return sitemap({
    filter: (page) => isSitemapPage(new URL(page).pathname),
    customSitemaps: [absoluteUrl(newsSitemapPath(), siteUrl)],
    serialize: async (item) => {
      lastmods ??= readBuildReport(cacheDir).then(({ stories }) => new Map(stories.map((story) => [story.path, story.lastmod])));
      const lastmod = (await lastmods).get(decodeURIComponent(new URL(item.url).pathname));
      return lastmod ? { ...item, lastmod } : item;
    },
  });
}
