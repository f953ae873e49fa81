import { z } from 'zod';
import { NewsroomDateSchema } from './dates.ts';

/**
 * What Dateline keeps of an article between runs: its record, made once per digest by the
 * per-file pipeline (`src/pipeline/article.ts`) and read by every later step (corpus rules, pages,
 * feeds, search). Every other view of an article (a rail card, a feed item, a search story) is a
 * `Pick` of this shape, never a second declaration of it.
 */

/** A link or image found in an article body, with its position in the file. */
export const BodyReferenceSchema = z.object({
  /** The URL as written. */
  url: z.string(),
  /** 1-based line in the file, when known. */
  line: z.number().int().optional(),
  /** 1-based column in the file, when known. */
  column: z.number().int().optional(),
});
export type BodyReference = z.infer<typeof BodyReferenceSchema>;

/** How a body image is laid out, which decides the sizes it is cut at: on its own (or in a `:::figure`), in a `:::gallery`, or as a video's poster. */
export const BodyImageLayoutSchema = z.enum(['figure', 'gallery', 'poster']);
export type BodyImageLayout = z.infer<typeof BodyImageLayoutSchema>;

/** An image found in an article body: where it is, and how it is laid out. */
export const BodyImageSchema = BodyReferenceSchema.extend({
  /** See `BodyImageLayoutSchema`. */
  layout: BodyImageLayoutSchema,
});
export type BodyImage = z.infer<typeof BodyImageSchema>;

/** A lead image as validated: the file's path as written (`/media/photo.jpg`), its alt text, caption and credit. */
export const LeadImageFieldsSchema = z.object({
  /** The image file: `/media/x.jpg` starts at the content folder, `./x.jpg` beside the article. */
  src: z.string(),
  /** Text alternative for readers who cannot see the image. */
  alt: z.string(),
  /** Caption shown under the image. */
  caption: z.string().optional(),
  /** Photographer or agency, shown after the caption. */
  credit: z.string().optional(),
});
export type LeadImageFields = z.infer<typeof LeadImageFieldsSchema>;

/** A published correction. */
export const CorrectionSchema = z.object({
  /** When the correction was made. */
  date: NewsroomDateSchema,
  /** What was corrected, in a sentence or two. */
  text: z.string(),
});

/** A validated article, without its body HTML (kept apart, see `src/store/articles.ts`). */
export const ArticleRecordSchema = z.object({
  /** Unique per file: its path under the content folder without `.md` (`2025/03/carney-in-paris`). */
  id: z.string(),
  /** The source file, relative to the project root, with `/`. */
  filePath: z.string(),
  /** The headline. */
  title: z.string(),
  /** Slug of a configured section. */
  section: z.string(),
  /** Resolved slug: the `slug` field, else the file name. */
  slug: z.string(),
  /** The byline as shown: its names joined (`Jane Doe and John Smith`). */
  byline: z.string(),
  /** The people and desks the byline names, in order (see `splitByline`). */
  authors: z.array(z.string()),
  /** Wire agency credited after the byline. */
  agency: z.string().optional(),
  /** Publication time. */
  date: NewsroomDateSchema,
  /** Time of the last substantive update. */
  updated: NewsroomDateSchema.optional(),
  /** The dek. */
  summary: z.string(),
  /** The lead image, as written in the front matter. */
  image: LeadImageFieldsSchema.optional(),
  /** Topics, without repeats. */
  tags: z.array(z.string()),
  /** Published corrections, oldest first. */
  corrections: z.array(CorrectionSchema),
  /** Old URLs of the article, redirected to it. */
  aliases: z.array(z.string()),
  /** Whether the article is a draft (never published). */
  draft: z.boolean(),
  /** Internal links in the body, as written, with their file positions (checked against the corpus). */
  links: z.array(BodyReferenceSchema),
  /** Local images in the body (not `https:`), as written, with their file positions and layouts. */
  images: z.array(BodyImageSchema),
  /** Number of words in the body, for reading time and feeds. */
  wordCount: z.number().int(),
});
export type ArticleRecord = z.infer<typeof ArticleRecordSchema>;

/**
 * What the corpus rules can still check of a file whose front matter has errors (see
 * `processArticle`): its id, file, the links and images of its body, and those of its URL,
 * status and lead-image fields that were valid on their own.
 */
export const PartialRecordSchema = ArticleRecordSchema.pick({ id: true, filePath: true, links: true, images: true }).extend(
  ArticleRecordSchema.pick({ section: true, slug: true, draft: true, date: true, image: true }).partial().shape,
);
export type PartialRecord = z.infer<typeof PartialRecordSchema>;

/** Whether readers can see an article at the build time, and if not, why (see `publicationStatus`). */
export const PublicationStatusSchema = z.enum(['published', 'draft', 'embargoed']);
export type PublicationStatus = z.infer<typeof PublicationStatusSchema>;

/** Where a rendered body is kept: a byte range of a pack object, with the digest of those bytes (see `src/store/articles.ts`). */
export const BodyRefSchema = z.object({
  /** The pack's object id. */
  pack: z.string(),
  start: z.number().int(),
  length: z.number().int(),
  /** `partDigest` of the body's bytes. */
  sha: z.string(),
});
export type BodyRef = z.infer<typeof BodyRefSchema>;

/**
 * A story of a build as the steps after page generation see it (the sitemap, the `/media/` copy,
 * the search index): made once per build by the content loader from the articles the build
 * shows (`src/store/stories.ts`), never read back from finished pages.
 */
export const StorySchema = ArticleRecordSchema.pick({
  id: true,
  filePath: true,
  title: true,
  summary: true,
  byline: true,
  authors: true,
  tags: true,
}).extend({
  /** Site path of its page, `/national/slug/`. */
  path: z.string(),
  /** The digest of its file and pipeline. */
  digest: z.string(),
  /** Where its body HTML is kept. */
  body: BodyRefSchema,
  /** When it last changed for readers (its publication time when never updated), ISO 8601 with offset. */
  lastmod: z.string(),
  /** Files of the content folder's `media/` its body shows or links to, as site paths (`/media/chart.png`). */
  media: z.array(z.string()),
  /** Section name, as shown. */
  section: z.string(),
  /** Corrections, as printed. */
  corrections: z.array(z.string()),
  status: PublicationStatusSchema,
});
export type Story = z.infer<typeof StorySchema>;
