import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readBuildReport } from '../lib/build-report.ts';
import { isSitemapPage, sitemapFiles } from '../lib/sitemaps.ts';
import { absoluteUrl, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';

/**
 * The sitemap of a newsroom (`/sitemap-index.xml`, `/sitemap-<n>.xml`): every public HTML page the
 * build wrote (see `isSitemapPage`), each story with its last change as `lastmod` (from the build
 * report, `src/lib/build-report.ts`), and the Google News sitemap listed in the index.
 */
export function newsroomSitemap(siteUrl: string, cacheDir: string): AstroIntegration {
  return {
    name: 'dateline-sitemap',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        const { stories } = await readBuildReport(cacheDir);
        const lastmods = new Map(stories.map((story) => [story.path, story.lastmod]));
        const paths = new Set(pages.map(({ pathname }) => `/${pathname.replace(/^\//, '')}`).filter(isSitemapPage));
        const entries = [...paths].map((path) => ({ url: absoluteUrl(path, siteUrl), lastmod: lastmods.get(path) }));
        const outDir = fileURLToPath(dir);
        const { index, files } = sitemapFiles(entries, siteUrl, [absoluteUrl(newsSitemapPath(), siteUrl)]);
        for (const { path, xml } of [...files, { path: sitemapIndexPath(), xml: index }]) {
          const file = join(outDir, path);
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, xml);
        }
        logger.info(`${sitemapIndexPath()} written: ${entries.length} pages in ${files.length} sitemap(s)`);
      },
    },
  };
}
