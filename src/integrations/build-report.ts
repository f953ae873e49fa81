import type { AstroIntegration } from 'astro';
import { clearBuildReport } from '../lib/build-report.ts';

/**
 * Removes the previous build's report (`src/lib/build-report.ts`) when a build starts, so that the
 * steps reading it at the end of the build only ever see the one this build's pages wrote.
 */
export function buildReport(cacheDir: string): AstroIntegration {
  return {
    name: 'dateline-build-report',
    hooks: {
      'astro:build:start': async () => {
        await clearBuildReport(cacheDir);
      },
    },
  };
}
