import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listOutputFiles, removeOutputs, staleOutputs } from '../lib/outputs.ts';

/**
 * Keeps the output folder between builds: Astro would otherwise empty it first (at 10,000 stories
 * that alone takes about 10 s), and then copy every unchanged page back from its page cache.
 * Kept, an unchanged page is left where it is ("cached" in Astro's log).
 *
 * So that a kept folder always ends up with exactly the files of a clean build:
 * - at the start, `_astro/` (hashed scripts, styles and images, all emitted again by every build)
 *   is emptied;
 * - at the end, before the integrations that add files (list this one first), every file that this
 *   build's pages, endpoints and `public/` did not produce is removed, except in the folders that
 *   other integrations keep up to date themselves (`owned`, e.g. the search index).
 */
export function keptOutput(owned: readonly string[] = []): AstroIntegration {
  let outDir = '';
  let publicDir = '';
  return {
    name: 'dateline-kept-output',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        publicDir = fileURLToPath(config.publicDir);
      },
      'astro:build:start': async () => {
        await rm(join(outDir, '_astro'), { recursive: true, force: true });
      },
      'astro:build:done': async ({ assets, logger }) => {
        const produced = new Set<string>();
        for (const urls of assets.values()) {
          for (const url of urls) produced.add(relative(outDir, fileURLToPath(url)).split(sep).join('/'));
        }
        if (existsSync(publicDir)) for (const file of await listOutputFiles(publicDir)) produced.add(file);
        const skip = new Set(['_astro', ...owned]);
        const stale = staleOutputs(await listOutputFiles(outDir, skip), produced);
        await removeOutputs(outDir, stale);
        if (stale.length > 0) logger.info(`${stale.length} files of earlier builds removed from the output`);
      },
    },
  };
}
