import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { wallClockMs } from '../runtime.ts';
import { resolveImagePath } from '../pipeline/image-path.ts';
import { ARTICLE_LIMITS } from '../pipeline/limits.ts';
import type { FileProblem } from '../pipeline/problems.ts';
import type { FileIndex } from '../store/file-index.ts';

/**
 * The files of the content folder that articles name besides themselves: lead images, and the
 * images and files their bodies show or link to under `/media/`.
 *
 * Git commits symbolic links, so a file under `content/` may lead anywhere on the build machine
 * (a key, a CI secret). Every such file is resolved to its real path and must lie inside the
 * content folder; one that does not is an error, and is never read or copied.
 */

/** Where a content file is, or why it cannot be used. */
export type ContentFile = { ok: true; real: string } | { ok: false; reason: 'missing' } | { ok: false; reason: 'outside'; target: string };

/** Resolves files named relative to the project root (`content/media/x.jpg`) against the content folder. */
export class ContentFiles {
  readonly root: string;
  readonly #realContentDir: string;
  readonly #seen = new Map<string, ContentFile>();

  /** `contentDir`: the content folder, absolute or relative to `root`. */
  constructor(root: string, contentDir: string) {
    this.root = root;
    this.#realContentDir = realpathSync(resolve(root, contentDir));
  }

  /** The file `file` (relative to the root): its real path when it is a file inside the content folder. */
  resolve(file: string): ContentFile {
    let found = this.#seen.get(file);
    if (!found) {
      found = this.#resolve(resolve(this.root, file));
      this.#seen.set(file, found);
    }
    return found;
  }

  #resolve(path: string): ContentFile {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return { ok: false, reason: 'missing' };
    }
    if (real !== this.#realContentDir && !real.startsWith(this.#realContentDir + sep))
      return { ok: false, reason: 'outside', target: real };
    return statSync(real, { throwIfNoEntry: false })?.isFile() ? { ok: true, real } : { ok: false, reason: 'missing' };
  }
}

/** How an error names a file that leads outside the content folder. */
export function outsideMessage(what: string, file: string, target: string): string {
  return `${what} ${file} is a link to ${target}, outside the content folder: the build never reads it; copy the file into the content folder instead`;
}

/**
 * The lead-image problems of a whole corpus, on each article's `image.src` field (or `field`, for
 * other images that follow the same rules, such as author photos; see
 * `locateProblems` for the line): a path outside the content folder, a missing file, a file that
 * leads outside it, an image that cannot be read or has more than `ARTICLE_LIMITS.imagePixels`.
 *
 * Runs on every build for every article, cached or not: an image can change while its article
 * does not. Image sizes are read from the file's header once per change of the file, by its stat
 * (`sizes`, like the article file index).
 */
export async function findLeadImageProblems(
  articles: readonly { filePath: string; image?: { src: string } | undefined }[],
  files: ContentFiles,
  contentBase: string,
  sizes: FileIndex,
  { field = 'image.src', what = 'a lead image' }: { field?: string; what?: string } = {},
): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  const report = (article: { filePath: string }, message: string) =>
    problems.push({ file: article.filePath, field, severity: 'error', message });
  const measure: { article: { filePath: string }; src: string; file: string; real: string }[] = [];
  for (const article of articles) {
    if (!article.image) continue;
    const { src } = article.image;
    const resolved = resolveImagePath(src, article.filePath, contentBase, field);
    if (!resolved.ok) {
      report(article, resolved.message);
      continue;
    }
    const found = files.resolve(resolved.value.file);
    if (found.ok) measure.push({ article, src, file: resolved.value.file, real: found.real });
    else if (found.reason === 'outside') report(article, outsideMessage(`${field} “${src}”:`, resolved.value.file, found.target));
    else report(article, `${field} “${src}” does not exist: no file ${resolved.value.file}; add the image there or correct the path`);
  }
  for (const { article, src, file, real } of measure) {
    const size = await imageSize(file, real, sizes);
    if (typeof size === 'string') {
      report(article, `${field} “${src}” could not be read as an image (${size}); save it again as JPEG, PNG, WebP or AVIF`);
      continue;
    }
    const pixels = size.width * size.height;
    if (pixels > ARTICLE_LIMITS.imagePixels) {
      report(
        article,
        `${field} “${src}” is ${size.width} × ${size.height} pixels (${Math.round(pixels / 1e6)} megapixels); ${what} may have at most ${ARTICLE_LIMITS.imagePixels / 1e6} megapixels: resize it before committing`,
      );
    }
  }
  return problems;
}

/**
 * The size of the image at `real`, from its header, or why it cannot be read. Remembered in
 * `sizes` under `file` by the file's stat, so an unchanged image is not opened again.
 */
export async function imageSize(file: string, real: string, sizes: FileIndex): Promise<{ width: number; height: number } | string> {
  const stat = statSync(real);
  const known = sizes.digest(file, stat);
  if (known !== undefined) {
    const [width, height] = known.split('x').map(Number);
    return { width: width!, height: height! };
  }
  const readAt = wallClockMs();
  // Loaded only when an image changed: most runs have none to measure.
  const { default: sharp } = await import('sharp');
  try {
    // Header only: the pixels are not decoded, so an image too large to decode is measured safely.
    const { width, height } = await sharp(real, { limitInputPixels: false }).metadata();
    if (!width || !height) return 'no width or height';
    sizes.record(file, stat, `${width}x${height}`, readAt);
    return { width, height };
  } catch (error) {
    return (error as Error).message;
  }
}
