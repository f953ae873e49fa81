import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian, Ubuntu and common installs put Chromium or Chrome, in order of preference. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

/** Launch flags for headless Chromium in CI containers without network access. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const HOW_TO_INSTALL =
  'The browser tests need Chromium. Install Debian’s package (sudo apt-get update && sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome executable.';

/** `CHROME_PATH` when set (it must exist), else the first usual path that exists. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const fromEnv = env['CHROME_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist. ${HOW_TO_INSTALL}`);
    return fromEnv;
  }
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

/**
 * Finds Chromium, installing Debian's `chromium` package when running as root with apt-get.
 * Never downloads a browser of its own; throws with install instructions when none can be had.
 */
export function ensureChromium(log: (message: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) throw new Error(`No Chromium found. ${HOW_TO_INSTALL}`);
  log('Chromium not found: installing Debian’s chromium package with apt-get…');
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    throw new Error(`Installing chromium with apt-get failed (${(error as Error).message}). ${HOW_TO_INSTALL}`, { cause: error });
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but no executable was found. ${HOW_TO_INSTALL}`);
  return installed;
}
