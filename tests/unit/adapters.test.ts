import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { keepAssetImports } from '../../src/adapters/astro-asset-imports.ts';
import { imageFields } from '../../src/adapters/astro-image-metadata.ts';
import { LITERAL_AUTOLINK_TRANSFORM, transformNames } from '../../src/adapters/gfm-autolink-transform.ts';
import { constructNames, GFM_CONSTRUCTS } from '../../src/adapters/micromark-constructs.ts';
import { ASTRO_STATE } from '../../src/store/astro-state.ts';
import { OPTIONAL_CONSTRUCTS } from '../../src/pipeline/markdown.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

/**
 * Each reach into a library's internals lives in one adapter (`src/adapters/`, and Astro's file
 * names in `src/store/astro-state.ts`). These tests fail loudly when an upgrade changes what the
 * adapters rely on: read the failing adapter, then the library's new code, before changing either.
 */

const astroFile = (path: string) => readFileSync(join(PROJECT_ROOT, 'node_modules/astro/dist', path), 'utf8');

describe('micromark constructs (remark-gfm)', () => {
  const processor = unified().use(remarkParse).use(remarkGfm).freeze();

  test('every construct Dateline leaves out is still there, under the name the adapter uses', () => {
    const names = constructNames(processor.data().micromarkExtensions ?? []);
    for (const name of Object.values(GFM_CONSTRUCTS)) expect(names, `micromark construct “${name}”`).toContain(name);
    for (const key of Object.keys(OPTIONAL_CONSTRUCTS)) expect(GFM_CONSTRUCTS).toHaveProperty(key);
  });
});

describe('literal-autolink transform (remark-gfm)', () => {
  test('remark-gfm still registers it under the name the adapter looks for', () => {
    const processor = unified().use(remarkParse).use(remarkGfm).freeze();
    expect(transformNames(processor.data().fromMarkdownExtensions ?? [])).toContain(LITERAL_AUTOLINK_TRANSFORM);
  });
});

describe("Astro's content store", () => {
  test('has addAssetImports at run time, and the adapter calls it', async () => {
    const { MutableDataStore } = (await import(
      pathToFileURL(join(PROJECT_ROOT, 'node_modules/astro/dist/content/mutable-data-store.js')).href
    )) as { MutableDataStore: new () => { scopedStore: (name: string) => object } };
    const store = new MutableDataStore().scopedStore('articles');
    expect(typeof (store as { addAssetImports?: unknown }).addAssetImports).toBe('function');
    const calls: unknown[] = [];
    const spy = { addAssetImports: (...args: unknown[]) => calls.push(args) } as unknown as Parameters<typeof keepAssetImports>[0];
    expect(keepAssetImports(spy, { assetImports: ['./a.jpg'], filePath: 'content/a.md' })).toBe(true);
    expect(calls).toEqual([[['./a.jpg'], 'content/a.md']]);
  });
});

describe("Astro's imported-image proxy", () => {
  test('still records fields read as used, except through its hidden clone, which the adapter reads', async () => {
    const proxy = astroFile('assets/utils/proxy.js');
    expect(proxy).toContain("if (name === 'clone')");
    expect(proxy).toContain('return structuredClone(target);');
    expect(proxy).toContain('globalThis.astroAsset.referencedImages?.add(');
    expect(astroFile('assets/internal.js')).toContain('resolvedOptions.src.clone ?? resolvedOptions.src');
    const target = { src: '/_astro/a.hash.jpg', width: 3024, height: 4032, format: 'jpg' as const };
    const read: string[] = [];
    const image = new Proxy(target, {
      get: (object, name) => (name === 'clone' ? structuredClone(object) : (read.push(String(name)), object[name as keyof typeof object])),
    });
    expect(imageFields(image)).toEqual(target);
    expect(read).toEqual([]);
  });
});

describe("Astro's build state files", () => {
  test('are still named as src/store/astro-state.ts expects', () => {
    expect(astroFile('core/build/incremental.js')).toContain(`const INCREMENTAL_CACHE_FILE = "${ASTRO_STATE.manifest}"`);
    expect(astroFile('content/consts.js')).toContain(`const DATA_STORE_FILE = "${ASTRO_STATE.dataStore}"`);
    expect(astroFile('assets/build/generate.js')).toContain(`new URL("${ASTRO_STATE.assets}/", settings.config.cacheDir)`);
  });
});

describe("Astro's build log (src/integrations/build-log.ts)", () => {
  test('still writes the page and image lines the condensed log recognises', () => {
    const pages = astroFile('core/build/generate.js');
    expect(pages).toContain('colors.green("\\u251C\\u2500")');
    expect(pages).toContain('colors.green("(restored)")');
    expect(pages).toContain('colors.green("(cached)")');
    const images = astroFile('assets/build/generate.js');
    expect(images).toContain('colors.green("\\u25B6")');
    expect(images).toContain('(reused cache entry)');
  });
});
