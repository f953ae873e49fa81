import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, PROJECT_ROOT, TMP_ROOT } from '../helpers/build.ts';
import { ensureChromium } from '../../scripts/lib/chromium.ts';
import { writeExtendedNewsroom } from '../helpers/newsroom.ts';
import { serveStatic } from '../../scripts/lib/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The extended newsroom (sample + long read + a second National page), for pages the sample lacks. */
    extendedBaseUrl: string;
    chromiumPath: string;
    /** Where the sample newsroom's build kept its cache (and build report). */
    cacheDir: string;
  }
}

/** Stories per search shard in the sample newsroom's build. */
export const SEARCH_SHARD_SIZE = 10;

/** Builds the sample newsroom and the extended newsroom, serves both on localhost and finds (or installs) Chromium. */
export default async function setup(project: TestProject) {
  const chromiumPath = ensureChromium();
  // Search shards of 10 stories: the sample's 28 stories are searched across three merged bundles.
  const site = await buildSite('e2e', join(PROJECT_ROOT, 'content'), { DATELINE_SEARCH_SHARD_SIZE: String(SEARCH_SHARD_SIZE) });
  if (site.status !== 0) throw new Error(`building the sample newsroom failed:\n${site.output}`);
  const extendedContent = join(TMP_ROOT, 'e2e-extended-content');
  await writeExtendedNewsroom(extendedContent);
  const extended = await buildSite('e2e-extended', extendedContent);
  if (extended.status !== 0) throw new Error(`building the extended newsroom failed:\n${extended.output}`);
  const server = await serveStatic(site.outDir);
  const extendedServer = await serveStatic(extended.outDir);
  project.provide('baseUrl', server.url);
  project.provide('extendedBaseUrl', extendedServer.url);
  project.provide('chromiumPath', chromiumPath);
  project.provide('cacheDir', site.cacheDir);
  return async () => {
    await server.close();
    await extendedServer.close();
  };
}
