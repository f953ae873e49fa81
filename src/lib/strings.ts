/** Code-unit order, independent of the machine's locale: every ordering of the build uses it. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The edit distance (Levenshtein) between two strings: how many single-character edits turn one into the other. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** An HTML tag or comment in text (`<b>`, `</em>`, `<br/>`, `<!-- note -->`); `3 < 5` is not one. */
const MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/** The first HTML tag or comment in `text`, if any: such fields are plain text, shown as written. */
export function findMarkup(text: string): string | undefined {
  MARKUP.lastIndex = 0;
  return MARKUP.exec(text)?.[0];
}

/** `text` with its HTML tags and comments removed and the spaces they leave collapsed: `Mayor <b>resigns</b>` → `Mayor resigns`. */
export function withoutMarkup(text: string): string {
  return text
    .replace(MARKUP, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .trim();
}

/**
 * The candidate closest to `input` (ignoring letter case) when it is within `maxDistance` edits,
 * the first of equally close ones; undefined when none is.
 */
export function closestMatch(input: string, candidates: Iterable<string>, maxDistance: number): string | undefined {
  const wanted = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // No need to compare strings whose lengths alone differ by more than allowed.
    if (Math.abs(candidate.length - wanted.length) > maxDistance) continue;
    const distance = editDistance(candidate.toLowerCase(), wanted);
    if (distance <= maxDistance && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
