import { lastModified } from './articles.ts';
import type { AuthorProfile } from '../schemas/author.ts';
import type { ArticleRecord } from '../schemas/record.ts';
import { bioParagraphs } from './authors.ts';
import { isDesk } from './byline.ts';
import { toZonedIso } from './dates.ts';
import { termSlug } from './taxonomy.ts';
import { absoluteUrl, articlePath, authorPath, sectionPath } from './urls.ts';

/**
 * Structured data (schema.org JSON-LD) for search engines: `NewsArticle` and `BreadcrumbList` on
 * articles, `WebSite` and the publisher on the home page.
 */

/** A JSON-LD object. */
export type JsonLd = Record<string, unknown>;

/** An image as structured data wants it: absolute URL and size in pixels. */
export interface JsonLdImage {
  url: string;
  width: number;
  height: number;
}

/** The newsroom as publisher. */
export interface Publisher {
  name: string;
  /** Absolute URL of the home page. */
  url: string;
  logo: JsonLdImage;
}

/** A byline name for structured data: its page on the site and, when it has a profile, what the profile says. */
export interface JsonLdAuthor {
  name: string;
  /** Absolute URL of their author page. */
  url: string;
  isDesk: boolean;
  /** A person's role (`jobTitle`), from their profile. */
  jobTitle?: string | undefined;
  /** Their pages elsewhere, from their profile. */
  sameAs?: readonly string[] | undefined;
}

/** A schema.org `Person`, or an `Organization` for a desk, with what its profile adds (a desk has no `jobTitle`). */
export function authorJsonLd(author: JsonLdAuthor): JsonLd {
  return {
    '@type': author.isDesk ? 'Organization' : 'Person',
    name: author.name,
    url: author.url,
    ...(author.jobTitle && !author.isDesk ? { jobTitle: author.jobTitle } : {}),
    ...(author.sameAs && author.sameAs.length > 0 ? { sameAs: [...author.sameAs] } : {}),
  };
}

/** What `newsArticleJsonLd` needs: plain values, every URL absolute, every time with its offset. */
export interface NewsArticleInput {
  headline: string;
  description: string;
  /** The article's canonical URL. */
  url: string;
  /** ISO 8601 with offset: `2025-03-17T12:40:00-07:00`. */
  datePublished: string;
  /** ISO 8601 with offset; the publication time when the story was never updated. */
  dateModified: string;
  /** People and desks in byline order; desks become organizations. */
  authors: ReadonlyArray<JsonLdAuthor>;
  /** Wire agency the story came from. */
  agency?: string | undefined;
  /** Display name of the section. */
  section: string;
  tags: readonly string[];
  image?: JsonLdImage | undefined;
  wordCount: number;
  /** BCP 47 language of the story. */
  language: string;
  publisher: Publisher;
}

/**
 * A schema.org `NewsArticle` with the properties Google's article structured data uses.
 *
 * - `author` lists every byline name: people as `Person`, desks as `Organization`, each with the
 *   URL of their page on the site and, when they have a profile, its links as `sameAs` (and a
 *   person's role as `jobTitle`).
 * - The agency of wire copy is the `sourceOrganization`.
 * - `image` and `keywords` are left out when the story has none.
 */
export function newsArticleJsonLd(input: NewsArticleInput): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: input.headline,
    description: input.description,
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    datePublished: input.datePublished,
    dateModified: input.dateModified,
    author: input.authors.map(authorJsonLd),
    ...(input.agency ? { sourceOrganization: { '@type': 'NewsMediaOrganization', name: input.agency } } : {}),
    publisher: publisherJsonLd(input.publisher),
    ...(input.image ? { image: [imageObject(input.image)] } : {}),
    articleSection: input.section,
    ...(input.tags.length > 0 ? { keywords: input.tags.join(', ') } : {}),
    wordCount: input.wordCount,
    inLanguage: input.language,
    isAccessibleForFree: true,
  };
}

/** The newsroom as a schema.org `NewsMediaOrganization`, with its logo. */
export function publisherJsonLd(publisher: Publisher): JsonLd {
  return { '@type': 'NewsMediaOrganization', name: publisher.name, url: publisher.url, logo: imageObject(publisher.logo) };
}

/** The site as a schema.org `WebSite` with its search page as a `SearchAction` (`{search_term_string}` in `searchUrl`). */
export function webSiteJsonLd(input: { name: string; url: string; language: string; searchUrl: string; publisher: Publisher }): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: input.name,
    url: input.url,
    inLanguage: input.language,
    publisher: publisherJsonLd(input.publisher),
    potentialAction: { '@type': 'SearchAction', target: input.searchUrl, 'query-input': 'required name=search_term_string' },
  };
}

/** A schema.org `BreadcrumbList` of `items` (absolute URLs), first to last. */
export function breadcrumbJsonLd(items: ReadonlyArray<{ name: string; url: string }>): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({ '@type': 'ListItem', position: index + 1, name: item.name, item: item.url })),
  };
}

function imageObject(image: JsonLdImage): JsonLd {
  return { '@type': 'ImageObject', url: image.url, width: image.width, height: image.height };
}

/**
 * JSON-LD as text safe to place inside `<script type="application/ld+json">`.
 *
 * - `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`: no value can close the element
 *   (`</script>`), open a comment (`<!--`) or be read as a character reference.
 * - U+2028 and U+2029 are escaped too, for consumers that parse JSON as JavaScript.
 * - The result parses back (`JSON.parse`) to exactly `value`.
 */
export function serializeJsonLd(value: JsonLd): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The newsroom settings structured data needs. */
export interface NewsroomContext {
  siteName: string;
  siteUrl: string;
  locale: string;
  timeZone: string;
  /** Logo path on the site and its size. */
  logo: { src: string; width: number; height: number };
}

/** The structured data of a byline name: its author page (absolute) and what its profile, if any, says. */
export function bylineAuthor(name: string, profile: Pick<AuthorProfile, 'role' | 'links'> | undefined, siteUrl: string): JsonLdAuthor {
  return {
    name,
    url: absoluteUrl(authorPath(termSlug(name)), siteUrl),
    isDesk: isDesk(name),
    jobTitle: profile?.role,
    sameAs: profile?.links.map((link) => link.url),
  };
}

/**
 * The structured data of an author page: a schema.org `ProfilePage` whose main entity is the
 * person (or the desk, as an `Organization`), with their role, bio, photo and pages elsewhere.
 */
export function profilePageJsonLd(input: {
  name: string;
  profile: Pick<AuthorProfile, 'role' | 'bio' | 'links'> | undefined;
  /** Absolute URL of the author page. */
  url: string;
  image?: JsonLdImage | undefined;
  siteUrl: string;
}): JsonLd {
  const author = authorJsonLd(bylineAuthor(input.name, input.profile, input.siteUrl));
  const description = bioParagraphs(input.profile?.bio).join(' ');
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url: input.url,
    mainEntity: {
      ...author,
      ...(description ? { description } : {}),
      ...(input.image ? { image: imageObject(input.image) } : {}),
    },
  };
}

/**
 * The structured data of a story page: its `NewsArticle` and its `BreadcrumbList`
 * (home → section → story). `profileOf(name)` gives a byline name's profile, if it has one.
 */
export function articleJsonLd(
  article: Pick<
    ArticleRecord,
    'title' | 'summary' | 'section' | 'slug' | 'date' | 'updated' | 'corrections' | 'authors' | 'agency' | 'tags' | 'wordCount'
  >,
  sectionName: string,
  image: JsonLdImage | undefined,
  newsroom: NewsroomContext,
  profileOf: (name: string) => Pick<AuthorProfile, 'role' | 'links'> | undefined = () => undefined,
): JsonLd[] {
  const url = absoluteUrl(articlePath(article), newsroom.siteUrl);
  const published = toZonedIso(article.date.date, newsroom.timeZone);
  return [
    newsArticleJsonLd({
      headline: article.title,
      description: article.summary,
      url,
      datePublished: published,
      dateModified: toZonedIso((lastModified(article) ?? article.date).date, newsroom.timeZone),
      authors: article.authors.map((name) => bylineAuthor(name, profileOf(name), newsroom.siteUrl)),
      agency: article.agency,
      section: sectionName,
      tags: article.tags,
      image,
      wordCount: article.wordCount,
      language: newsroom.locale,
      publisher: newsroomPublisher(newsroom),
    }),
    breadcrumbJsonLd([
      { name: newsroom.siteName, url: absoluteUrl('/', newsroom.siteUrl) },
      { name: sectionName, url: absoluteUrl(sectionPath(article.section), newsroom.siteUrl) },
      { name: article.title, url },
    ]),
  ];
}

/** The newsroom as publisher, with its logo at an absolute URL. */
export function newsroomPublisher(newsroom: NewsroomContext): Publisher {
  return {
    name: newsroom.siteName,
    url: absoluteUrl('/', newsroom.siteUrl),
    logo: { url: absoluteUrl(newsroom.logo.src, newsroom.siteUrl), width: newsroom.logo.width, height: newsroom.logo.height },
  };
}
