import { getRssString } from '@astrojs/rss';
import type { ArticleRecord } from '../schemas/record.ts';
import { formatCredit } from './byline.ts';
import { withoutMarkup } from './strings.ts';
import type { ShareImage } from './meta.ts';
import { absoluteUrl, articlePath } from './urls.ts';

/**
 * RSS 2.0 feeds: the newest stories of the site or of one section, built with `@astrojs/rss`.
 */

/** Namespaces the feed items use: Dublin Core for the credit line, Media RSS for the lead image. */
export const FEED_NAMESPACES = { dc: 'http://purl.org/dc/elements/1.1/', media: 'http://search.yahoo.com/mrss/' };

/** Characters XML 1.0 forbids even when escaped: most C0 controls, lone surrogates, U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex -- the pattern names the control characters XML forbids
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML 1.0 cannot carry, so that any frontmatter value keeps a feed well-formed. */
export function toXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `text` escaped for XML character data and attribute values (and cleaned with `toXmlText`). */
export function escapeXml(text: string): string {
  return toXmlText(text).replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

/**
 * `text` as HTML that shows it literally: RSS `<description>` is HTML, so a summary that contains
 * `<script>` must arrive at a feed reader as the text `<script>`, not as markup.
 */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A story as a feed needs it, with its share image when it has one. */
export type FeedArticle = Pick<ArticleRecord, 'title' | 'summary' | 'section' | 'slug' | 'date' | 'authors' | 'agency' | 'tags'> & {
  shareImage?: ShareImage | undefined;
};

/** What a feed is about. */
export interface FeedOptions {
  /** Channel title, e.g. `Dateline News: National`. */
  title: string;
  description: string;
  /** Absolute URL of the page the feed belongs to (home page or section front). */
  link: string;
  siteUrl: string;
  /** BCP 47 language of the stories. */
  language: string;
  /** Stories, newest first; only the first `size` are included. */
  articles: readonly FeedArticle[];
  size: number;
}

/**
 * An RSS 2.0 feed as XML text.
 *
 * - Items: the first `size` stories, newest first, with absolute permanent links (`guid`), the
 *   whole summary as description, tags as categories, the credit line as `dc:creator`
 *   (`Jane Doe and John Smith, The Canadian Press`) and the lead image as `media:content`.
 * - `lastBuildDate` is the newest story's time, so an unchanged newsroom gives an identical feed.
 * - Text fields are plain text: HTML tags pasted into one are removed (a feed reader would show
 *   them escaped, or worse, render them), `npm run check` warns about them.
 * - Any text is safe: characters XML cannot carry are dropped, the rest escaped. `@astrojs/rss`
 *   re-reads `customData` as XML and turns number-like text into numbers (`007` → `7`), so the
 *   credit and alt text are written into the finished XML instead, in place of markers.
 */
export async function renderFeed(options: FeedOptions): Promise<string> {
  const articles = options.articles.slice(0, options.size);
  const texts = new Map<string, string>();
  const mark = (element: string, index: number, text: string) => {
    const marker = `${element}-${index}`;
    texts.set(marker, text);
    return marker;
  };
  const xml = await getRssString({
    title: toXmlText(options.title),
    description: toXmlText(options.description),
    site: options.link,
    xmlns: FEED_NAMESPACES,
    customData: `<language>${escapeXml(options.language.toLowerCase())}</language>${
      articles[0] ? `<lastBuildDate>${articles[0].date.date.toUTCString()}</lastBuildDate>` : ''
    }`,
    items: articles.map((article, index) => ({
      title: withoutMarkup(toXmlText(article.title)),
      link: absoluteUrl(articlePath(article), options.siteUrl),
      pubDate: article.date.date,
      description: escapeHtmlText(withoutMarkup(toXmlText(article.summary))),
      categories: article.tags.map((tag) => withoutMarkup(toXmlText(tag))),
      customData: [
        `<dc:creator>${mark('creator', index, withoutMarkup(toXmlText(formatCredit(article.authors, article.agency))))}</dc:creator>`,
        article.shareImage &&
          `<media:content url="${escapeXml(article.shareImage.url)}" medium="image" type="image/jpeg" width="${article.shareImage.width}" height="${article.shareImage.height}"><media:description type="plain">${mark('alt', index, withoutMarkup(toXmlText(article.shareImage.alt)))}</media:description></media:content>`,
      ]
        .filter(Boolean)
        .join(''),
    })),
  });
  // Markers are only ever replaced between their own tags: text from a story is escaped there, so
  // it cannot contain `<dc:creator>` or `">` literally.
  return xml
    .replace(/<dc:creator>(creator-\d+)<\/dc:creator>/g, (_, marker: string) => `<dc:creator>${escapeXml(texts.get(marker)!)}</dc:creator>`)
    .replace(
      /(<media:description type="plain">)(alt-\d+)(<\/media:description>)/g,
      (_, open: string, marker: string, close: string) => `${open}${escapeXml(texts.get(marker)!)}${close}`,
    );
}
