import type { ImageMetadata } from 'astro';
import type { LeadImageFields } from '../schemas/record.ts';

/**
 * How lead images, thumbnails, body images and author photos are cut: the sizes Astro's image
 * pipeline generates and the `sizes` attribute that lets browsers pick one. Values follow the
 * layout in `global.css`.
 */

/** A lead image as pages see it: the frontmatter fields and the file, resolved by Astro's image pipeline. */
export type LeadImage = LeadImageFields & {
  /** The image file, imported through the content collection's `image()`. */
  file: ImageMetadata;
  /** The emitted file's address, which changes with its bytes (`imageKey`): what cache keys compare. */
  key: string;
};

/** Modern formats offered first, in order of preference; browsers without them get the fallback. */
export const IMAGE_FORMATS = ['avif', 'webp'] as const;
/** The format of the `<img>` fallback, understood everywhere. */
export const FALLBACK_FORMAT = 'jpg' as const;

/** A responsive `<picture>` as the image pipeline cut it: one `<source>` per modern format, and the `<img>` fallback (all but `alt`). */
export interface Picture {
  sources: { type: string; srcset: string; sizes: string }[];
  img: { src: string; srcset: string; attributes: Record<string, string | number> };
}

/** The lead image spans the story column: the full width on phones, about 48rem beside the rail. */
export const LEAD_IMAGE = {
  widths: [480, 800, 1200],
  sizes: '(min-width: 60rem) 48rem, calc(100vw - 2rem)',
  /** The `<img src>` of browsers that ignore `srcset`: a mid-size JPEG, never the original. */
  fallbackWidth: 800,
} as const;

/** Thumbnails in rails and on fronts: 3:2, 7rem wide on phones and 9rem from 48rem up. */
export const THUMBNAIL = {
  width: 300,
  height: 200,
  widths: [150, 300],
  sizes: '(min-width: 48rem) 9rem, 7rem',
} as const;

/** An image in a story's body, on its own or in a `:::figure`: the body's measure (42rem), the full width on phones. */
export const BODY_IMAGE = {
  widths: [480, 800, 1200],
  sizes: '(min-width: 44rem) 42rem, calc(100vw - 2rem)',
  fallbackWidth: 800,
} as const;

/** An image of a `:::gallery`: two to a row of the body's measure. */
export const GALLERY_IMAGE = {
  widths: [320, 640],
  sizes: '(min-width: 44rem) 20.5rem, calc(50vw - 1.5rem)',
  fallbackWidth: 640,
} as const;

/** A video facade's poster: the body's measure, cut to 16:9 like the player it stands for. */
export const POSTER_IMAGE = { ...BODY_IMAGE, aspect: [16, 9] } as const;

/** An author's photo on their page: a 7.5rem square. */
export const PORTRAIT_IMAGE = {
  widths: [120, 240],
  sizes: '7.5rem',
  fallbackWidth: 240,
  aspect: [1, 1],
} as const;

/** How each kind of picture is cut: its widths, `sizes`, fallback width, and the aspect it is cropped to, if any. */
export const PICTURE_CUTS = {
  lead: LEAD_IMAGE,
  thumbnail: { widths: THUMBNAIL.widths, sizes: THUMBNAIL.sizes, fallbackWidth: THUMBNAIL.width, aspect: [3, 2] },
  figure: BODY_IMAGE,
  gallery: GALLERY_IMAGE,
  poster: POSTER_IMAGE,
  portrait: PORTRAIT_IMAGE,
} as const satisfies Record<
  string,
  { widths: readonly number[]; sizes: string; fallbackWidth: number; aspect?: readonly [number, number] }
>;
/** A kind of picture (see `PICTURE_CUTS`). */
export type PictureKind = keyof typeof PICTURE_CUTS;

/** The crop of `kind` at `width`: the height for its aspect, or undefined when it keeps the original's. */
export function cropHeight(kind: PictureKind, width: number): number | undefined {
  const cut = PICTURE_CUTS[kind];
  return 'aspect' in cut ? Math.round((width * cut.aspect[1]) / cut.aspect[0]) : undefined;
}

/** Width of the image offered to social networks, feeds and search engines (Google asks for 1200 px). */
export const SHARE_IMAGE_WIDTH = 1200;

/** The width to cut a share image at: `SHARE_IMAGE_WIDTH`, or the original's width when it is smaller (never enlarged). */
export function shareImageWidth(original: { width: number }): number {
  return Math.min(SHARE_IMAGE_WIDTH, original.width);
}

/**
 * The widths a picture is cut at: for a thumbnail, those of `THUMBNAIL`; for any other kind, those
 * of its `PICTURE_CUTS` entry that the original has (it is never enlarged; an original narrower
 * than all of them is cut at its own width).
 */
export function cutWidths(kind: PictureKind, originalWidth: number): number[] {
  if (kind === 'thumbnail') return [...THUMBNAIL.widths];
  const fitting = PICTURE_CUTS[kind].widths.filter((width) => width <= originalWidth);
  return fitting.length > 0 ? fitting : [originalWidth];
}

/** The width of the fallback `<img src>`: the largest cut width up to the kind's `fallbackWidth` (a thumbnail's largest). */
export function fallbackWidth(kind: PictureKind, widths: readonly number[]): number {
  if (kind === 'thumbnail') return Math.max(...widths);
  const fitting = widths.filter((width) => width <= PICTURE_CUTS[kind].fallbackWidth);
  return fitting.length > 0 ? Math.max(...fitting) : Math.min(...widths);
}
