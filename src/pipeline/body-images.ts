import { isExternalUrl } from '../lib/urls.ts';
import { IMAGE_EXTENSIONS } from './image-path.ts';
import { resolveSitePath } from './links.ts';

/**
 * Images in article bodies go through the image pipeline like lead images: cut to the widths
 * their layout needs, in modern formats, with their size, lazy-loaded; the original is never
 * shipped.
 *
 * Bodies are rendered without Astro (in worker threads, kept between builds), so the body HTML
 * marks each such image (`BODY_IMAGE_MARKER`, with its layout) and the page replaces the mark
 * with the cut `<picture>` when it renders (`src/lib/body-images.ts`). Only files of the content
 * folder's `media/` are cut (`/media/photo.jpg`); any other image is shown as written.
 */

/** The attribute that marks a body `<img>` for the image pipeline; its value is the image's layout. */
export const BODY_IMAGE_MARKER = 'data-dateline-image';

/** Whether `url` (as a body writes it) may name an image the pipeline cuts: a path, not an address, with an image extension. */
export function isPipelineImageUrl(url: string): boolean {
  if (isExternalUrl(url) || url.startsWith('#')) return false;
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return extension !== undefined && (IMAGE_EXTENSIONS as readonly string[]).includes(extension);
}

/**
 * The site path of the body image written `url` on the page at `pagePath`, when it is a file of
 * the content folder's `media/` that the pipeline cuts (`/media/photo.jpg`); otherwise undefined.
 */
export function bodyImagePath(url: string, pagePath: string): string | undefined {
  if (!isPipelineImageUrl(url)) return undefined;
  const path = resolveSitePath(url, pagePath);
  return path.startsWith('/media/') && path.length > '/media/'.length && isPipelineImageUrl(path) ? path : undefined;
}
