import { describe, expect, test } from 'vitest';
import { buildFolders, readEnv } from '../../src/schemas/site.ts';

describe('buildFolders', () => {
  test('a production build writes dist/ and keeps its caches in node_modules/.astro/', () => {
    expect(buildFolders(readEnv({}))).toEqual({ outDir: 'dist', cacheDir: 'node_modules/.astro' });
  });

  test('a preview writes its own folder and keeps its own caches, never production’s', () => {
    expect(buildFolders(readEnv({ DATELINE_PREVIEW: '1' }))).toEqual({ outDir: 'dist-preview', cacheDir: 'node_modules/.astro-preview' });
    expect(() => buildFolders(readEnv({ DATELINE_PREVIEW: '1', DATELINE_OUT_DIR: './dist/' }))).toThrow(
      'a preview build may not write to dist/, where production builds go',
    );
    expect(() => buildFolders(readEnv({ DATELINE_PREVIEW: '1', DATELINE_CACHE_DIR: 'node_modules/.astro' }))).toThrow(
      'a preview build may not keep its caches in node_modules/.astro/',
    );
  });

  test('the environment chooses other folders', () => {
    expect(buildFolders(readEnv({ DATELINE_OUT_DIR: 'out', DATELINE_CACHE_DIR: '/tmp/cache' }))).toEqual({
      outDir: 'out',
      cacheDir: '/tmp/cache',
    });
    expect(buildFolders(readEnv({ DATELINE_PREVIEW: '1', DATELINE_OUT_DIR: 'tests/.tmp/p/dist' })).outDir).toBe('tests/.tmp/p/dist');
  });
});
