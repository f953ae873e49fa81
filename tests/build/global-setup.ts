import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, TMP_ROOT } from '../helpers/build.ts';
import { writeExtendedNewsroom } from '../helpers/newsroom.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The extended newsroom (see `writeExtendedNewsroom`), built once for the quality gates. */
    qualityBuild: { contentDir: string; outDir: string; cacheDir: string };
  }
}

/** Builds the extended newsroom once; every quality gate of the build project reads this one build. */
export default async function setup(project: TestProject) {
  const contentDir = join(TMP_ROOT, 'quality-content');
  await writeExtendedNewsroom(contentDir);
  const site = await buildSite('quality', contentDir);
  if (site.status !== 0) throw new Error(`building the extended newsroom failed:\n${site.output}`);
  project.provide('qualityBuild', { contentDir, outDir: site.outDir, cacheDir: site.cacheDir });
}
