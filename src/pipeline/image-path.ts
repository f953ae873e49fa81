import { posix } from 'node:path';
import { isExternalUrl } from '../lib/urls.ts';

/**
 * Lead images: where an article's `image.src` points, and whether the file is there.
 *
 * Images are content: they live in the content folder, beside the article or in a media folder,
 * and go through Astro's image pipeline (sharp) like any imported image. These rules only read
 * the path as written; whether the file is there is checked by the loader (`src/loader/content-files.ts`).
 */

/** File types the image pipeline reads, by extension (lowercase, without the dot). */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'avif'] as const;

/**
 * Why `src` cannot be a lead image path (or another image file's, named `field` in the message), or undefined when its form is fine.
 *
 * - `./photo.jpg`, `photo.jpg` and `../media/photo.jpg` are relative to the article's file.
 * - `/media/photo.jpg` starts at the content folder (`content/media/photo.jpg`).
 * - URLs (`https://…`, `//host/…`, `data:…`) are refused: the build would depend on another
 *   server, could not size or convert the image, and readers' browsers would fetch from a third
 *   party. Save the file in the content folder instead.
 * - The extension must be one the image pipeline reads (`IMAGE_EXTENSIONS`).
 */
export function describeImageSrcProblem(src: string, field = 'image.src'): string | undefined {
  if (isExternalUrl(src)) {
    return `${field} must be a file in the content folder, such as /media/photo.jpg or ./photo.jpg; images from other sites are not allowed: save the file in the content folder so the build can size it and serve it from this site`;
  }
  if (/[?#\\]/.test(src)) return `${field} must be a plain file path, without ?, # or backslashes`;
  const extension = /\.([a-z0-9]+)$/i.exec(src)?.[1]?.toLowerCase();
  if (!extension || !(IMAGE_EXTENSIONS as readonly string[]).includes(extension)) {
    return `${field} must be an image file ending in ${IMAGE_EXTENSIONS.map((ext) => `.${ext}`).join(', ')}`;
  }
  return undefined;
}

/** Where a lead image file is, seen from the project root and from its article. */
export interface ResolvedImagePath {
  /** The file, relative to the project root, with `/` (`content/media/photo.jpg`). */
  file: string;
  /** The same file relative to the article's folder, always starting with `./` or `../`: what Astro's `image()` imports. */
  fromArticle: string;
}

export type ResolveImageResult = { ok: true; value: ResolvedImagePath } | { ok: false; message: string };

/**
 * Resolves `src` (see `describeImageSrcProblem`) for the article at `articleFile`.
 *
 * - `articleFile` and `contentBase` are relative to the project root (`content/2025/03/a.md`, `content`).
 * - The result must stay inside the content folder: `../../../etc/photo.jpg` is refused.
 */
export function resolveImagePath(src: string, articleFile: string, contentBase: string, field = 'image.src'): ResolveImageResult {
  const base = posix.normalize(contentBase.split('\\').join('/')).replace(/\/+$/, '');
  const articleDir = posix.dirname(articleFile);
  const file = src.startsWith('/') ? posix.join(base, src) : posix.join(articleDir, src);
  const inside = base === '.' ? !file.startsWith('../') && file !== '..' : file.startsWith(`${base}/`);
  if (!inside)
    return { ok: false, message: `${field} “${src}” points outside the content folder ${base}/; keep images in it, e.g. ${base}/media/` };
  const relative = posix.relative(articleDir, file);
  return { ok: true, value: { file, fromArticle: relative.startsWith('../') ? relative : `./${relative}` } };
}
