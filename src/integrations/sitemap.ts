import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { findLastModified, isSitemapPage } from '../lib/sitemaps.ts';
import { absoluteUrl, newsSitemapPath } from '../lib/urls.ts';

/**
 * `@astrojs/sitemap`, set up for a newsroom: public HTML pages only (see `isSitemapPage`), each
 * story with its last change as `lastmod`, and the Google News sitemap listed in the index.
 *
 * `outDir` is the build's output folder on disk, where finished pages are read for `lastmod`.
 */
export function newsroomSitemap(siteUrl: string, outDir: string): AstroIntegration {
  return sitemap({
    filter: (page) => isSitemapPage(new URL(page).pathname),
    customSitemaps: [absoluteUrl(newsSitemapPath(), siteUrl)],
    serialize: async (item) => {
      const html = await readFile(join(outDir, decodeURIComponent(new URL(item.url).pathname), 'index.html'), 'utf8').catch(() => '');
      const lastmod = findLastModified(html);
      return lastmod ? { ...item, lastmod } : item;
    },
  });
}
