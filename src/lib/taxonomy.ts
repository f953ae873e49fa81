import { compareStrings } from './strings.ts';
import { sortNewestFirst, type Dated } from './articles.ts';

/**
 * Topics (tags) and people (bylines): each name gets a page listing its stories.
 */

/** One topic or person with its stories. */
export interface Term<T> {
  /** The URL segment, from `termSlug`. */
  slug: string;
  /** The name as shown: the spelling most stories use (ties: the first in code-unit order). */
  name: string;
  /** Stories that carry the name, newest first. */
  articles: T[];
}

/**
 * The URL segment for a tag or person: `Mark Carney` → `mark-carney`, `COVID-19` → `covid-19`.
 *
 * - Accents are folded (`Québec` → `quebec`); letters other than a–z, digits and hyphens go.
 * - A name with nothing left (`中国`) gets `t-` and a short stable code of the name, so it still
 *   has a page of its own.
 */
export function termSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? `t-${hashCode(name)}` : slug;
}

/** A short base-36 FNV-1a code of a string: stable across builds and machines. */
function hashCode(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text.normalize('NFC')) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * Groups stories by the names `namesOf` gives each, one group per slug.
 *
 * - Names that share a slug (`Trade`, `trade`) are one term.
 * - Groups are ordered by slug; stories in a group newest first (ties by id).
 */
export function groupByTerm<T extends Dated>(articles: readonly T[], namesOf: (article: T) => readonly string[]): Term<T>[] {
  const groups = new Map<string, { spellings: Map<string, number>; articles: T[] }>();
  for (const article of articles) {
    const slugs = new Set<string>();
    for (const name of namesOf(article)) {
      const slug = termSlug(name);
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = { spellings: new Map(), articles: [] }));
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      if (!slugs.has(slug)) group.articles.push(article);
      slugs.add(slug);
    }
  }
  return [...groups]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([slug, group]) => ({ slug, name: preferredSpelling(group.spellings), articles: sortNewestFirst(group.articles) }));
}

function preferredSpelling(spellings: Map<string, number>): string {
  return [...spellings].sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))[0]![0];
}

/** A name with the link to its page: `{ name: 'Mark Carney', href: '/tags/mark-carney/' }`. */
export interface TermLink {
  name: string;
  href: string;
}

/** Links for the names on one story, as written there, to their pages (`pathFor(slug)`). */
export function termLinks(names: readonly string[], pathFor: (slug: string) => string): TermLink[] {
  return names.map((name) => ({ name, href: pathFor(termSlug(name)) }));
}
