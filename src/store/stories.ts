import { lastModified } from '../lib/articles.ts';
import { toZonedIso } from '../lib/dates.ts';
import { articlePath } from '../lib/urls.ts';
import { bodyImagePath } from '../pipeline/body-images.ts';
import { mediaReferences } from '../pipeline/links.ts';
import type { ArticleRecord, BodyRef, PublicationStatus, Story } from '../schemas/record.ts';

export type { Story };

/** The story of `article` (with its digest, body and status), its section named `sectionName`, dates in `timeZone`. */
export function toStory(
  article: ArticleRecord & { digest: string; body: BodyRef; status: PublicationStatus },
  sectionName: string,
  timeZone: string,
): Story {
  const path = articlePath(article);
  return {
    id: article.id,
    filePath: article.filePath,
    path,
    digest: article.digest,
    body: article.body,
    lastmod: toZonedIso((lastModified(article) ?? article.date).date, timeZone),
    // Images the pipeline cuts are shipped in their cut sizes only, never copied as they are.
    media: mediaReferences([...article.images.filter((image) => bodyImagePath(image.url, path) === undefined), ...article.links], path),
    title: article.title,
    summary: article.summary,
    section: sectionName,
    byline: article.byline,
    authors: [...article.authors],
    tags: [...article.tags],
    corrections: article.corrections.map((correction) => correction.text),
    status: article.status,
  };
}
