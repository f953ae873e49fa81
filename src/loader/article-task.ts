/**
 * The worker task of `pool.ts`: processes a batch of files and writes their bodies as one pack.
 *
 * Loading the pipeline is most of a worker's start (~0.8 s). Node's compile cache, which Astro
 * also uses (in the system's temporary folder; not in CI, where it would never be reused), saves
 * ~0.2 s of it; a worker does not share the main thread's, so it enables its own before importing.
 */
import module from 'node:module';
import type { ArticleSchema } from '../pipeline/schema.ts';
import type { ObjectStore as ObjectStoreType } from '../store/objects.ts';
import type { BatchTask, JobResult } from './pool.ts';

if (!process.env['CI']) module.enableCompileCache?.();
const [{ processArticle }, { createArticleSchema }, { writeBodyPack }, { ObjectStore }] = await Promise.all([
  import('../pipeline/article.ts'),
  import('../pipeline/schema.ts'),
  import('../store/articles.ts'),
  import('../store/objects.ts'),
]);
module.flushCompileCache?.();

let current: { key: string; schema: ArticleSchema; objects: ObjectStoreType } | undefined;

export default function runBatch({ setup, jobs }: BatchTask): JobResult[] {
  const key = JSON.stringify(setup);
  if (current?.key !== key) {
    current = { key, schema: createArticleSchema(setup.context), objects: new ObjectStore(setup.objects) };
  }
  const processed = jobs.map((job) => processArticle(job.file, job.id, current!.schema));
  const rendered = processed.flatMap((result) => (result.ok ? [result.html] : []));
  const refs = rendered.length > 0 ? writeBodyPack(current.objects, rendered) : [];
  let next = 0;
  return processed.map((result) =>
    result.ok ? { ok: true, article: result.article, problems: result.problems, body: refs[next++]! } : result,
  );
}
