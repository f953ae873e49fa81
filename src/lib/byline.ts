/**
 * Bylines: who is credited on a story.
 *
 * Editors write one name (`Darpan News Desk`), a line of names (`Jane Doe and John Smith`) or a
 * list (`[Jane Doe, John Smith]`). Each person or desk gets a page; the story links to each.
 */

const BY_PREFIX = /^by\s+/i;
/** `, ` (with an optional Oxford `and`/`&`), ` and `, ` & ` between names. */
const SEPARATORS = /\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+/i;

/**
 * The people and desks a byline names, in order.
 *
 * - A list is taken as written: each entry is one name, never split (the way to credit
 *   "Research and Development Desk" or "Smith, Jones & Co").
 * - A line of text loses a leading "By " and is split at commas, " and " and " & ":
 *   `Jane Doe, John Smith and Ann Lee` names three people.
 * - Names are trimmed; empty names and repeats (ignoring letter case) are dropped.
 */
export function splitByline(byline: string | readonly string[]): string[] {
  const names = typeof byline === 'string' ? byline.trim().replace(BY_PREFIX, '').split(SEPARATORS) : byline;
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(name);
  }
  return result;
}

/** Names joined as a reader says them: `A`, `A and B`, `A, B and C`. */
export function formatNames(names: readonly string[]): string {
  const separators = nameSeparators(names.length);
  return names.map((name, index) => `${separators[index]}${name}`).join('');
}

/** What goes before each of `count` names when they are read out: `['', ', ', ' and ']` for three. */
export function nameSeparators(count: number): string[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? '' : index === count - 1 ? ' and ' : ', '));
}

const DESK_WORDS = /\b(desk|staff|bureau|team|newsroom|editors|editorial board|wire|services)\b/i;

/** Whether a byline name is a desk or another group rather than one person (`Darpan News Desk`, `Ottawa Bureau`). */
export function isDesk(name: string): boolean {
  return DESK_WORDS.test(name);
}

/**
 * The credit line of a story for feeds and plain text: its names, then the agency.
 * `Jane Doe and John Smith, The Canadian Press`.
 */
export function formatCredit(authors: readonly string[], agency?: string | undefined): string {
  return [formatNames(authors), agency].filter(Boolean).join(', ');
}
