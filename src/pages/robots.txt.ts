import type { APIRoute } from 'astro';
import { PREVIEW_ROBOTS_TXT, renderRobotsTxt } from '../lib/sitemaps.ts';
import { absoluteUrl, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';
import { isPreview } from '../runtime.ts';
import { siteConfig } from '../site.config.ts';

/** `/robots.txt`, pointing crawlers at the sitemap index and the news sitemap; in a preview, shutting every crawler out. */
export const GET: APIRoute = () =>
  new Response(
    isPreview()
      ? PREVIEW_ROBOTS_TXT
      : renderRobotsTxt([absoluteUrl(sitemapIndexPath(), siteConfig.url), absoluteUrl(newsSitemapPath(), siteConfig.url)]),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
