import { describe, expect, test } from 'vitest';
import { findMarkup, withoutMarkup } from '../../src/lib/strings.ts';
import { processArticle } from '../../src/pipeline/article.ts';
import { formatProblem, sortProblems } from '../../src/pipeline/problems.ts';
import { decodeSource } from '../../src/pipeline/read.ts';
import { makeSchema, makeSource } from '../helpers/factories.ts';

describe('findMarkup and withoutMarkup', () => {
  test.each([
    ['Mayor <b>resigns</b>', '<b>', 'Mayor resigns'],
    ['Line one<br/>line two', '<br/>', 'Line one line two'],
    ['Budget <!-- check figure --> passes', '<!-- check figure -->', 'Budget passes'],
    ['<span class="x">Trade</span>, tariffs', '<span class="x">', 'Trade, tariffs'],
  ])('%s', (text, markup, plain) => {
    expect(findMarkup(text)).toBe(markup);
    expect(withoutMarkup(text)).toBe(plain);
  });

  test.each(['Is 3 < 5 > 2?', 'AT&T and P&G', 'A <= B', 'Emoji <3 fans'])('%s has no markup', (text) => {
    expect(findMarkup(text)).toBeUndefined();
    expect(withoutMarkup(text)).toBe(text);
  });
});

describe('plain-text fields', () => {
  test('markup in a headline, summary, byline, caption, credit, alt text or tag is a warning naming the field and its line', () => {
    const source = makeSource({
      title: 'Mayor <b>resigns</b>',
      summary: 'The council <em>voted</em>.',
      byline: ['Jane Doe', 'John <i>Smith</i>'],
      image: { src: '/media/a.jpg', alt: 'A <b>photo</b>', caption: 'Caption<br>', credit: '<a href="x">Agency</a>' },
      tags: ['Trade', '<u>Ottawa</u>'],
    });
    const read = decodeSource('content/a.md', new TextEncoder().encode(source));
    if (!read.ok) throw new Error(read.problem.message);
    const result = processArticle(read.file, 'a', makeSchema());
    expect(result.ok).toBe(true);
    expect(sortProblems(result.problems.map((problem) => ({ ...problem, file: 'content/a.md' }))).map(formatProblem)).toEqual([
      'content/a.md:2:1  title  the headline contains HTML markup (<b>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/a.md:6:5  byline[1]  the byline contains HTML markup (<i>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/a.md:8:1  summary  the summary contains HTML markup (<em>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/a.md:11:3  image.alt  the image’s alt text contains HTML markup (<b>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/a.md:12:3  image.caption  the caption contains HTML markup (<br>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/a.md:13:3  image.credit  the credit contains HTML markup (<a href="x">): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/a.md:16:5  tags[1]  a tag contains HTML markup (<u>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
    ]);
  });
});
