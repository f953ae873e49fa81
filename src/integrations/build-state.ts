import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { BuildState } from '../store/build-state.ts';
import { failpoint } from '../store/failpoints.ts';
import { deployFiles, type OutputListing, type PendingOutputListing } from '../store/output-table.ts';

/**
 * The build state's part in a build (`src/store/build-state.ts`): two integrations, the first to
 * run and the last.
 *
 * - `start`: takes the lock of the cache folder (a second build or check here stops at once,
 *   naming the one that runs); removes what of Astro's state no finished build recorded (before
 *   the content is synced); marks the build as started once the content is synced, before any
 *   output is written (a build stopped by content errors leaves nothing to distrust).
 * - `finish`: once every other integration is done, records what the build left and marks it
 *   finished. A build that stops before this (killed, crashed, out of disk) stays marked, and the
 *   next build reuses none of its pages.
 */
export function buildState(): { start: AstroIntegration; finish: AstroIntegration; outputListed: (listing: PendingOutputListing) => void } {
  let state: BuildState | undefined;
  let damagedAssets: Promise<number> | undefined;
  let listing: PendingOutputListing | undefined;
  return {
    // The output folder as `keptOutput` listed it in this build, for `finish`.
    outputListed: (listed) => {
      listing = listed;
    },
    start: {
      name: 'dateline-build-state',
      hooks: {
        'astro:config:setup': ({ command, config }) => {
          if (command !== 'build') return;
          state = BuildState.open(fileURLToPath(config.cacheDir));
          state.lock('build', (holder) =>
            console.warn(`A build that did not finish (pid ${holder.pid}, since ${holder.since}) left its lock; it was removed.`),
          );
        },
        'astro:config:done': ({ logger }) => {
          if (!state) return;
          const recovery = state.recover();
          const { unfinished, pagesReset, assetsRemoved } = recovery;
          damagedAssets = recovery.damagedAssets;
          if (unfinished) {
            logger.warn(
              `the last build here did not finish (pid ${unfinished.pid}, started ${unfinished.since}): none of its pages is reused, and every page is rendered again`,
            );
          } else if (pagesReset) {
            logger.info('the page cache does not match the last finished build: every page is rendered again');
          }
          if (assetsRemoved > 0) logger.info(`${assetsRemoved} cached images no finished build recorded were removed`);
        },
        'astro:build:start': async ({ logger }) => {
          if (!state) return;
          const removed = await damagedAssets;
          if (removed) logger.info(`${removed} cached images of the wrong size were removed`);
          state.markBuilding();
        },
      },
    },
    finish: {
      name: 'dateline-build-state-finish',
      hooks: {
        'astro:build:done': async ({ dir, logger }) => {
          if (!state) return;
          let listed: OutputListing | undefined;
          if (listing) {
            const stats = await listing.stats.catch((error: unknown) => {
              logger.info(
                `the size and time of the output files are read again: ${error instanceof Error ? error.message : String(error)}`,
              );
              return undefined;
            });
            listed = { ...listing, stats };
          }
          const manifest = state.finishBuild(fileURLToPath(dir), listed);
          listing = undefined;
          const upload = manifest.added.length + manifest.changed.length;
          logger.info(
            manifest.incremental
              ? `to deploy: ${upload} files to upload (${manifest.added.length} new, ${manifest.changed.length} changed), ${manifest.removed.length} to delete, ${manifest.unchanged} unchanged (${relative(process.cwd(), deployFiles(state.folder).folder)}/)`
              : `to deploy: every file (${upload}); no finished build of this output folder to compare with`,
          );
        },
      },
    },
  };
}

/** Marks the point where every page is written (for the crash tests, see `failpoints.ts`). */
export function pagesDone(): AstroIntegration {
  return { name: 'dateline-pages-done', hooks: { 'astro:build:done': () => failpoint('pages-done') } };
}
