/**
 * The build's notion of "now", read from the environment.
 *
 * `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) wins when set, so
 * tests and rebuilds of one commit see the same time; otherwise the current time.
 */
export function readBuildTime(env: Record<string, string | undefined>): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch.trim() !== '') {
    if (!/^\d+$/.test(epoch.trim())) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got “${epoch}”`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}
