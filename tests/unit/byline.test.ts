import { describe, expect, test } from 'vitest';
import { formatCredit, formatNames, isDesk, nameSeparators, splitByline } from '../../src/lib/byline.ts';
import { makeSchema, makeSource } from '../helpers/factories.ts';
import { processArticle } from '../../src/pipeline/article.ts';

describe('splitByline', () => {
  test.each([
    ['Darpan News Desk', ['Darpan News Desk']],
    ['Jane Doe and John Smith', ['Jane Doe', 'John Smith']],
    ['Jane Doe & John Smith', ['Jane Doe', 'John Smith']],
    ['Jane Doe, John Smith and Ann Lee', ['Jane Doe', 'John Smith', 'Ann Lee']],
    ['Jane Doe, John Smith, and Ann Lee', ['Jane Doe', 'John Smith', 'Ann Lee']],
    ['By Jane Doe and John Smith', ['Jane Doe', 'John Smith']],
    ['  Jane   Doe ,  john smith , Jane Doe ', ['Jane Doe', 'john smith']],
    ['Alexandra Andersen', ['Alexandra Andersen']],
    ['Sandy Brandon', ['Sandy Brandon']],
  ])('%s', (byline, expected) => {
    expect(splitByline(byline)).toEqual(expected);
  });

  test('a list is taken as written: an entry with “and” or a comma stays one name', () => {
    expect(splitByline(['Research and Development Desk', 'Smith, Jones & Co', 'Research and Development Desk'])).toEqual([
      'Research and Development Desk',
      'Smith, Jones & Co',
    ]);
  });
});

describe('formatNames and formatCredit', () => {
  test.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
  ])('%j reads as “%s”', (names, expected) => {
    expect(formatNames(names)).toBe(expected);
    expect(nameSeparators(names.length)).toHaveLength(names.length);
  });

  test('the credit line adds the agency', () => {
    expect(formatCredit(['Jane Doe', 'John Smith'], 'The Canadian Press')).toBe('Jane Doe and John Smith, The Canadian Press');
    expect(formatCredit(['Darpan News Desk'])).toBe('Darpan News Desk');
  });
});

describe('isDesk', () => {
  test.each([
    ['Darpan News Desk', true],
    ['Ottawa Bureau', true],
    ['Dateline Staff', true],
    ['Jane Doe', false],
    ['Desmond Tutu', false],
  ])('%s → %s', (name, expected) => {
    expect(isDesk(name)).toBe(expected);
  });
});

describe('bylines in articles', () => {
  const process = (overrides: Record<string, unknown>) =>
    processArticle({ path: 'content/a.md', source: makeSource(overrides), digest: 'x' }, 'a', makeSchema());

  test('a line of names becomes the authors and a normalised byline', () => {
    const result = process({ byline: 'By Jane Doe, John Smith, and Ann Lee' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.authors).toEqual(['Jane Doe', 'John Smith', 'Ann Lee']);
    expect(result.article.byline).toBe('Jane Doe, John Smith and Ann Lee');
  });

  test('a list of names is kept whole', () => {
    const result = process({ byline: ['Research and Development Desk', 'Jane Doe'] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.authors).toEqual(['Research and Development Desk', 'Jane Doe']);
  });

  test.each([
    [[], 'byline must name at least one person or desk'],
    [['Jane Doe', ''], 'each byline name must not be empty'],
    [{ name: 'Jane' }, 'byline must be a name such as Jane Doe or a list of names'],
  ])('refuses %j', (byline, message) => {
    const result = process({ byline });
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.message)).toContainEqual(expect.stringContaining(message));
  });
});
