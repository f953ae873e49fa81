import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { compareStrings } from '../lib/strings.ts';
import { ObjectStore } from './objects.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Astro's own build state in the cache folder, held to the snapshot's rule: only what a finished
 * build left may be reused.
 *
 * Astro's incremental build writes each page and its page-cache copy as it renders, but its key
 * file (`incremental-build.json`) only when pages are done, and its image cache as it cuts
 * images; a build killed midway leaves keys that describe the last finished build beside pages
 * and images of the killed one. So:
 * - `recordAstroState`, when a build has finished, records the digests of Astro's key file and
 *   content store and the list of its cached images in the snapshot;
 * - `recoverAstroState`, when the next build starts, removes whatever does not match that record:
 *   after an unfinished build, or beside a key file or store that is not the one recorded (a stale
 *   copy, a damaged file), the key file goes (every page is rendered again, and every file of the
 *   output is rewritten or removed); images the record does not list, or whose size is not the
 *   recorded one (`removeDamagedAssets`), go (they are cut again).
 */

/** Astro's files in the cache folder (`cacheDir`), as Astro 7 names them. */
export const ASTRO_STATE = {
  /** The incremental build's keys: which page may be reused (`src/core/build/incremental.js`). */
  manifest: 'incremental-build.json',
  /** The content layer's store, written atomically by Astro. */
  dataStore: 'data-store.json',
  /** The image cache: one file per cut image (written in place, not atomically). */
  assets: 'assets',
} as const;

function fileDigest(path: string): string | null {
  try {
    return ObjectStore.digest(readFileSync(path));
  } catch {
    return null;
  }
}

function listAssets(cacheDir: string): string[] {
  try {
    return readdirSync(join(cacheDir, ASTRO_STATE.assets)).sort(compareStrings);
  } catch {
    return [];
  }
}

/** The image cache as recorded: each file's name and size. */
const AssetListSchema = z.array(z.tuple([z.string(), z.number()]));
type AssetList = z.infer<typeof AssetListSchema>;

/** The recorded image list of `snapshot`; empty when there is none or it cannot be read. */
function recordedAssets(snapshot: Pick<Snapshot, 'astro'>, objects: ObjectStore): AssetList {
  return (snapshot.astro?.assets && objects.getJson(snapshot.astro.assets, AssetListSchema)) || [];
}

/** What `recoverAstroState` did, for the build log. */
export interface Recovery {
  /** The key file was removed: every page is rendered again. */
  pagesReset: boolean;
  /** Cached images removed because no finished build recorded them. */
  assetsRemoved: number;
}

/** Removes what of Astro's state in `cacheDir` no finished build recorded in `snapshot` (see above). */
export function recoverAstroState(cacheDir: string, snapshot: Snapshot, objects: ObjectStore): Recovery {
  const recorded = snapshot.astro;
  const unfinished = snapshot.building !== null;
  const manifest = join(cacheDir, ASTRO_STATE.manifest);
  const dataStore = join(cacheDir, ASTRO_STATE.dataStore);
  const manifestDigest = fileDigest(manifest);
  const pagesReset = manifestDigest !== null && (unfinished || manifestDigest !== recorded?.manifest);
  if (pagesReset) rmSync(manifest, { force: true });
  const storeDigest = fileDigest(dataStore);
  if (storeDigest !== null && storeDigest !== recorded?.dataStore) rmSync(dataStore, { force: true });
  const known = new Map(recordedAssets(snapshot, objects));
  let assetsRemoved = 0;
  for (const name of listAssets(cacheDir)) {
    if (known.has(name)) continue;
    rmSync(join(cacheDir, ASTRO_STATE.assets, name), { force: true, recursive: true });
    assetsRemoved++;
  }
  return { pagesReset, assetsRemoved };
}

/**
 * Removes the cut images of Astro's cache whose size is not the one recorded (a cache restored in
 * part, a file cut short): Astro copies a cached image into the output without reading it, so one
 * would be published as it is. Runs on the thread pool while the content is synced; a file of the
 * recorded size is trusted (reading every image each build would cost seconds at newsroom scale).
 * Returns how many went.
 */
export async function removeDamagedAssets(cacheDir: string, snapshot: Snapshot, objects: ObjectStore): Promise<number> {
  const entries = recordedAssets(snapshot, objects);
  let removed = 0;
  let next = 0;
  const check = async () => {
    while (next < entries.length) {
      const [name, size] = entries[next++]!;
      const path = join(cacheDir, ASTRO_STATE.assets, name);
      const found = await stat(path).catch(() => undefined);
      if (found && found.size !== size) {
        await rm(path, { force: true, recursive: true });
        removed++;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, check));
  return removed;
}

/**
 * Astro's state in `cacheDir` as a finished build leaves it, for the snapshot; the image list
 * (names and sizes) is stored in `objects`. Only files not in the `previous` list are measured.
 */
export function recordAstroState(cacheDir: string, objects: ObjectStore, previous: Snapshot['astro']): NonNullable<Snapshot['astro']> {
  const known = new Map(recordedAssets({ astro: previous }, objects));
  const assets: AssetList = listAssets(cacheDir).map((name) => [
    name,
    known.get(name) ?? statSync(join(cacheDir, ASTRO_STATE.assets, name), { throwIfNoEntry: false })?.size ?? 0,
  ]);
  return {
    manifest: fileDigest(join(cacheDir, ASTRO_STATE.manifest)),
    dataStore: fileDigest(join(cacheDir, ASTRO_STATE.dataStore)),
    assets: objects.put(JSON.stringify(assets)),
  };
}
