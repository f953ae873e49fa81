import type { APIRoute, GetStaticPaths } from 'astro';
import { getNewsroom, publishedOnly } from '../../content.ts';
import { renderFeed } from '../../lib/feeds.ts';
import { absoluteUrl, sectionPath } from '../../lib/urls.ts';
import { getShareImage } from '../../images.ts';
import { siteConfig } from '../../site.config.ts';

/** `/<section>/rss.xml`: the newest stories of one section, for every configured section. */
export const getStaticPaths = (() =>
  siteConfig.sections.map((section) => ({ params: { section: section.slug }, props: { section } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ section: { slug: string; name: string } }> = async ({ props: { section } }) => {
  const room = await getNewsroom();
  const articles = publishedOnly(room.bySection.get(section.slug) ?? []).slice(0, siteConfig.feedSize);
  const xml = await renderFeed({
    title: `${siteConfig.name}: ${section.name}`,
    description: `The latest ${section.name} news from ${siteConfig.name}.`,
    link: absoluteUrl(sectionPath(section.slug), siteConfig.url),
    siteUrl: siteConfig.url,
    language: siteConfig.locale,
    articles: await Promise.all(articles.map(async (article) => ({ ...article, shareImage: await getShareImage(article) }))),
    size: siteConfig.feedSize,
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
