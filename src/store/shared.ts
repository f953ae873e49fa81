/**
 * The map named `name` that every copy of Dateline's modules in this process shares: Astro loads
 * the content loader, the pages and the integrations as separate copies of the modules they
 * import, and they must see one build state. The one place that reaches for `globalThis`.
 */
export function processWide<V>(name: string): Map<string, V> {
  const registry = globalThis as unknown as Record<symbol, Map<string, V> | undefined>;
  return (registry[Symbol.for(`dateline.${name}`)] ??= new Map());
}
