/**
 * Fault injection for the crash tests: a build killed at a chosen point must leave nothing that a
 * later build would reuse (`tests/build/crash.test.ts`).
 *
 * `DATELINE_FAILPOINT=<point>[:<n>]` makes the process kill itself (SIGKILL, as `kill -9` would)
 * the `n`-th time (default: first) it passes `point`. Unset, `failpoint()` does nothing.
 */

/** The points a build passes, in order. */
export type Failpoint =
  /** The content loader wrote the bodies of new articles, before recording them. */
  | 'sync'
  /** A page is being rendered (counted per page). */
  | 'render'
  /** Every page is written; the steps after pages (sitemap, media, search, headers) have not run. */
  | 'pages-done'
  /** The search index of a shard was written to the cache, before the build copies it. */
  | 'search';

const passed = new Map<string, number>();

/** Kills this process when `DATELINE_FAILPOINT` names `point` and this is the chosen pass. */
export function failpoint(point: Failpoint): void {
  const setting = process.env['DATELINE_FAILPOINT'];
  if (!setting) return;
  const [name, nth = '1'] = setting.split(':');
  if (name !== point) return;
  const count = (passed.get(point) ?? 0) + 1;
  passed.set(point, count);
  if (count === Number(nth)) process.kill(process.pid, 'SIGKILL');
}
