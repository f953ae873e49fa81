/**
 * `npm run preview`: serves a built site with Cloudflare's own Pages emulator (`wrangler pages
 * dev`, which runs workerd), so `_headers` and `_redirects` apply as on the host: aliases,
 * caching, content types, security headers, the 404 page.
 *
 * Usage: `node scripts/preview.ts [dist] [--port 8788]` (default `DATELINE_OUT_DIR`, else `dist`).
 * The CDN tests (`tests/cdn/`) start the emulator through `startPagesDev` too.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = join(PROJECT_ROOT, 'node_modules/wrangler/bin/wrangler.js');
/** The workerd behaviour to emulate: fixed, so a run never depends on the day (workerd 1.20261117 supports it). */
export const COMPATIBILITY_DATE = '2026-11-01';

export interface PagesDevOptions {
  /** The built site to serve. */
  dir: string;
  /** Where wrangler keeps its own files (`.wrangler/`, state, logs, settings); never inside `dir`. */
  workDir: string;
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number | undefined;
  /** How long to wait for the emulator's first answer, in milliseconds. Default 90,000. */
  readyTimeout?: number | undefined;
  /** Called with each piece of wrangler's output (its request log among it) as it comes. */
  onOutput?: ((text: string) => void) | undefined;
}

export interface PagesDev {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** What wrangler printed so far (stdout and stderr). */
  output: () => string;
  /** Stops wrangler and its workerd processes; resolves once they have exited. */
  stop: () => Promise<void>;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port on 127.0.0.1');
  return address.port;
}

/**
 * Starts `wrangler pages dev` on `dir`, bound to 127.0.0.1, and resolves once it answers HTTP.
 *
 * - Nothing leaves the machine: no metrics, error reports or update check (the update check is
 *   part of wrangler's banner, which is hidden), no download of the `Request.cf` object, and its
 *   settings, logs and dev registry live in `workDir`, apart from other wrangler sessions.
 * - wrangler runs on this process's Node (it needs Node 22.12+), in its own process group, so
 *   `stop` ends it and its workerd processes together.
 * - Throws with wrangler's output when it exits or does not answer within `readyTimeout`:
 *   never a silent skip.
 */
export async function startPagesDev({ dir, workDir, port, readyTimeout = 90_000, onOutput }: PagesDevOptions): Promise<PagesDev> {
  if (!existsSync(WRANGLER)) throw new Error(`wrangler is not installed (${WRANGLER} is missing): run npm ci.`);
  const chosenPort = port ?? (await freePort());
  // workerd's inspector would take 9229, which another wrangler session on the machine may hold.
  const inspectorPort = await freePort();
  await mkdir(workDir, { recursive: true });
  const args = [
    WRANGLER,
    'pages',
    'dev',
    resolve(dir),
    '--ip',
    '127.0.0.1',
    '--port',
    String(chosenPort),
    '--inspector-port',
    String(inspectorPort),
    '--compatibility-date',
    COMPATIBILITY_DATE,
    '--persist-to',
    join(workDir, 'state'),
    '--show-interactive-dev-session=false',
    '--live-reload=false',
  ];
  const child = spawn(process.execPath, args, {
    cwd: workDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      DO_NOT_TRACK: '1',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      XDG_CONFIG_HOME: join(workDir, 'config'),
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running || child.pid === undefined) return;
    const group = -child.pid;
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
    // workerd may outlive wrangler for a moment: make sure nothing of the group is left.
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // Nothing left.
    }
  };

  const url = `http://127.0.0.1:${chosenPort}`;
  const deadline = Date.now() + readyTimeout;
  while (true) {
    if (!running) {
      throw new Error(
        `wrangler pages dev (Cloudflare's Pages emulator) exited before serving ${dir}, with code ${await exited}. ` +
          `It needs Node 22.12+ and the workerd binary from npm (@cloudflare/workerd-<platform>-<arch>: Linux x64/arm64 with glibc, macOS, Windows); run npm ci. Its output:\n${output}`,
      );
    }
    try {
      await fetch(`${url}/`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      return { url, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `wrangler pages dev (Cloudflare's Pages emulator) did not answer at ${url} within ${readyTimeout / 1000} s. Its output:\n${output}`,
      );
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: 'string', default: '8788' } } });
  const dir = resolve(positionals[0] ?? process.env['DATELINE_OUT_DIR'] ?? 'dist');
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`No built site in ${dir}: run npm run build first.`);
  console.log(`Starting Cloudflare's Pages emulator (wrangler pages dev) on ${dir}…`);
  const server = await startPagesDev({
    dir,
    workDir: join(PROJECT_ROOT, 'node_modules/.cache/dateline-preview'),
    port: Number(values.port),
    onOutput: (text) => process.stdout.write(text),
  });
  console.log(`\nServing ${dir} at ${server.url}/ with its _headers and _redirects (Ctrl-C to stop).`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop());
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`npm run preview: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
