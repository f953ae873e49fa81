import { articlePath } from '../lib/urls.ts';
import { bodyImagePath } from '../pipeline/body-images.ts';
import { resolveImagePath } from '../pipeline/image-path.ts';
import { ARTICLE_LIMITS } from '../pipeline/limits.ts';
import type { FileProblem } from '../pipeline/problems.ts';
import type { ArticleRecord } from '../schemas/record.ts';
import type { FileIndex } from '../store/file-index.ts';
import { imageSize, type ContentFiles } from './content-files.ts';

/**
 * The problems of the body images the image pipeline cuts (`bodyImagePath`): held to a lead
 * image's limits, since the pipeline decodes them the same way. An image that cannot be read, or
 * has more than `ARTICLE_LIMITS.imagePixels`, is an error at its line. A missing file, or one that
 * leads outside the content folder, is reported by the link check (`checkArticleLinks`).
 */
export async function findBodyImageProblems(
  articles: readonly Pick<ArticleRecord, 'filePath' | 'section' | 'slug' | 'images'>[],
  files: ContentFiles,
  contentBase: string,
  sizes: FileIndex,
): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (const article of articles) {
    const page = articlePath(article);
    for (const image of article.images) {
      const path = bodyImagePath(image.url, page);
      const resolved = path === undefined ? undefined : resolveImagePath(path, article.filePath, contentBase);
      const found = resolved?.ok ? files.resolve(resolved.value.file) : undefined;
      if (!resolved?.ok || !found?.ok) continue;
      const size = await imageSize(resolved.value.file, found.real, sizes);
      const report = (message: string) =>
        problems.push({ file: article.filePath, line: image.line, column: image.column, field: 'body', severity: 'error', message });
      if (typeof size === 'string') {
        report(`the image ${image.url} could not be read as an image (${size}); save it again as JPEG, PNG, WebP or AVIF`);
      } else if (size.width * size.height > ARTICLE_LIMITS.imagePixels) {
        report(
          `the image ${image.url} is ${size.width} × ${size.height} pixels (${Math.round((size.width * size.height) / 1e6)} megapixels); an image may have at most ${ARTICLE_LIMITS.imagePixels / 1e6} megapixels: resize it before committing`,
        );
      }
    }
  }
  return problems;
}
