import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { freePort } from '../../scripts/preview.ts';
import { cleanEnvironment, PROJECT_ROOT, TMP_ROOT } from '../helpers/build.ts';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { makeSource } from '../helpers/factories.ts';

/**
 * `npm run dev` with content errors: the server starts anyway, and the browser shows Astro's error
 * overlay with every problem (file:line:column, field, message) and the Markdown line, until the
 * file is fixed; then the page comes back by itself.
 */
const CONTENT = join(TMP_ROOT, 'dev-content');
const FILE = relative(PROJECT_ROOT, join(CONTENT, 'b.md'));
let server: ChildProcess | undefined;
let output = '';
let url = '';
let browser: Browser;
let page: Page;

/** The overlay's title and problem list, or undefined while the page shows no overlay. */
const overlay = () =>
  page.evaluate(() => {
    const root = document.querySelector('vite-error-overlay')?.shadowRoot;
    return root
      ? { title: root.querySelector('#title')?.textContent, message: root.querySelector('#message-content')?.textContent }
      : undefined;
  });

async function waitForOverlay(text: string) {
  await page
    .waitForFunction(
      (wanted) =>
        document.querySelector('vite-error-overlay')?.shadowRoot?.querySelector('#message-content')?.textContent?.includes(wanted),
      text,
      { timeout: 60_000 },
    )
    .catch(async (error: Error) => {
      throw new Error(
        `${error.message}\npage: ${JSON.stringify(await overlay())} ${(await page.content()).slice(0, 500)}\nastro dev:\n${output}`,
      );
    });
}

beforeAll(async () => {
  await rm(CONTENT, { recursive: true, force: true });
  await mkdir(CONTENT, { recursive: true });
  await writeFile(join(CONTENT, 'a.md'), makeSource({ title: 'Ferry fares rise' }));
  await writeFile(join(CONTENT, 'b.md'), makeSource({ title: 'Council votes', section: 'nationl' }));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: PROJECT_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...cleanEnvironment(process.env),
        DATELINE_CONTENT_DIR: relative(PROJECT_ROOT, CONTENT),
        DATELINE_CACHE_DIR: join(TMP_ROOT, 'dev-cache'),
        ASTRO_TELEMETRY_DISABLED: '1',
        // No network in tests: outside CI, astro dev asks the registry for a newer Astro.
        ASTRO_DISABLE_UPDATE_CHECK: 'true',
        NODE_ENV: 'development',
      },
    },
  );
  for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The server starts although the content has an error, and answers (with the error, for now).
  const deadline = Date.now() + 150_000;
  while (true) {
    if (server.exitCode !== null) throw new Error(`astro dev exited with ${server.exitCode}:\n${output}`);
    const answered = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`astro dev did not answer within 150 s:\n${output}`);
    await new Promise((done) => setTimeout(done, 500));
  }
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid !== undefined && server.exitCode === null) {
    const exited = new Promise((done) => server!.once('exit', done));
    process.kill(-server.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
    if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  }
});

describe('npm run dev with content errors', { timeout: 180_000 }, () => {
  test('starts, and the browser shows every content error with its file, line and field, not a broken page', async () => {
    await page.goto(`${url}/national/`);
    await waitForOverlay(FILE);
    expect(await overlay()).toEqual({
      title: 'Content errors',
      message: `1 content error in 1 file:\n  ${FILE}:3:1  section  section must be one of national, world, business, community, health, sports; “nationl” is not a configured section; did you mean national?`,
    });
    expect(output).toContain(`${FILE}:3:1  section`);
    expect(output).not.toMatch(/missing from (?:the build state|node_modules)|run the build again/);
  });

  test('once the file is fixed the page comes back by itself, and a new mistake brings the list back', async () => {
    await writeFile(join(CONTENT, 'b.md'), makeSource({ title: 'Council votes', section: 'national' }));
    await page.getByRole('link', { name: 'Council votes' }).waitFor({ timeout: 60_000 });
    expect(await overlay()).toBeUndefined();

    await writeFile(join(CONTENT, 'a.md'), makeSource({ title: 'Ferry fares rise' }).replace('title: Ferry fares rise', 'title:'));
    await waitForOverlay('title is empty');
    expect((await overlay())?.message).toBe(
      `1 content error in 1 file:\n  ${relative(PROJECT_ROOT, join(CONTENT, 'a.md'))}:2:1  title  title is empty: write it after the colon, e.g. title: 'Mayor says "no" to levy'`,
    );
  });
});
