import type { APIRoute } from 'astro';
import { getNewsroom, publishedOnly } from '../content.ts';
import { getBuildTime } from '../runtime.ts';
import { toZonedIso } from '../lib/dates.ts';
import { renderNewsSitemap, selectNewsArticles } from '../lib/sitemaps.ts';
import { absoluteUrl, articlePath } from '../lib/urls.ts';
import { siteConfig } from '../site.config.ts';

/** `/news-sitemap.xml`: stories of the last two days before the build time, for Google News. */
export const GET: APIRoute = async () => {
  const room = await getNewsroom();
  const entries = selectNewsArticles(publishedOnly(room.articles), getBuildTime()).map((article) => ({
    url: absoluteUrl(articlePath(article), siteConfig.url),
    title: article.title,
    published: toZonedIso(article.date.date, siteConfig.timeZone),
  }));
  const xml = renderNewsSitemap(entries, { name: siteConfig.news.publicationName, language: siteConfig.news.language });
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
