import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { wallClockMs } from '../runtime.ts';
import { ArticleStore } from './articles.ts';
import { recordAstroState, recoverAstroState, removeDamagedAssets, type Recovery } from './astro-state.ts';
import { FileIndex } from './file-index.ts';
import { BuildLock, type LockHolder } from './lock.ts';
import { ObjectStore } from './objects.ts';
import { recordOutput, type DeployManifest, type OutputListing } from './output-table.ts';
import { SearchBundles } from './search.ts';
import { processWide } from './shared.ts';
import { EMPTY_SNAPSHOT, readSnapshot, writeSnapshot, type Snapshot } from './snapshot.ts';
import type { AuthorProfile } from '../schemas/author.ts';
import type { Fronts } from '../schemas/front.ts';
import type { Story } from './stories.ts';

/**
 * The build state of one cache folder (`<cacheDir>/dateline/`): the one home of everything a run
 * keeps for the next, and the one way to read and change it.
 *
 * ```
 * <cacheDir>/dateline/
 *   snapshot.json   the root: names every object below that may be reused (src/store/snapshot.ts)
 *   objects/        content-addressed, verified files: article record chunks, body packs,
 *                   file indexes, search bundle lists, the image-cache list (src/store/objects.ts)
 *   search/<key>/   Pagefind bundles, one per search shard key (src/store/search.ts)
 *   lock            the build or check running here, if any (src/store/lock.ts)
 * ```
 *
 * - A run changes objects freely (new names only) and commits by writing a new snapshot; what a
 *   killed run wrote is never named by a snapshot, and is pruned by the next commit.
 * - A build marks the snapshot `building` before it writes output and clears it when it has
 *   finished; the next build after one that did not finish reuses no page (see `astro-state.ts`).
 * - Astro loads Dateline's modules several times over in one process (the content loader, the
 *   pages and the integrations each get their own copy), so the state of a cache folder is shared
 *   through `processWide`: every copy reads and changes the same instance.
 */
/** What the state's folder holds; anything else is removed when the state is pruned. */
const STATE_ENTRIES = new Set(['snapshot.json', 'objects', 'search', 'deploy']);

export class BuildState {
  readonly cacheDir: string;
  readonly folder: string;
  readonly objects: ObjectStore;
  readonly #snapshotFile: string;
  #snapshot: Snapshot;
  #articles: ArticleStore | undefined;
  #bundles: SearchBundles | undefined;
  /** File indexes changed in this run, by content folder, with the files they cover. */
  readonly #fileIndexes = new Map<string, { index: FileIndex; paths: readonly string[] }>();
  #stories: readonly Story[] | undefined;
  #digests: ReadonlyMap<string, string> = new Map();
  #authors: readonly AuthorProfile[] = [];
  #fronts: Fronts = { fronts: [], fallbacks: [] };
  readonly #storyListeners = new Set<() => void>();
  #storiesReady: { promise: Promise<void>; resolve: () => void } = Promise.withResolvers<void>();
  #root: string | undefined;
  #lock: BuildLock | undefined;
  #searchOutput: Snapshot['searchOutput'] | undefined;

  private constructor(cacheDir: string, warn: (message: string) => void) {
    this.cacheDir = cacheDir;
    this.folder = join(cacheDir, 'dateline');
    this.objects = new ObjectStore(join(this.folder, 'objects'), warn);
    this.#snapshotFile = join(this.folder, 'snapshot.json');
    this.#snapshot = readSnapshot(this.#snapshotFile) ?? EMPTY_SNAPSHOT;
  }

  /**
   * The state of `cacheDir`, shared by every copy of this module in the process. `warn` reports
   * damaged objects (once each); the first caller's is kept.
   */
  static open(cacheDir: string, warn: (message: string) => void = (message) => console.warn(message)): BuildState {
    const key = resolve(cacheDir);
    const states = processWide<BuildState>('build-state');
    let state = states.get(key);
    if (!state) {
      state = new BuildState(key, warn);
      states.set(key, state);
    }
    return state;
  }

  /** Forgets every instance of this process (for tests that change the files behind a state). */
  static forgetAll(): void {
    processWide<BuildState>('build-state').clear();
  }

  /** The snapshot as last read or committed. */
  get snapshot(): Snapshot {
    return this.#snapshot;
  }

  /** The processed articles. */
  articles(): ArticleStore {
    this.#articles ??= new ArticleStore(this.objects, this.#snapshot.articles);
    return this.#articles;
  }

  /** The file index of the content folder `contentDir` (absolute). */
  fileIndex(contentDir: string): FileIndex {
    return this.#fileIndexes.get(contentDir)?.index ?? FileIndex.load(this.objects, this.#snapshot.files[contentDir]);
  }

  /** Keeps `index` of `contentDir`, covering `paths`, for the next `commitContent`. */
  keepFileIndex(contentDir: string, index: FileIndex, paths: readonly string[]): void {
    this.#fileIndexes.set(contentDir, { index, paths });
  }

  /** The search bundles of the cache. */
  searchBundles(): SearchBundles {
    this.#bundles ??= new SearchBundles(join(this.folder, 'search'), this.objects, this.#snapshot.searchBundles);
    return this.#bundles;
  }

  /** The project root the content loader read the articles from (their `filePath`s are relative to it). */
  projectRoot(): string {
    if (this.#root === undefined) throw new Error(`the project root is unknown: the content loader has not run for ${this.cacheDir}`);
    return this.#root;
  }

  /** The stories this build shows, as the content loader selected them (see `src/store/stories.ts`). */
  stories(): readonly Story[] {
    if (!this.#stories) throw new Error(`the stories of this build are unknown: the content loader has not run for ${this.cacheDir}`);
    return this.#stories;
  }

  /** The valid author profiles, as the content loader read them with the stories. */
  authors(): readonly AuthorProfile[] {
    return this.#authors;
  }

  /** The valid fronts and fallback images, as the content loader read them with the stories. */
  fronts(): Fronts {
    return this.#fronts;
  }

  /**
   * The digest of the article `id` as the content loader last read it, for every article of the
   * content folder (unpublished ones too): what its record in `articles()` is found by.
   */
  articleDigest(id: string): string | undefined {
    return this.#digests.get(id);
  }

  /**
   * Sets the stories this build shows, the author profiles, the fronts, every article's digest by
   * id (`articleDigest`) and the project root they were read under (by the content loader, once
   * per sync); tells those waiting (`whenStories`, `onStories`).
   */
  setStories(
    root: string,
    stories: readonly Story[],
    {
      authors = [],
      fronts = { fronts: [], fallbacks: [] },
      digests = new Map(),
    }: { authors?: readonly AuthorProfile[]; fronts?: Fronts; digests?: ReadonlyMap<string, string> } = {},
  ): void {
    this.#root = root;
    this.#stories = stories;
    this.#digests = digests;
    this.#authors = authors;
    this.#fronts = fronts;
    this.#storiesReady.resolve();
    for (const listener of this.#storyListeners) listener();
  }

  /**
   * In `astro dev`, after a sync that found content errors: tells those waiting for the stories
   * that the sync is over, leaving the stories as they were (unknown before the first good sync).
   * The pages show the errors until a sync succeeds.
   */
  settleFailedSync(): void {
    this.#storiesReady.resolve();
  }

  /** Whether the content loader has set the stories of this process. */
  hasStories(): boolean {
    return this.#stories !== undefined;
  }

  /** Resolves once the content loader has set the stories of this process, or (dev) a sync failed (at once when it has). */
  whenStories(): Promise<void> {
    return this.#storiesReady.promise;
  }

  /** Calls `listener` each time the content loader sets the stories again (`astro dev`, after a change). */
  onStories(listener: () => void): void {
    this.#storyListeners.add(listener);
  }

  /**
   * Takes the lock of this cache folder for `command` (see `BuildLock`); throws when another live
   * process holds it. `onStale` hears of a lock left by a process that is gone.
   */
  lock(command: string, onStale?: (holder: LockHolder) => void): void {
    if (this.#lock) return;
    this.#lock = BuildLock.acquire(join(this.folder, 'lock'), command, onStale);
    // What another process committed before we held the lock is the state to start from.
    this.#reload();
  }

  /** Gives the lock up. */
  unlock(): void {
    this.#lock?.release();
    this.#lock = undefined;
  }

  /**
   * Writes what the content loader changed (article chunks, file indexes) and commits it, then
   * removes the objects no longer named (those of earlier runs, or of runs that were killed).
   */
  commitContent(): void {
    const articles = this.articles();
    articles.compact();
    const files = { ...this.#snapshot.files };
    for (const [contentDir, { index, paths }] of this.#fileIndexes) {
      files[contentDir] = index.save(this.objects, paths, this.#snapshot.files[contentDir]);
    }
    this.#fileIndexes.clear();
    this.#commit({ articles: articles.save(), files });
    this.#prune();
  }

  /**
   * Called when a build starts, before the content is synced: removes what of Astro's state no
   * finished build recorded (see `recoverAstroState`). Returns what it found and did; cut images
   * of the wrong size are removed meanwhile (`damagedAssets`, to await before images are cut).
   */
  recover(): Recovery & { unfinished: Snapshot['building']; damagedAssets: Promise<number> } {
    const unfinished = this.#snapshot.building;
    const recovery = recoverAstroState(this.cacheDir, this.#snapshot, this.objects);
    const damagedAssets = removeDamagedAssets(this.cacheDir, this.#snapshot, this.objects);
    // What the unfinished build wrote to the output is unknown: no search shard there is trusted either.
    if (unfinished) this.#commit({ building: null, searchOutput: null });
    return { ...recovery, unfinished, damagedAssets };
  }

  /** Called before a build writes any output: marks the snapshot `building` until `finishBuild`. */
  markBuilding(): void {
    this.#commit({ building: { pid: process.pid, since: new Date(wallClockMs()).toISOString() } });
  }

  /** Records the search shards the output folder holds, for `finishBuild`. */
  setSearchOutput(searchOutput: Snapshot['searchOutput']): void {
    this.#searchOutput = searchOutput;
  }

  /**
   * Called when a build has finished, everything written to `outDir`: records Astro's state, the
   * search shards of the output (`setSearchOutput`) and the output folder's table, writes the
   * deploy manifest (what changed since the last finished build), clears `building`, and prunes.
   * `listing` is the output folder as listed earlier in the build, if it was (`OutputListing`).
   */
  finishBuild(outDir: string, listing?: OutputListing): DeployManifest {
    const { table, manifest } = recordOutput(outDir, this.objects, this.#snapshot.outputTable, this.folder, listing);
    this.#commit({
      outputTable: table,
      // Entries dropped during the build (a damaged body found by a page or the search index).
      ...(this.#articles ? { articles: this.#articles.save() } : {}),
      searchBundles: this.searchBundles().lists(),
      searchOutput: this.#searchOutput ?? null,
      astro: recordAstroState(this.cacheDir, this.objects, this.#snapshot.astro),
      building: null,
    });
    this.#prune();
    return manifest;
  }

  #commit(patch: Partial<Snapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    writeSnapshot(this.#snapshotFile, this.#snapshot);
  }

  /**
   * Removes the objects the snapshot does not name (only when this run has read every article),
   * and anything else in the state's folder: temporary files of killed writers, the files of an
   * earlier version's state.
   */
  #prune(): void {
    if (!this.#articles) return;
    for (const name of readdirSync(this.folder)) {
      if (!STATE_ENTRIES.has(name) && !name.startsWith('lock')) rmSync(join(this.folder, name), { recursive: true, force: true });
    }
    const used = this.#articles.objectsInUse();
    for (const id of Object.values(this.#snapshot.files)) used.add(id);
    for (const id of Object.values(this.#snapshot.searchBundles)) used.add(id);
    if (this.#snapshot.astro?.assets) used.add(this.#snapshot.astro.assets);
    if (this.#snapshot.outputTable) used.add(this.#snapshot.outputTable);
    this.objects.prune(used);
  }

  #reload(): void {
    this.#snapshot = readSnapshot(this.#snapshotFile) ?? EMPTY_SNAPSHOT;
    this.#articles = undefined;
    this.#bundles = undefined;
    this.#fileIndexes.clear();
    this.#searchOutput = undefined;
  }
}
