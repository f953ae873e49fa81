import type { APIRoute } from 'astro';
import { getNewsroom, publishedOnly } from '../content.ts';
import { renderFeed } from '../lib/feeds.ts';
import { absoluteUrl } from '../lib/urls.ts';
import { getShareImage } from '../images.ts';
import { siteConfig } from '../site.config.ts';

/** `/rss.xml`: the newest stories of the whole site. */
export const GET: APIRoute = async () => {
  const room = await getNewsroom();
  const articles = publishedOnly(room.articles).slice(0, siteConfig.feedSize);
  const xml = await renderFeed({
    title: siteConfig.name,
    description: siteConfig.tagline,
    link: absoluteUrl('/', siteConfig.url),
    siteUrl: siteConfig.url,
    language: siteConfig.locale,
    articles: await Promise.all(articles.map(async (article) => ({ ...article, shareImage: await getShareImage(article) }))),
    size: siteConfig.feedSize,
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
