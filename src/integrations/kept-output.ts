import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { walkFiles, walkFilesOffThread } from '../io/walk.ts';
import { removeOutputs } from '../io/outputs.ts';
import { statFilesOffThread } from '../io/stat.ts';
import type { PendingOutputListing } from '../store/output-table.ts';

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
 *   (`onListed`) to the build state, which records the finished folder without walking it again,
 *   with each file's size and time, read on a worker thread while the later integrations run.
 *
 * The folder is listed when the build starts, on a worker thread while Astro bundles and renders
 * (at 50,000 stories that is one listing for each of 70,000 page folders). Until the end of the
 * build only Astro writes there: the files this build produces, `_astro/` and its bundle folder,
 * which it removes again; so what the build did not produce is in that listing. Should the listing
 * fail (a folder removed while it was read), the folder is listed again at the end.
 */
export function keptOutput({
  owned = [],
  onListed,
}: {
  owned?: readonly (string | RegExp)[];
  /**
   * Given the folder as this integration leaves it: every file outside `_astro/` and the owned
   * entries, which others still write, and (once read) the size and time of each.
   */
  onListed?: (listing: PendingOutputListing) => void;
}): AstroIntegration {
  let outDir = '';
  let publicDir = '';
  /** The output folder as the build found it, listed while the build runs. */
  let found: Promise<string[] | Error> = Promise.resolve(new Error('it was not listed when the build started'));
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
        found = walkFilesOffThread(outDir).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      },
      'astro:build:done': async ({ assets, logger }) => {
        const produced = new Set<string>();
        for (const urls of assets.values()) {
          for (const url of urls) produced.add(relative(outDir, fileURLToPath(url)).split(sep).join('/'));
        }
        if (existsSync(publicDir)) for (const file of walkFiles(publicDir)) produced.add(file);
        const skip = (name: string) => name === '_astro' || isOwned(name, owned);
        const kept = (file: string) => !skip(file.split('/')[0]!);
        const early = await found;
        if (early instanceof Error) logger.info(`the output folder is listed again: ${early.message}`);
        const before = early instanceof Error ? undefined : early;
        const listed = (before ?? walkFiles(outDir)).filter(kept);
        const stale = listed.filter((file) => !produced.has(file));
        await removeOutputs(outDir, stale);
        // What the folder holds now: the produced files it held, and those written since it was listed.
        const present = new Set(listed);
        const files = [...produced].filter(
          (file) => kept(file) && (present.has(file) || (before !== undefined && existsSync(join(outDir, file)))),
        );
        // Only the integrations that own the skipped entries write after this: the size and time
        // of these files are final, and are read meanwhile on a worker thread.
        onListed?.({ files, relisted: skip, stats: statFilesOffThread(outDir, files) });
        if (stale.length > 0) logger.info(`${stale.length} files this build did not produce removed from the output`);
      },
    },
  };
}

/** Whether a top-level name of the output is kept up to date by another integration (a name or a pattern in `owned`). */
export function isOwned(name: string, owned: readonly (string | RegExp)[]): boolean {
  return owned.some((entry) => (typeof entry === 'string' ? entry === name : entry.test(name)));
}
