/**
 * The build's notion of "now", read once per build.
 *
 * `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) wins when set, so
 * tests and rebuilds of one commit see the same time; otherwise the time the build started.
 */
export function readBuildTime(env: Record<string, string | undefined> = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch.trim() !== '') {
    if (!/^\d+$/.test(epoch.trim())) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got “${epoch}”`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

let buildTime: Date | undefined;

/** The build time, the same for every page of one build. */
export function getBuildTime(): Date {
  buildTime ??= readBuildTime();
  return buildTime;
}

/**
 * Whether this build previews unpublished stories: always in `astro dev`, and in a build run with
 * `DATELINE_PREVIEW=1` (`npm run build:preview`), as decided by `src/integrations/preview-mode.ts`
 * before anything else runs. Preview output must never be deployed.
 */
export function isPreview(): boolean {
  return process.env['DATELINE_PREVIEW'] === '1';
}

/**
 * The real time in milliseconds, for bookkeeping about files on disk (which carry real times),
 * never for what readers see: that is `getBuildTime()`, which `SOURCE_DATE_EPOCH` can fix.
 */
export function wallClockMs(): number {
  return Date.now();
}
