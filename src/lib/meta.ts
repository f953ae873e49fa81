/**
 * What goes in a page's `<head>` for search engines, social networks and feed readers:
 * OpenGraph and Twitter card tags, and feed autodiscovery links.
 */

/** One `<meta>` tag: OpenGraph uses `property`, Twitter cards and robots use `name`. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

/** A `<link rel="alternate">` to a feed. */
export interface FeedLink {
  /** Absolute URL of the feed. */
  href: string;
  title: string;
}

/** An image for link previews: absolute URL, size in pixels and text alternative. */
export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** What `socialMeta` needs about a page. */
export interface SocialInput {
  /** The page's own title (without the site name). */
  title: string;
  description: string;
  /** Canonical URL. */
  url: string;
  siteName: string;
  /** BCP 47 locale (`en-CA`), written as OpenGraph wants it (`en_CA`). */
  locale: string;
  image?: ShareImage | undefined;
  /** The newsroom's X account (`@name`), when it has one. */
  twitterSite?: string | undefined;
  /** For story pages: `og:type` becomes `article`, with these `article:*` tags. */
  article?:
    | {
        /** ISO 8601 with offset. */
        publishedTime: string;
        /** ISO 8601 with offset; left out when the story was never updated. */
        modifiedTime?: string | undefined;
        /** Display name of the section. */
        section: string;
        tags: readonly string[];
      }
    | undefined;
}

/**
 * OpenGraph and Twitter card tags for a page.
 *
 * - `og:type` is `article` for stories (with `article:published_time`, `article:modified_time`,
 *   `article:section` and one `article:tag` per tag), `website` otherwise.
 * - With an image: `summary_large_image` card and `og:image` with its size and alt text;
 *   without: a `summary` card.
 */
export function socialMeta(input: SocialInput): MetaTag[] {
  const tags: MetaTag[] = [
    { property: 'og:type', content: input.article ? 'article' : 'website' },
    { property: 'og:site_name', content: input.siteName },
    { property: 'og:locale', content: input.locale.replace('-', '_') },
    { property: 'og:title', content: input.title },
    { property: 'og:description', content: input.description },
    { property: 'og:url', content: input.url },
  ];
  if (input.image) {
    tags.push(
      { property: 'og:image', content: input.image.url },
      { property: 'og:image:width', content: String(input.image.width) },
      { property: 'og:image:height', content: String(input.image.height) },
      { property: 'og:image:alt', content: input.image.alt },
    );
  }
  if (input.article) {
    tags.push({ property: 'article:published_time', content: input.article.publishedTime });
    if (input.article.modifiedTime) tags.push({ property: 'article:modified_time', content: input.article.modifiedTime });
    tags.push({ property: 'article:section', content: input.article.section });
    for (const tag of input.article.tags) tags.push({ property: 'article:tag', content: tag });
  }
  tags.push(
    { name: 'twitter:card', content: input.image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: input.title },
    { name: 'twitter:description', content: input.description },
  );
  if (input.image) tags.push({ name: 'twitter:image', content: input.image.url }, { name: 'twitter:image:alt', content: input.image.alt });
  if (input.twitterSite) tags.push({ name: 'twitter:site', content: input.twitterSite });
  return tags;
}

/** The feeds a page announces: the site's, then its section's when it belongs to one. */
export function feedLinks(site: { name: string; feedUrl: string }, section?: { name: string; feedUrl: string }): FeedLink[] {
  const links = [{ href: site.feedUrl, title: `${site.name}: latest stories` }];
  if (section) links.push({ href: section.feedUrl, title: `${site.name}: ${section.name}` });
  return links;
}
