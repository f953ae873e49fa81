import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readJsonFile, writeFileAtomic } from '../lib/files.ts';
import { listOutputFiles, removeOutputs, staleOutputs } from '../lib/outputs.ts';

/** What the last finished build of `outDir` produced (pages, endpoints and `public/` files). */
interface OutputRecord {
  outDir: string;
  files: string[];
}

/**
 * Keeps the output folder between builds: Astro would otherwise empty it first (at 10,000 stories
 * that alone takes about 10 s), and then copy every unchanged page back from its page cache.
 * Kept, an unchanged page is left where it is ("cached" in Astro's log).
 *
 * So that a kept folder always ends up with exactly the files of a clean build:
 * - at the start, `_astro/` (hashed scripts, styles and images, all emitted again by every build)
 *   is emptied;
 * - at the end, before the integrations that add files (list this one first), every file that this
 *   build's pages, endpoints and `public/` did not produce is removed, except the top-level
 *   folders and files that other integrations keep up to date themselves (`owned`, by name or
 *   pattern: e.g. the search index, the sitemap files). Stale files
 *   are found from the record of what the previous build produced
 *   (`<cacheDir>/dateline/output.json`) and the top level of the folder; when there is no record
 *   for this folder (its first build, or the last one failed), by listing the whole folder.
 */
export function keptOutput({ cacheDir, owned = [] }: { cacheDir: string; owned?: readonly (string | RegExp)[] }): AstroIntegration {
  let outDir = '';
  let publicDir = '';
  const recordFile = join(cacheDir, 'dateline', 'output.json');
  let previous: OutputRecord | undefined;
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
        previous = await readJsonFile<OutputRecord>(recordFile);
        // Until this build finishes, what the folder holds is unknown.
        await rm(recordFile, { force: true });
        await rm(join(outDir, '_astro'), { recursive: true, force: true });
      },
      'astro:build:done': async ({ assets, logger }) => {
        const produced = new Set<string>();
        for (const urls of assets.values()) {
          for (const url of urls) produced.add(relative(outDir, fileURLToPath(url)).split(sep).join('/'));
        }
        if (existsSync(publicDir)) for (const file of await listOutputFiles(publicDir)) produced.add(file);
        const topLevel = await readdir(outDir, { withFileTypes: true });
        const skip = new Set(['_astro', ...topLevel.map((entry) => entry.name).filter((name) => isOwned(name, owned))]);
        let candidates: string[];
        if (previous?.outDir === resolveDir(outDir)) {
          const files = topLevel.filter((entry) => entry.isFile()).map((entry) => entry.name);
          candidates = [...new Set([...previous.files, ...files])].filter((file) => !skip.has(file.split('/')[0]!));
        } else {
          candidates = await listOutputFiles(outDir, skip);
        }
        const stale = staleOutputs(candidates, produced);
        await removeOutputs(outDir, stale);
        if (stale.length > 0) logger.info(`${stale.length} files this build did not produce removed from the output`);
        writeFileAtomic(recordFile, JSON.stringify({ outDir: resolveDir(outDir), files: [...produced].sort() } satisfies OutputRecord));
      },
    },
  };
}

/** Whether a top-level name of the output is kept up to date by another integration (a name or a pattern in `owned`). */
export function isOwned(name: string, owned: readonly (string | RegExp)[]): boolean {
  return owned.some((entry) => (typeof entry === 'string' ? entry === name : entry.test(name)));
}

function resolveDir(dir: string): string {
  return dir.replace(/[\\/]+$/, '');
}
