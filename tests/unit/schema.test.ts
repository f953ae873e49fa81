import { describe, expect, test } from 'vitest';
import { parseFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { validateFrontmatter } from '../../src/pipeline/schema.ts';
import { makeSchema, makeSource } from '../helpers/factories.ts';

const schema = makeSchema();

function validate(source: string) {
  const split = parseFrontmatter(source);
  if (!split.ok) throw new Error(JSON.stringify(split.problems));
  return validateFrontmatter(schema, split.value.data, split.value.locate);
}

function errorsOf(source: string) {
  const result = validate(source);
  if (result.ok) throw new Error('expected errors');
  return result.problems.map(({ line, field, message }) => ({ line, field, message }));
}

describe('ArticleSchema', () => {
  test('accepts a minimal article and fills defaults', () => {
    const result = validate(makeSource());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ title: 'Council approves new transit plan', section: 'national', draft: false, tags: [] });
    expect(result.value.date.date.toISOString()).toBe('2025-03-17T19:40:00.000Z');
    expect(result.value.date.hasTime).toBe(true);
  });

  test('accepts every optional field', () => {
    const result = validate(
      makeSource({
        agency: 'The Canadian Press',
        updated: '2025-03-18T08:00',
        image: { src: '/media/a.jpg', alt: 'A ferry at dawn', caption: 'The ferry.', credit: 'Staff' },
        tags: ['Transit', 'Transit', 'Surrey'],
        slug: 'transit-plan',
        draft: true,
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.tags).toEqual(['Transit', 'Surrey']);
    expect(result.value.updated?.date.toISOString()).toBe('2025-03-18T15:00:00.000Z');
    expect(result.value.draft).toBe(true);
  });

  test('reports every problem of a file at once, each with its line and field', () => {
    const source = [
      '---',
      'title: ""',
      'section: opinion',
      'date: 2025-02-30T10:00',
      'draft: yes',
      'sumary: Typo here.',
      'image:',
      '  src: /media/a.jpg',
      '---',
      '',
      'Body.',
    ].join('\n');
    expect(errorsOf(source)).toEqual([
      { line: 2, field: 'title', message: `title must not be empty, e.g. title: 'Mayor says "no" to levy'` },
      { line: 3, field: 'section', message: expect.stringContaining('section must be one of national, world') },
      { line: 1, field: 'byline', message: 'byline is required, e.g. byline: Jane Doe' },
      { line: 4, field: 'date', message: expect.stringContaining('does not exist: February 2025 has 28 days') },
      { line: 1, field: 'summary', message: "summary is required, e.g. summary: 'Council approves the levy in a 5-4 vote.'" },
      { line: 7, field: 'image.alt', message: expect.stringContaining('image.alt is required') },
      { line: 5, field: 'draft', message: expect.stringContaining('draft must be true or false') },
      { line: 6, field: 'sumary', message: 'unknown field “sumary”; did you mean “summary”?' },
    ]);
  });

  test.each([
    ['nationl', '; did you mean national?'],
    ['National', '; did you mean national?'],
    ['opinion', ''],
  ])('section: %s suggests the configured section it nearly is', (section, hint) => {
    expect(errorsOf(makeSource({ section }))).toEqual([
      {
        line: 3,
        field: 'section',
        message: `section must be one of national, world, business, community, health, sports; “${section}” is not a configured section${hint}`,
      },
    ]);
  });

  test.each([
    ['title:', { line: 2, field: 'title', message: `title is empty: write it after the colon, e.g. title: 'Mayor says "no" to levy'` }],
    ['byline:', { line: 4, field: 'byline', message: 'byline is empty: write it after the colon, e.g. byline: Jane Doe' }],
    ['date:', { line: 5, field: 'date', message: 'date is empty: write it after the colon, e.g. date: 2025-03-17T12:40' }],
    [
      'title: [Update]',
      {
        line: 2,
        field: 'title',
        message: `title must be text, not a list: YAML reads a value starting with [ as a list; put the whole value in quotes, e.g. title: 'Mayor says "no" to levy'`,
      },
    ],
  ])('a field written as %s says what is wrong and shows a line that works', (line, expected) => {
    const field = line.slice(0, line.indexOf(':'));
    const source = makeSource().replace(new RegExp(`^${field}:.*$`, 'm'), line);
    expect(errorsOf(source)).toEqual([expected]);
  });

  test.each([
    ['draft: "true" (a quoted string)', { draft: 'true' }, 'draft'],
    ['a numeric date', { date: 2025 }, 'date'],
    ['tags as a single string', { tags: 'Transit' }, 'tags'],
    ['an empty tag', { tags: ['Transit', ''] }, 'tags[1]'],
    ['a slug with a slash', { slug: '../etc/passwd' }, 'slug'],
    ['a slug with capitals', { slug: 'Transit-Plan' }, 'slug'],
    ['an image src with javascript:', { image: { src: 'javascript:alert(1)', alt: 'x' } }, 'image.src'],
    ['an image src with data:', { image: { src: 'data:image/png;base64,AAAA', alt: 'x' } }, 'image.src'],
    ['an image from another site', { image: { src: 'https://cdn.example.com/a.jpg', alt: 'x' } }, 'image.src'],
    ['an image that is not a picture file', { image: { src: '/media/a.pdf', alt: 'x' } }, 'image.src'],
    ['an image with an empty alt', { image: { src: '/a.jpg', alt: '   ' } }, 'image.alt'],
    ['an unknown image field', { image: { src: '/a.jpg', alt: 'x', captoin: 'y' } }, 'image.captoin'],
    ['a date with an impossible hour', { date: '2025-03-17T24:30' }, 'date'],
  ])('rejects %s', (_name, overrides, field) => {
    expect(errorsOf(makeSource(overrides)).map((problem) => problem.field)).toContain(field);
  });

  test('__proto__ is reported as an unknown field and never reaches the data', () => {
    const source = makeSource().replace('---\n', '---\n__proto__:\n  draft: true\n');
    expect(errorsOf(source)).toEqual([{ line: 2, field: '__proto__', message: expect.stringContaining('unknown field “__proto__”') }]);
  });

  test('a date-only value is that calendar day in the newsroom zone', () => {
    const result = validate(makeSource({ date: '2025-03-17' }));
    if (!result.ok) throw new Error('invalid');
    expect(result.value.date).toEqual({ date: new Date('2025-03-17T07:00:00.000Z'), hasTime: false });
  });
});
