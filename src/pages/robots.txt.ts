import type { APIRoute } from 'astro';
import { renderRobotsTxt } from '../lib/sitemaps.ts';
import { absoluteUrl, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';
import { siteConfig } from '../site.config.ts';

/** `/robots.txt`, pointing crawlers at the sitemap index and the news sitemap. */
export const GET: APIRoute = () =>
  new Response(renderRobotsTxt([absoluteUrl(sitemapIndexPath(), siteConfig.url), absoluteUrl(newsSitemapPath(), siteConfig.url)]), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
