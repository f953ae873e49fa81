import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SchemaContext } from '../pipeline/schema.ts';
import type { BodyRef } from '../schemas/record.ts';
import type { ObjectStore } from '../store/objects.ts';

/** What `bodyOf` needs to know of an article. */
export interface BodySource {
  id: string;
  /** Its file, relative to `root`. */
  filePath: string;
  body: BodyRef;
}

/**
 * The body HTML of `article`: the kept copy, verified (see `ObjectStore.getPart`), or, when that
 * is missing or damaged, the body rendered again from the article's file: the same HTML, since
 * the file is the one the record was made from. `rendered` says which; the caller then drops the
 * entry, so that the next run keeps a good copy again.
 */
export async function bodyOf(
  article: BodySource,
  { objects, root, context }: { objects: ObjectStore; root: string; context: SchemaContext },
): Promise<{ html: string; rendered: boolean }> {
  const kept = objects.getPart(article.body.pack, article.body.start, article.body.length, article.body.sha);
  if (kept) return { html: kept.toString('utf8'), rendered: false };
  // Loaded only on a miss: a build whose state is whole never needs the pipeline here.
  const [{ decodeSource }, { processArticle }, { createArticleSchema }] = await Promise.all([
    import('../pipeline/read.ts'),
    import('../pipeline/article.ts'),
    import('../pipeline/schema.ts'),
  ]);
  const read = decodeSource(article.filePath, readFileSync(resolve(root, article.filePath)));
  const result = read.ok ? processArticle(read.file, article.id, createArticleSchema(context)) : undefined;
  if (!result?.ok)
    throw new Error(`the body of ${article.filePath} is missing from the build state and could not be rendered again from the file`);
  return { html: result.html, rendered: true };
}
