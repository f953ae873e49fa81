import { afterEach, describe, expect, test } from 'vitest';
import { previewMode } from '../../src/integrations/preview-mode.ts';
import { isPreview } from '../../src/runtime.ts';
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

describe('previewMode', () => {
  const hook = (command: 'dev' | 'build') =>
    (previewMode().hooks['astro:config:setup'] as unknown as (options: { command: string }) => void)({ command });
  const saved = { preview: process.env['DATELINE_PREVIEW'], dev: process.env['DATELINE_DEV'] };
  afterEach(() => {
    for (const [key, value] of [
      ['DATELINE_PREVIEW', saved.preview],
      ['DATELINE_DEV', saved.dev],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test('astro dev previews, and the configuration read again after the hook keeps the cache folder the content loader used', () => {
    delete process.env['DATELINE_PREVIEW'];
    const before = buildFolders(readEnv(process.env));
    hook('dev');
    expect(isPreview()).toBe(true);
    expect(buildFolders(readEnv(process.env))).toEqual(before);
  });

  test('a build previews only with DATELINE_PREVIEW=1, whatever was left in the environment', () => {
    process.env['DATELINE_DEV'] = '1';
    delete process.env['DATELINE_PREVIEW'];
    hook('build');
    expect(isPreview()).toBe(false);
    process.env['DATELINE_PREVIEW'] = '1';
    hook('build');
    expect(isPreview()).toBe(true);
  });
});
