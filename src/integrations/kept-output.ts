import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { walkFiles } from '../io/walk.ts';
import { removeOutputs } from '../io/outputs.ts';
import type { OutputListing } from '../store/output-table.ts';

/**
 * Keeps the output folder between builds: Astro would otherwise empty it first (at 10,000 stories
 * that alone takes about 10 s), and then copy every unchanged page back from its page cache.
 * Kept, an unchanged page is left where it is ("cached" in Astro's log).
 *
 * So that a kept folder always ends up with exactly the files of a clean build:
 * - at the start, `_astro/` (hashed scripts, styles and images, all emitted again by every build)
 *   is emptied;
 * - at the end, before the integrations that add files (list this one first), every file of the
 *   folder that this build's pages, endpoints and `public/` did not produce is removed, except in
 *   the top-level folders and files that other integrations keep up to date themselves (`owned`,
 *   by name or pattern: the search index, the sitemap files…). The whole folder is listed, so
 *   nothing an earlier or unfinished build left there survives; that listing is handed on
 *   (`onListed`) to the build state, which records the finished folder without walking it again.
 */
export function keptOutput({
  owned = [],
  onListed,
}: {
  owned?: readonly (string | RegExp)[];
  /** Given the folder as this integration leaves it: every file outside `_astro/` and the owned entries, which others still write. */
  onListed?: (listing: OutputListing) => void;
}): AstroIntegration {
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
        if (existsSync(publicDir)) for (const file of walkFiles(publicDir)) produced.add(file);
        const skip = (name: string) => name === '_astro' || isOwned(name, owned);
        const listed = walkFiles(outDir).filter((file) => !skip(file.split('/')[0]!));
        const stale = listed.filter((file) => !produced.has(file));
        await removeOutputs(outDir, stale);
        onListed?.({ files: listed.filter((file) => produced.has(file)), relisted: skip });
        if (stale.length > 0) logger.info(`${stale.length} files this build did not produce removed from the output`);
      },
    },
  };
}

/** Whether a top-level name of the output is kept up to date by another integration (a name or a pattern in `owned`). */
export function isOwned(name: string, owned: readonly (string | RegExp)[]): boolean {
  return owned.some((entry) => (typeof entry === 'string' ? entry === name : entry.test(name)));
}
