import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isPreview } from '../runtime.ts';

export interface BuildNoticeOptions {
  /** The site's absolute URL, as configured. */
  siteUrl: string;
  /** The example URL the project ships with: a production build with it warns. */
  exampleUrl: string;
}

/**
 * What a build says about itself, as warnings at its start and again at its end, where people
 * look (after `src/integrations/preview-mode.ts`, which decides whether the build is a preview):
 * - a preview: that it holds drafts and embargoed stories, where it went, and never to deploy it;
 * - a production build with the example site URL: that every absolute link points at the example.
 */
export function buildNotices({ siteUrl, exampleUrl }: BuildNoticeOptions): AstroIntegration {
  let command = '';
  let notices: string[] = [];
  const warn = (logger: { warn: (message: string) => void }) => {
    for (const notice of notices) logger.warn(notice);
  };
  return {
    name: 'dateline-build-notices',
    hooks: {
      'astro:config:setup': ({ command: current }) => {
        command = current;
      },
      'astro:config:done': ({ config, logger }) => {
        if (command !== 'build') return;
        const outDir = relative(fileURLToPath(config.root), fileURLToPath(config.outDir)) || '.';
        notices = describeBuild({ preview: isPreview(), siteUrl, exampleUrl, outDir });
        warn(logger);
      },
      'astro:build:done': ({ logger }) => warn(logger),
    },
  };
}

/** The notices of a build (see `buildNotices`). */
export function describeBuild({
  preview,
  siteUrl,
  exampleUrl,
  outDir,
}: BuildNoticeOptions & { preview: boolean; outDir: string }): string[] {
  if (preview) {
    return [
      `PREVIEW BUILD in ${outDir}/: drafts and embargoed stories are included, with banners; robots.txt shuts every crawler out, no sitemap is written and feeds list published stories only. Never deploy it.`,
    ];
  }
  if (siteUrl === exampleUrl) {
    return [
      `THE SITE URL IS THE EXAMPLE ${exampleUrl}: canonical links, feeds, sitemaps and link previews all point there. Set DATELINE_SITE_URL (or url in src/site.config.ts) to the site's own address before deploying.`,
    ];
  }
  return [];
}
