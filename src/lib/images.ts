import type { ImageMetadata } from 'astro';
import type { LeadImageFields } from '../schemas/record.ts';

/**
 * How lead images and thumbnails are cut: the sizes Astro's image pipeline generates and the
 * `sizes` attribute that lets browsers pick one. Values follow the layout in `global.css`.
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

/** Width of the image offered to social networks, feeds and search engines (Google asks for 1200 px). */
export const SHARE_IMAGE_WIDTH = 1200;

/** The width to cut a share image at: `SHARE_IMAGE_WIDTH`, or the original's width when it is smaller (never enlarged). */
export function shareImageWidth(original: { width: number }): number {
  return Math.min(SHARE_IMAGE_WIDTH, original.width);
}

/**
 * The widths a picture is cut at: for a lead image, those of `LEAD_IMAGE` the original has (it is
 * never enlarged; an original narrower than all of them is cut at its own width); for a
 * thumbnail, those of `THUMBNAIL`.
 */
export function cutWidths(kind: 'lead' | 'thumbnail', originalWidth: number): number[] {
  if (kind === 'thumbnail') return [...THUMBNAIL.widths];
  const fitting = LEAD_IMAGE.widths.filter((width) => width <= originalWidth);
  return fitting.length > 0 ? fitting : [originalWidth];
}

/** The width of the fallback `<img src>`: the largest cut width up to `LEAD_IMAGE.fallbackWidth` (a thumbnail's largest). */
export function fallbackWidth(kind: 'lead' | 'thumbnail', widths: readonly number[]): number {
  if (kind === 'thumbnail') return Math.max(...widths);
  const fitting = widths.filter((width) => width <= LEAD_IMAGE.fallbackWidth);
  return fitting.length > 0 ? Math.max(...fitting) : Math.min(...widths);
}
