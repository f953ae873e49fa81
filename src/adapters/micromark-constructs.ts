/**
 * Adapter: leaves named constructs out of the micromark extensions a unified processor has
 * collected (from `remark-gfm`).
 *
 * micromark has no option to turn one construct of an extension off; its extensions are plain
 * objects mapping character codes to constructs, and each construct carries a `name`. This module
 * is the one place that relies on that shape and on the names below; `tests/unit/adapters.test.ts`
 * fails loudly when an upgrade renames or reshapes them.
 */
import type { Data, Processor } from 'unified';

/** The micromark construct names Dateline leaves out, as `micromark-extension-gfm-*` names them. */
export const GFM_CONSTRUCTS = {
  /** `name@example.com` written as plain text (micromark-extension-gfm-autolink-literal). */
  emailAutolink: 'emailAutolink',
  /** A table (micromark-extension-gfm-table). */
  table: 'table',
} as const;

type Extension = NonNullable<Data['micromarkExtensions']>[number];

/** The names of every construct in `extensions` (for the adapter's own test). */
export function constructNames(extensions: readonly Extension[]): Set<string> {
  const names = new Set<string>();
  for (const extension of extensions) {
    for (const map of Object.values(extension as Record<string, unknown>)) {
      if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const value of Object.values(map as Record<string, unknown>)) {
        for (const construct of Array.isArray(value) ? value : [value]) {
          const name = (construct as { name?: unknown } | null)?.name;
          if (typeof name === 'string') names.add(name);
        }
      }
    }
  }
  return names;
}

/**
 * A unified plugin removing the constructs named `names` from the micromark extensions added so
 * far. Use it after the plugin that adds them.
 */
export function remarkWithoutConstructs(this: Processor, names: readonly string[]): undefined {
  const data = this.data();
  const keep = (construct: unknown) => !names.includes((construct as { name?: string }).name ?? '');
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) => {
    const filtered: Record<string, unknown> = {};
    for (const [kind, map] of Object.entries(extension as Record<string, Record<string, unknown>>)) {
      if (map === null || typeof map !== 'object' || Array.isArray(map)) {
        filtered[kind] = map;
        continue;
      }
      const constructs: Record<string, unknown> = {};
      for (const [code, value] of Object.entries(map)) {
        const list = (Array.isArray(value) ? value : [value]).filter(keep);
        if (list.length > 0) constructs[code] = list;
      }
      filtered[kind] = constructs;
    }
    return filtered as Extension;
  });
  return undefined;
}
