import type { AstroIntegration } from 'astro';
import { clearBuildReport } from '../lib/build-report.ts';

/**
 * Removes the previous build's report (`src/lib/build-report.ts`) before the content is synced,
 * so that the steps reading it only ever see the one this build's content loader wrote.
 */
export function buildReport(cacheDir: string): AstroIntegration {
  return {
    name: 'dateline-build-report',
    hooks: {
      'astro:config:done': async () => {
        await clearBuildReport(cacheDir);
      },
    },
  };
}
