import { readBuildTime } from './lib/build-time.ts';

/**
 * What a build reads once from the process it runs in: its "now", whether it previews unpublished
 * stories, and the real clock for bookkeeping. Everything else in `src/lib/` is pure.
 */

let buildTime: Date | undefined;

/** The build time, the same for every page of one build (`SOURCE_DATE_EPOCH` when set; see `readBuildTime`). */
export function getBuildTime(): Date {
  buildTime ??= readBuildTime(process.env);
  return buildTime;
}

/**
 * Whether this build previews unpublished stories: always in `astro dev` (`DATELINE_DEV=1`), and in a build run with
 * `DATELINE_PREVIEW=1` (`npm run build:preview`), as decided by `src/integrations/preview-mode.ts`
 * before anything else runs. Preview output must never be deployed.
 */
export function isPreview(): boolean {
  return process.env['DATELINE_PREVIEW'] === '1' || process.env['DATELINE_DEV'] === '1';
}

/**
 * The real time in milliseconds, for bookkeeping about files on disk (which carry real times),
 * never for what readers see: that is `getBuildTime()`, which `SOURCE_DATE_EPOCH` can fix.
 */
export function wallClockMs(): number {
  return Date.now();
}
