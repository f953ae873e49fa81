import { z } from 'zod';
import { NewsroomDateSchema } from './dates.ts';

/**
 * A front: what editors chose to lead the home page or a section front, kept in the content
 * folder as one YAML file per front (`content/fronts/home.yaml`, `content/fronts/national.yaml`),
 * validated by `src/pipeline/front.ts`; this is the shape every later step reads.
 */

/** Where a value is written in its file, for problems found once the whole newsroom is known. */
export const PlaceSchema = z.object({
  /** 1-based line. */
  line: z.number(),
  /** 1-based column. */
  column: z.number(),
});
export type Place = z.infer<typeof PlaceSchema>;

/** A story named by a front: its content id (`2025/03/some-story`) or its URL (`/national/some-story/`). */
export const FrontRefSchema = z.object({
  /** As the editor wrote it. */
  story: z.string(),
  /** Where it is written. */
  at: PlaceSchema,
});
export type FrontRef = z.infer<typeof FrontRefSchema>;

/** A story kept among the top stories until `until`. */
export const FrontPinSchema = FrontRefSchema.extend({
  /** When the pin ends: from the first build at or after it, the story is no longer pinned. */
  until: NewsroomDateSchema,
  /** Where `until` is written. */
  untilAt: PlaceSchema,
});
export type FrontPin = z.infer<typeof FrontPinSchema>;

/** A breaking-news banner across the home page and the section fronts (home front only). */
export const BannerSchema = z.object({
  /** One line of plain text. */
  text: z.string(),
  /** Where it leads: a story's content id or URL, a site path, or an `https://` address. */
  link: z.string(),
  /** Where `link` is written. */
  linkAt: PlaceSchema,
  /** When it comes down: from the first build at or after it, it is not shown. */
  until: NewsroomDateSchema,
  /** Where `until` is written. */
  untilAt: PlaceSchema,
});
export type Banner = z.infer<typeof BannerSchema>;

/** A validated front file. */
export const FrontSchema = z.object({
  /** `home`, or the slug of the section whose front it is (the file's name). */
  name: z.string(),
  /** The file, relative to the project root, with `/`. */
  filePath: z.string(),
  /** The story at the top, with the large image. Default: the latest story. */
  lead: FrontRefSchema.optional(),
  /** The next stories, in order, with thumbnails; the rest of the slots fill with the latest. */
  top: z.array(FrontRefSchema),
  /** Stories kept among the top stories, after `top`, until each one's time. */
  pinned: z.array(FrontPinSchema),
  /** The breaking-news banner (home front only). */
  banner: BannerSchema.optional(),
  /** Alt text of the section's fallback image (`content/fronts/<section>.jpg`). Default: the section's name and “news”. */
  fallbackAlt: z.string().optional(),
});
export type Front = z.infer<typeof FrontSchema>;

/** A section's fallback image (`content/fronts/<section>.jpg`): what cards show for a story without its own image. */
export const FallbackImageSchema = z.object({
  /** The section's slug. */
  section: z.string(),
  /** The image file, relative to the project root, with `/`. */
  filePath: z.string(),
  /** Its alt text: the section front file's `fallbackAlt`; pages default to the section's name and “news”. */
  alt: z.string().optional(),
});
export type FallbackImage = z.infer<typeof FallbackImageSchema>;

/** Every valid front and fallback image of the content folder. */
export const FrontsSchema = z.object({
  /** One per front file, in file order. */
  fronts: z.array(FrontSchema),
  /** One per section with an image, in file order. */
  fallbacks: z.array(FallbackImageSchema),
});
export type Fronts = z.infer<typeof FrontsSchema>;
