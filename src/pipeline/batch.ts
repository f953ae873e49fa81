/**
 * A batch of files processed the same way on a worker thread and in the main one (see `parallel.ts`).
 * This module loads the whole per-file pipeline (front matter, schema, Markdown).
 */
import { writeBodyPack } from './article-cache.ts';
import { processArticle } from './article.ts';
import type { ArticleJob, JobResult } from './parallel.ts';
import type { ArticleSchema } from './schema.ts';

/** Processes a batch of files and writes their bodies to `bodies`, as one pack (see `writeBodyPack`). */
export function runBatch(jobs: readonly ArticleJob[], schema: ArticleSchema, bodies: string): JobResult[] {
  const processed = jobs.map((job) => processArticle(job.file, job.id, schema));
  const rendered = processed.flatMap((result) => (result.ok ? [result.article.html] : []));
  const locations = rendered.length > 0 ? writeBodyPack(bodies, rendered) : [];
  let next = 0;
  return processed.map((result) => {
    if (!result.ok) return result;
    const { html: _html, ...article } = result.article;
    return { ok: true, article, problems: result.problems, body: locations[next++]! };
  });
}
