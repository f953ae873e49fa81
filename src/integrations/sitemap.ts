import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isPreview } from '../runtime.ts';
import { BuildState } from '../store/build-state.ts';
import { isSitemapPage, SITEMAP_FILE, sitemapFiles } from '../lib/sitemaps.ts';
import { absoluteUrl, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';

/**
 * Removes the sitemap files at the top of `outDir` that are not in `written` (site paths): with
 * fewer pages a newsroom needs fewer sitemap files, and a kept output folder (see `keptOutput`,
 * which leaves these files to this integration) must not keep the extra ones.
 */
export async function removeOtherSitemaps(outDir: string, written: readonly string[]): Promise<void> {
  const keep = new Set(written.map((path) => path.replace(/^\//, '')));
  for (const name of await readdir(outDir)) {
    if (SITEMAP_FILE.test(name) && !keep.has(name)) await rm(join(outDir, name), { force: true });
  }
}

/**
 * The sitemap of a newsroom (`/sitemap-index.xml`, `/sitemap-<n>.xml`): every public HTML page the
 * build wrote (see `isSitemapPage`), each story with its last change as `lastmod` (from the
 * build's stories, `BuildState.stories()`), and the Google News sitemap listed in the index. Sitemap
 * files a previous build wrote and this one does not are removed. A preview build writes none.
 */
export function newsroomSitemap(siteUrl: string): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'dateline-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (isPreview()) {
          // A preview's pages include drafts and embargoed stories: it lists none of them anywhere.
          await removeOtherSitemaps(fileURLToPath(dir), []);
          logger.info('no sitemap: this is a preview');
          return;
        }
        const stories = BuildState.open(cacheDir).stories();
        const lastmods = new Map(stories.map((story) => [story.path, story.lastmod]));
        const paths = new Set(pages.map(({ pathname }) => `/${pathname.replace(/^\//, '')}`).filter(isSitemapPage));
        const entries = [...paths].map((path) => ({ url: absoluteUrl(path, siteUrl), lastmod: lastmods.get(path) }));
        const outDir = fileURLToPath(dir);
        const { index, files } = sitemapFiles(entries, siteUrl, [absoluteUrl(newsSitemapPath(), siteUrl)]);
        const written = [...files, { path: sitemapIndexPath(), xml: index }];
        for (const { path, xml } of written) {
          const file = join(outDir, path);
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, xml);
        }
        await removeOtherSitemaps(
          outDir,
          written.map((file) => file.path),
        );
        logger.info(`${sitemapIndexPath()} written: ${entries.length} pages in ${files.length} sitemap(s)`);
      },
    },
  };
}
