/** One page of a paginated list. */
export interface Page<T> {
  /** 1-based page number. */
  number: number;
  /** Number of pages in the list (at least 1). */
  total: number;
  items: T[];
  /** Page number of the previous page, if any. */
  prev?: number | undefined;
  /** Page number of the next page, if any. */
  next?: number | undefined;
}

/**
 * Splits `items` into pages of `size`.
 *
 * - An empty list still has one (empty) page, so a section front always exists.
 * - `size` must be a positive whole number.
 */
export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive whole number, got ${size}`);
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, index) => ({
    number: index + 1,
    total,
    items: items.slice(index * size, (index + 1) * size),
    prev: index > 0 ? index : undefined,
    next: index + 1 < total ? index + 2 : undefined,
  }));
}

/** The links of a page to its neighbours, built with `pathFor(pageNumber)`. */
export function pageLinks(
  page: Page<unknown>,
  pathFor: (pageNumber: number) => string,
): { prev?: string | undefined; next?: string | undefined } {
  return { prev: page.prev ? pathFor(page.prev) : undefined, next: page.next ? pathFor(page.next) : undefined };
}
