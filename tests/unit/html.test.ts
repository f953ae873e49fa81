import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatHtmlProblems, outlineProblems, validateBuild } from '../../scripts/quality/html.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

const TINY_DIST = join(PROJECT_ROOT, 'tests/fixtures/tiny-dist');

const page = (body: string, lang = 'en-CA') =>
  `<!DOCTYPE html><html lang="${lang}"><head><title>T</title></head><body>${body}</body></html>`;
const FRAME = (main: string) => `<header><nav aria-label="Sections"></nav></header><main>${main}</main><footer></footer>`;

describe('outlineProblems', () => {
  test('a page with lang, one h1 and every landmark has none', () => {
    expect(outlineProblems(page(FRAME('<h1>Title</h1>')), { lang: 'en-CA' })).toEqual([]);
  });

  test.each([
    ['no h1', page(FRAME('<h2>Title</h2>')), 'a page needs exactly one <h1>, found 0'],
    ['two h1s', page(FRAME('<h1>One</h1><h1>Two</h1>')), 'a page needs exactly one <h1>, found 2'],
    ['another language', page(FRAME('<h1>Title</h1>'), 'fr'), '<html lang> must be “en-CA”, found “fr”'],
    ['no main', page('<header><nav></nav></header><h1>Title</h1><footer></footer>'), 'a page needs exactly one <main> landmark, found 0'],
    [
      'no footer',
      page('<header><nav></nav></header><main><h1>Title</h1></main>'),
      'a page needs a footer (<footer> outside <main>) landmark',
    ],
  ])('%s is reported', (_, html, problem) => {
    expect(outlineProblems(html, { lang: 'en-CA' })).toEqual([problem]);
  });
});

describe('validateBuild', () => {
  test('reports html-validate rules and outline problems with page, line and column, in page order', async () => {
    const problems = await validateBuild(TINY_DIST, { lang: 'en-CA' });
    expect(problems.map((p) => p.page)).toEqual([...problems.map((p) => p.page)].sort());
    expect(problems).toContainEqual({
      page: '/national/story/',
      line: 14,
      column: 123,
      rule: 'void-style',
      message: 'Expected omitted end tag <img> instead of self-closing element <img/>',
    });
    expect(problems.filter((p) => p.page === '/404.html' && p.rule === 'document').map((p) => p.message)).toEqual([
      'a page needs a masthead (<header> outside <main>) landmark',
      'a page needs a navigation (<nav>) landmark',
      'a page needs a footer (<footer> outside <main>) landmark',
    ]);
    expect(formatHtmlProblems(problems)).toContain('  /national/story/:14:123  void-style  Expected omitted end tag <img>');
  });
});
