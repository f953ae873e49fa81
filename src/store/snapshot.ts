import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../io/files.ts';
import { ObjectStore } from './objects.ts';

/**
 * The snapshot: the one root of the build state, `snapshot.json`, naming every object and folder
 * that a run may reuse. Everything it names is immutable (content-addressed objects, search
 * bundles named by their key); it is itself written atomically, after what it names, so a run
 * killed at any point leaves the previous snapshot, still whole and still true.
 *
 * It starts with the digest of the rest: a damaged or hand-edited snapshot is no snapshot, and
 * the next run starts from an empty state (every article processed, every page rendered).
 */

/** Changed whenever what the snapshot or the objects it names hold changes shape: an older state is then no state. */
export const SNAPSHOT_VERSION = 2;

export const SnapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  /** Article record chunks, by bucket (see `ArticleStore`). */
  articles: z.record(z.string(), z.string()),
  /** By content folder (absolute path): the object id of its file index (see `FileIndex`). */
  files: z.record(z.string(), z.string()),
  /** By search shard key: the object id of the bundle's file list (see `src/store/search.ts`). */
  searchBundles: z.record(z.string(), z.string()),
  /** The search shards the output folder holds, as the last finished build left them. */
  searchOutput: z.object({ outDir: z.string(), shards: z.array(z.string()) }).nullable(),
  /** Astro's own build state as the last finished build left it (see `src/store/astro-state.ts`). */
  astro: z
    .object({
      /** Digest of `incremental-build.json` (the keys of the pages Astro may reuse). */
      manifest: z.string().nullable(),
      /** Digest of `data-store.json` (the content layer's store). */
      dataStore: z.string().nullable(),
      /** Object id of the list of files in Astro's image cache (`assets/`). */
      assets: z.string().nullable(),
    })
    .nullable(),
  /** Object id of the table of the output folder the last finished build left (`src/store/output-table.ts`). */
  outputTable: z.string().nullable().default(null),
  /** Set from the moment a build starts writing output until it has finished; see `markBuilding`. */
  building: z.object({ pid: z.number().int(), since: z.string() }).nullable(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** The state of a cache folder that has none: nothing to reuse. */
export const EMPTY_SNAPSHOT: Snapshot = {
  version: SNAPSHOT_VERSION,
  articles: {},
  files: {},
  searchBundles: {},
  searchOutput: null,
  astro: null,
  outputTable: null,
  building: null,
};

const HEADER = 'dateline-snapshot';

/** The snapshot in `file`; `undefined` when it is missing, damaged or of another version. */
export function readSnapshot(file: string): Snapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const [header, digest] = text.slice(0, newline).split(' ');
  const json = text.slice(newline + 1);
  if (newline < 0 || header !== HEADER || digest !== ObjectStore.digest(json)) return undefined;
  try {
    const parsed = SnapshotSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `snapshot` to `file`, atomically, with the digest of its text. */
export function writeSnapshot(file: string, snapshot: Snapshot): void {
  const json = JSON.stringify(snapshot);
  writeFileAtomic(file, `${HEADER} ${ObjectStore.digest(json)}\n${json}`);
}
