/**
 * Adapter: re-registers the image imports of a content-store entry that the loader leaves
 * unchanged.
 *
 * Astro rewrites its list of image imports only when told of one, and its own `glob()` loader
 * re-registers those of unchanged entries through `addAssetImports`, a method its data store has
 * at run time but does not declare in `LoaderContext['store']`. This module is the one place that
 * calls it; `tests/unit/adapters.test.ts` fails loudly when an upgrade removes it.
 */
import type { LoaderContext } from 'astro/loaders';

type Store = LoaderContext['store'];
type WithAssetImports = { addAssetImports?: (assets: string[], filePath?: string) => void };

/** Registers `entry`'s image imports again; returns false when it has some and the store has no such method. */
export function keepAssetImports(store: Store, entry: { assetImports?: string[] | undefined; filePath?: string | undefined }): boolean {
  if (!entry.assetImports?.length) return true;
  const add = (store as Store & WithAssetImports).addAssetImports;
  if (typeof add !== 'function') return false;
  add.call(store, entry.assetImports, entry.filePath);
  return true;
}
