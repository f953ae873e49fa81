import { lastModified } from '../lib/articles.ts';
import { toZonedIso } from '../lib/dates.ts';
import { articlePath } from '../lib/urls.ts';
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
    media: mediaReferences([...article.images, ...article.links], path),
    title: article.title,
    summary: article.summary,
    section: sectionName,
    byline: article.byline,
    tags: [...article.tags],
    corrections: article.corrections.map((correction) => correction.text),
    status: article.status,
  };
}
