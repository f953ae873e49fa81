import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../io/files.ts';
import { walkFiles } from '../io/walk.ts';
import { compareStrings } from '../lib/strings.ts';
import { ObjectStore } from './objects.ts';

/**
 * What the output folder held when a build finished, file by file, and what changed since the
 * build before: the deploy manifest, so that an upload sends only the files that changed.
 *
 * - A file whose size and modification time are those recorded is unchanged (a page Astro left in
 *   place); any other is read and compared by digest, so a page rendered again to the same bytes
 *   is not uploaded again.
 * - Files under `/_astro/` carry a hash of their content in their name: one of the recorded name
 *   and size is unchanged, whatever its time (Astro copies them out again every build).
 */

const TableSchema = z.object({
  outDir: z.string(),
  files: z.array(z.tuple([z.string(), z.number(), z.number(), z.string()])),
});
type Table = z.infer<typeof TableSchema>;

/** The deploy manifest: what a CDN upload must send and delete to go from the last build's output to this one's. */
export const DeployManifestSchema = z.object({
  /** The output folder. */
  outDir: z.string(),
  /** Whether the previous build's output was known; when not, every file is `added`. */
  incremental: z.boolean(),
  /** New files, relative to the output folder. */
  added: z.array(z.string()),
  /** Files whose bytes changed. */
  changed: z.array(z.string()),
  /** Files the previous build had and this one has not. */
  removed: z.array(z.string()),
  /** How many files are as they were. */
  unchanged: z.number(),
});
export type DeployManifest = z.infer<typeof DeployManifestSchema>;

/** Where the deploy manifest of the build state in `folder` is written: JSON, and plain lists of paths. */
export function deployFiles(folder: string) {
  const deploy = join(folder, 'deploy');
  return {
    folder: deploy,
    manifest: join(deploy, 'manifest.json'),
    /** Added and changed files, one path per line, relative to the output folder (`rsync --files-from`). */
    upload: join(deploy, 'upload.txt'),
    /** Removed files, one path per line. */
    remove: join(deploy, 'remove.txt'),
  };
}

/**
 * The output folder as listed earlier in the same build (by `src/integrations/kept-output.ts`,
 * which has just listed it whole): every file outside the top-level entries `relisted` names.
 * Only the integrations that write into those entries run after that listing, so the rest of the
 * folder is as listed, and an output of 100,000 pages is not walked twice.
 */
export interface OutputListing {
  files: readonly string[];
  relisted: (topLevelName: string) => boolean;
  /**
   * The size and time of each of `files` (`statFiles`), read once they were final, while the
   * later integrations ran; a file without them (`NaN`) is read again.
   */
  stats?: Float64Array | undefined;
}

/** An `OutputListing` whose sizes and times are still being read on a worker thread (`statFilesOffThread`). */
export type PendingOutputListing = Omit<OutputListing, 'stats'> & { stats: Promise<Float64Array> };

/**
 * Every file of `outDir`, sorted as `walkFiles` sorts them: from `listing` and the entries it says
 * to list again, or walked. With each, where its size and time are in `listing.stats` (-1: not there).
 */
function listOutput(outDir: string, listing: OutputListing | undefined): { path: string; at: number }[] {
  if (!listing) return walkFiles(outDir).map((path) => ({ path, at: -1 }));
  const { stats } = listing;
  const known = stats?.length === listing.files.length * 2;
  const files: { path: string; at: number }[] = [];
  for (const [index, path] of listing.files.entries()) {
    if (!listing.relisted(path.split('/')[0]!)) files.push({ path, at: known && !Number.isNaN(stats[index * 2]) ? index * 2 : -1 });
  }
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (!listing.relisted(entry.name)) continue;
    if (entry.isFile()) files.push({ path: entry.name, at: -1 });
    else if (entry.isDirectory())
      for (const file of walkFiles(join(outDir, entry.name))) files.push({ path: `${entry.name}/${file}`, at: -1 });
  }
  return files.sort((a, b) => compareStrings(a.path, b.path));
}

/**
 * Records the output folder `outDir` as a finished build left it (an object in `objects`) and
 * writes the deploy manifest against the table of the previous build (`previous`, an object id).
 * `listing`, when given, is the folder as listed earlier in the build (see `OutputListing`).
 * Returns the new table's id and the manifest.
 */
export function recordOutput(
  outDir: string,
  objects: ObjectStore,
  previous: string | null | undefined,
  folder: string,
  listing?: OutputListing,
): { table: string; manifest: DeployManifest } {
  const before = previous ? objects.getJson(previous, TableSchema) : undefined;
  const known = before?.outDir === outDir ? new Map(before.files.map((row) => [row[0], row])) : undefined;
  const manifest: DeployManifest = { outDir, incremental: known !== undefined, added: [], changed: [], removed: [], unchanged: 0 };
  const files: Table['files'] = [];
  const stats = listing?.stats;
  for (const { path, at } of listOutput(outDir, listing)) {
    const full = join(outDir, path);
    const { size, mtimeMs } = at >= 0 ? { size: stats![at]!, mtimeMs: stats![at + 1]! } : statSync(full);
    const row = known?.get(path);
    known?.delete(path);
    if (row && row[1] === size && (row[2] === mtimeMs || path.startsWith('_astro/'))) {
      files.push([path, size, mtimeMs, row[3]]);
      manifest.unchanged++;
      continue;
    }
    const digest = ObjectStore.digest(readFileSync(full));
    files.push([path, size, mtimeMs, digest]);
    if (!row) manifest.added.push(path);
    else if (row[3] !== digest) manifest.changed.push(path);
    else manifest.unchanged++;
  }
  manifest.removed = known ? [...known.keys()].sort() : [];
  const table = objects.put(JSON.stringify({ outDir, files } satisfies Table));
  const target = deployFiles(folder);
  writeFileAtomic(target.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileAtomic(target.upload, [...manifest.added, ...manifest.changed].map((path) => `${path}\n`).join(''));
  writeFileAtomic(target.remove, manifest.removed.map((path) => `${path}\n`).join(''));
  return { table, manifest };
}
