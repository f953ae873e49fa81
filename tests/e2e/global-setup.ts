import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { ensureChromium } from '../helpers/chromium.ts';
import { serveStatic } from '../helpers/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

/** Builds the sample newsroom, serves it on localhost and finds (or installs) Chromium. */
export default async function setup(project: TestProject) {
  const chromiumPath = ensureChromium();
  const site = await buildSite('e2e', join(PROJECT_ROOT, 'content'));
  if (site.status !== 0) throw new Error(`building the sample newsroom failed:\n${site.output}`);
  const server = await serveStatic(site.outDir);
  project.provide('baseUrl', server.url);
  project.provide('chromiumPath', chromiumPath);
  return server.close;
}
