import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'hast';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
/** Scratch space for test builds, ignored by git. */
export const TMP_ROOT = join(PROJECT_ROOT, 'tests/.tmp');

export interface BuildResult {
  status: number | null;
  /** stdout and stderr together. */
  output: string;
  outDir: string;
  /** The build's content cache (Astro's `cacheDir`). */
  cacheDir: string;
}

/** Astro's command-line entry point. */
export const ASTRO_BIN = join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

/**
 * The environment of a test build named `name` of `contentDir`: its own output and cache folders
 * under `TMP_ROOT`, a fixed `SOURCE_DATE_EPOCH`, a production build; `env` on top.
 */
export function buildEnvironment(name: string, contentDir: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...cleanEnvironment(process.env),
    DATELINE_CONTENT_DIR: relative(PROJECT_ROOT, contentDir),
    DATELINE_OUT_DIR: join(TMP_ROOT, name, 'dist'),
    DATELINE_CACHE_DIR: join(TMP_ROOT, name, 'cache'),
    SOURCE_DATE_EPOCH: String(Date.UTC(2025, 2, 20, 12) / 1000),
    ASTRO_TELEMETRY_DISABLED: '1',
    // vitest sets NODE_ENV=test, which Vite would take for a development build.
    NODE_ENV: 'production',
    ...env,
  };
}

/**
 * Runs `astro build` for a content folder into its own output and cache folders.
 *
 * - Each build gets a fixed `SOURCE_DATE_EPOCH` unless `env` says otherwise.
 * - Both folders start empty, unless `keepCache` asks to reuse the cache of the last build of `name`.
 */
export async function buildSite(
  name: string,
  contentDir: string,
  env: Record<string, string> = {},
  { keepCache = false, keepOutput = false }: { keepCache?: boolean; keepOutput?: boolean } = {},
): Promise<BuildResult> {
  const outDir = join(TMP_ROOT, name, 'dist');
  const cacheDir = join(TMP_ROOT, name, 'cache');
  if (!keepCache) await rm(join(TMP_ROOT, name), { recursive: true, force: true });
  else if (!keepOutput) await rm(outDir, { recursive: true, force: true });
  await mkdir(join(TMP_ROOT, name), { recursive: true });
  const result = spawnSync(process.execPath, [ASTRO_BIN, 'build'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: buildEnvironment(name, contentDir, env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, outDir, cacheDir: env['DATELINE_CACHE_DIR'] ?? cacheDir };
}

/**
 * The environment without what vitest adds for its own `import.meta.env` (`DEV`, `PROD`, `MODE`,
 * `SSR`, `BASE_URL`, `TEST`, `VITEST*`): Vite reads those too, and a build would then render as in
 * development.
 */
export function cleanEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const key of Object.keys(clean)) {
    if (['DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL', 'TEST'].includes(key) || key.startsWith('VITEST')) delete clean[key];
  }
  return clean;
}

/** Every file under `dir`, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** SHA-256 of every file under `dir`, keyed by relative path. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    hashes[file] = createHash('sha256')
      .update(await readFile(join(dir, file)))
      .digest('hex');
  }
  return hashes;
}

/** A built page, parsed. `path` is a URL path such as `/national/`. */
export async function readPage(outDir: string, path: string): Promise<{ html: string; tree: Root }> {
  const file = path.endsWith('/') ? join(outDir, path, 'index.html') : join(outDir, path);
  const html = await readFile(file, 'utf8');
  return { html, tree: fromHtml(html) };
}
