import { statSync } from 'node:fs';
import { z } from 'zod';
import type { Problem } from '../pipeline/problems.ts';
import { ArticleRecordSchema, BodyRefSchema, type BodyRef } from '../schemas/record.ts';
import { partDigest, type ObjectStore } from './objects.ts';

export type { BodyRef };

/**
 * Processed articles, kept between runs and keyed by digest (the file's path and bytes and the
 * pipeline that processed them, see `src/loader/corpus.ts`): an entry never goes stale, since a
 * change of any of those gives another digest.
 *
 * - Records (everything but the body) are kept in chunks: objects of the entries whose digests
 *   share their first two hex digits. An edit rewrites one or two chunks of ~40 records, never
 *   the records of the whole newsroom.
 * - Bodies (sanitized HTML) are kept in packs: one object per batch of rendered articles, each
 *   entry pointing at its range with that range's own digest. Only a story's page and its search
 *   shard read its body, so no run holds every body in memory.
 * - Everything is verified when read (see `ObjectStore`): a damaged chunk loses its entries, a
 *   damaged body is a miss (`readBody` gives undefined), and either way the article is processed
 *   again from its file.
 */

/** One processed file: its record, the problems (warnings, body errors) it had, and where its body is. */
export const StoredEntrySchema = z.object({
  record: ArticleRecordSchema,
  /** Warnings and body errors, reported again on every run while the file is unchanged. */
  problems: z.array(z.custom<Problem>()),
  body: BodyRefSchema,
});
export type StoredEntry = z.infer<typeof StoredEntrySchema>;

/** Writes rendered bodies as one pack and returns where each one is, in order. */
export function writeBodyPack(objects: ObjectStore, bodies: readonly string[]): BodyRef[] {
  const buffers = bodies.map((body) => Buffer.from(body, 'utf8'));
  const pack = objects.put(Buffer.concat(buffers));
  let start = 0;
  return buffers.map((bytes) => {
    const ref = { pack, start, length: bytes.length, sha: partDigest(bytes) };
    start += bytes.length;
    return ref;
  });
}

/** The chunk an entry's record is kept in: the first two hex digits of its digest. */
function bucketOf(digest: string): string {
  return digest.slice(0, 2);
}

/** Bucket → chunk object id, as a snapshot records them. */
export type ChunkIds = Readonly<Record<string, string>>;

export class ArticleStore {
  readonly #objects: ObjectStore;
  /** The chunks as last loaded or saved. */
  #chunks: Record<string, string>;
  #entries: Map<string, StoredEntry> | undefined;
  /** Buckets changed since the chunks were loaded or saved. */
  readonly #dirty = new Set<string>();
  /** Sizes of the packs looked at (0 when missing). */
  readonly #packSizes = new Map<string, number>();

  constructor(objects: ObjectStore, chunks: ChunkIds) {
    this.#objects = objects;
    this.#chunks = { ...chunks };
  }

  /** The entry made from `digest`, when it is kept and its body's pack is there. */
  get(digest: string): StoredEntry | undefined {
    const entry = this.#all().get(digest);
    if (!entry) return undefined;
    const { pack, start, length } = entry.body;
    return start + length <= this.#packSize(pack) ? entry : undefined;
  }

  /** Every entry kept, by digest (bodies not checked). */
  entries(): ReadonlyMap<string, StoredEntry> {
    return this.#all();
  }

  /** Keeps `entry` under `digest` (its body already written with `writeBodyPack`). */
  set(digest: string, entry: StoredEntry): void {
    this.#all().set(digest, entry);
    this.#dirty.add(bucketOf(digest));
    this.#packSizes.delete(entry.body.pack);
  }

  /** Drops the entry of `digest`: the file is processed again next time (e.g. its body was damaged). */
  forget(digest: string): void {
    if (this.#all().delete(digest)) this.#dirty.add(bucketOf(digest));
  }

  /** Drops every entry whose digest is not in `keep`. */
  keepOnly(keep: ReadonlySet<string>): void {
    for (const digest of [...this.#all().keys()]) if (!keep.has(digest)) this.forget(digest);
  }

  /** The body at `ref`, verified; undefined when its pack is missing or damaged. */
  readBody(ref: BodyRef): string | undefined {
    return this.#objects.getPart(ref.pack, ref.start, ref.length, ref.sha)?.toString('utf8');
  }

  /**
   * Rewrites the bodies still used from packs that are more than half unused into one new pack,
   * so that the cache never holds much more than the bodies of the current articles.
   */
  compact(): void {
    const byPack = new Map<string, [string, StoredEntry][]>();
    for (const item of this.#all()) {
      const items = byPack.get(item[1].body.pack);
      if (items) items.push(item);
      else byPack.set(item[1].body.pack, [item]);
    }
    const moving: [string, StoredEntry][] = [];
    for (const [pack, items] of byPack) {
      const used = items.reduce((sum, [, entry]) => sum + entry.body.length, 0);
      if (used * 2 < this.#packSize(pack)) moving.push(...items);
    }
    if (moving.length === 0) return;
    const kept = moving.flatMap(([digest, entry]) => {
      const body = this.readBody(entry.body);
      if (body === undefined) {
        this.forget(digest);
        return [];
      }
      return [{ digest, entry, body }];
    });
    const refs = writeBodyPack(
      this.#objects,
      kept.map(({ body }) => body),
    );
    kept.forEach(({ digest, entry }, index) => this.set(digest, { ...entry, body: refs[index]! }));
  }

  /** Writes the chunks changed since the last save; returns every chunk's id by bucket. */
  save(): ChunkIds {
    const all = this.#all();
    if (this.#dirty.size === 0) return { ...this.#chunks };
    const byBucket = new Map<string, [string, StoredEntry][]>();
    for (const bucket of this.#dirty) byBucket.set(bucket, []);
    for (const item of all) byBucket.get(bucketOf(item[0]))?.push(item);
    for (const [bucket, items] of byBucket) {
      if (items.length === 0) {
        delete this.#chunks[bucket];
        continue;
      }
      items.sort(([a], [b]) => (a < b ? -1 : 1));
      this.#chunks[bucket] = this.#objects.put(JSON.stringify(items));
    }
    this.#dirty.clear();
    return { ...this.#chunks };
  }

  /** The objects the saved entries use: their chunks and their bodies' packs. */
  objectsInUse(): Set<string> {
    const used = new Set(Object.values(this.#chunks));
    for (const entry of this.#all().values()) used.add(entry.body.pack);
    return used;
  }

  #all(): Map<string, StoredEntry> {
    if (this.#entries) return this.#entries;
    this.#entries = new Map();
    for (const [bucket, id] of Object.entries(this.#chunks)) {
      const bytes = this.#objects.get(id);
      if (!bytes) {
        // Damaged or gone: its articles are processed again, and the bucket written anew.
        delete this.#chunks[bucket];
        this.#dirty.add(bucket);
        continue;
      }
      let items: [string, StoredEntry][];
      try {
        items = JSON.parse(bytes.toString('utf8')) as [string, StoredEntry][];
        if (!Array.isArray(items)) throw new Error('not a chunk');
      } catch {
        delete this.#chunks[bucket];
        this.#dirty.add(bucket);
        continue;
      }
      for (const [digest, entry] of items) this.#entries.set(digest, reviveDates(entry));
    }
    return this.#entries;
  }

  #packSize(pack: string): number {
    let size = this.#packSizes.get(pack);
    if (size === undefined) {
      size = statSync(this.#objects.path(pack), { throwIfNoEntry: false })?.size ?? 0;
      this.#packSizes.set(pack, size);
    }
    return size;
  }
}

/** JSON has no dates: turns the ISO strings of an entry's dates back into `Date`s. */
function reviveDates(entry: StoredEntry): StoredEntry {
  const { record } = entry;
  const date = (value: { date: Date | string; hasTime: boolean }) => ({ ...value, date: new Date(value.date) });
  return {
    ...entry,
    record: {
      ...record,
      date: date(record.date),
      updated: record.updated ? date(record.updated) : undefined,
      corrections: record.corrections.map((correction) => ({ ...correction, date: date(correction.date) })),
    },
  };
}
