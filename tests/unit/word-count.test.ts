import { describe, expect, test } from 'vitest';
import { countWords } from '../../src/pipeline/article.ts';
import { createRandom, generateCorpus } from '../../scripts/bench/corpus.ts';

/** What a word is, as a regular expression: the definition `countWords` must agree with. */
function countByExpression(markdown: string): number {
  return markdown.replace(/<[^>]*>/g, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

describe('countWords', () => {
  test.each([
    ['', 0],
    ['The council met on Monday.', 5],
    ["Don't stop: it’s COVID-19 season", 5],
    ['- a list\n- of items', 4],
    ["'quoted' -- dashes -- and ’curly’", 4],
    ['Montréal, Québec; 東京 ٣ apples', 5],
    ['<img src="x.jpg" alt="three words here"> after', 1],
    ['a<b>c</b>d', 3],
    ['a < b and c > d', 2],
    ['5 < 6 with no closing bracket', 6],
    ['a<b', 2],
    ['𝐀𝐁 bold and 😀 emoji', 4],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(countByExpression(text)).toBe(words);
  });

  test('agrees with the regular expression on random text of letters, joiners, tags and surrogates', () => {
    const random = createRandom(7);
    const alphabet = ['a', 'Z', '5', "'", '’', '-', ' ', '\n', '<', '>', '<b>', 'é', '東', '٣', '𝐀', '😀', '\ud800', '\udc00', '.', '_'];
    for (let round = 0; round < 2_000; round++) {
      const length = Math.floor(random() * 40);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(countWords(text), JSON.stringify(text)).toBe(countByExpression(text));
    }
  });

  test('agrees with the regular expression on benchmark stories', () => {
    let stories = 0;
    for (const [, text] of generateCorpus({ n: 200, seed: 3 })) {
      expect(countWords(text)).toBe(countByExpression(text));
      stories++;
    }
    expect(stories).toBe(200);
  });
});
