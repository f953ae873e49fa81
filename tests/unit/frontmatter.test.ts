import { describe, expect, test } from 'vitest';
import { parseFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { quoteYaml } from '../../src/pipeline/yaml-problems.ts';

function parse(source: string) {
  const result = parseFrontmatter(source);
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

function problems(source: string) {
  const result = parseFrontmatter(source);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseFrontmatter', () => {
  test('splits front matter from the body and knows where the body starts', () => {
    const value = parse('---\ntitle: Hello\n---\n\nBody text.\n');
    expect(value.data).toEqual({ title: 'Hello' });
    expect(value.body).toBe('Body text.\n');
    expect(value.bodyLine).toBe(5);
  });

  test('keeps dates as the author wrote them, not converted to UTC', () => {
    const value = parse('---\ndate: 2025-03-17T12:40:00\nday: 2025-03-17\n---\n');
    expect(value.data).toEqual({ date: '2025-03-17T12:40:00', day: '2025-03-17' });
  });

  test.each([
    ['yes', 'yes'],
    ['no', 'no'],
    ['on', 'on'],
    ['off', 'off'],
    ['true', true],
    ['false', false],
  ])('reads %s as %j (YAML 1.2 core)', (written, expected) => {
    expect(parse(`---\ndraft: ${written}\n---\n`).data['draft']).toBe(expected);
  });

  test.each(['---js', '---javascript', '---JS', '---coffee', '--- js'])('refuses a %s front-matter block without running it', (opening) => {
    const marker = `pwned${Math.random().toString(36).slice(2)}`;
    const list = problems(`${opening}\n{ title: (globalThis.${marker} = 1, 'x') }\n---\nBody\n`);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(list[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(list[0]!.message).toMatch(/must be YAML/);
  });

  test('a blank line before the opening --- is an error, not an article without front matter', () => {
    expect(problems('\n---\ntitle: x\n---\n')[0]!.message).toMatch(/must start with a line of exactly ---/);
  });

  test('a missing closing --- is an error, not a body swallowed as YAML', () => {
    const [problem] = problems('---\ntitle: x\nsection: national\n\nThe body starts here.\n');
    expect(problem!.message).toMatch(/no closing line/);
  });

  test('an empty file is an error', () => {
    expect(problems('')[0]!.message).toMatch(/the file is empty/);
    expect(problems('  \n\n')[0]!.message).toMatch(/the file is empty/);
  });

  test('a duplicate key is an error at its line, naming both lines; the fields are still read, so the rest can be checked', () => {
    const result = parseFrontmatter('---\ntitle: One\nsummary: x\ntitle: Two\n---\n');
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      {
        line: 4,
        column: 1,
        field: 'title',
        severity: 'error',
        message: 'the field “title” is written twice (lines 2 and 4); keep one of them',
      },
    ]);
    if (result.ok) expect(result.value.data).toEqual({ title: 'Two', summary: 'x' });
  });

  test('a tab used for indentation is an error at its line', () => {
    const [problem] = problems('---\nimage:\n\tsrc: /a.jpg\n---\n');
    expect(problem).toMatchObject({
      line: 3,
      field: 'image.src',
      message: 'line 3 is indented with a tab; YAML needs spaces: indent with two spaces instead',
    });
  });

  test('front matter that cannot be read still gives the body, so that it can be checked', () => {
    const result = parseFrontmatter('---\ntitle: Mayor says: no\n---\n\nThe body.\n');
    expect(result).toMatchObject({ ok: false, body: { body: 'The body.\n', bodyLine: 5 } });
  });

  test('an alias expansion bomb is refused', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      rows.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const [problem] = problems(`---\ntitle: x\n${rows.join('\n')}\n---\n`);
    // The first field whose aliases expand past the limit is named.
    expect(problem).toMatchObject({ line: 5, column: 1, field: 'c', severity: 'error' });
    expect(problem!.message).toMatch(/^this field's YAML aliases \(\*name\) repeat anchored values \(&name\) into more than 50 copies/);
  });

  test('a few aliases are fine', () => {
    expect(parse('---\nx: &v hello\ny: *v\n---\n').data).toEqual({ x: 'hello', y: 'hello' });
  });

  test('__proto__ is an own key and does not change the prototype', () => {
    const { data } = parse('---\n__proto__:\n  polluted: true\ntitle: x\n---\n');
    expect(Object.keys(data)).toContain('__proto__');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('front matter that is not a map is an error', () => {
    expect(problems('---\n- a\n- b\n---\n')[0]!.message).toMatch(/list of fields/);
  });

  test('a line starting with --- inside the front matter is an error at that line', () => {
    expect(problems('---\ntitle: x\n---- more\nsummary: y\n---\n')[0]).toMatchObject({ line: 3 });
  });

  test('locates fields, nested fields and list items by file line', () => {
    const value = parse('---\ntitle: x\nimage:\n  src: /a.jpg\n  alt: y\ntags:\n  - a\n  - b\n---\n');
    expect(value.locate(['title'])).toEqual({ line: 2, column: 1 });
    expect(value.locate(['image', 'alt'])).toEqual({ line: 5, column: 3 });
    expect(value.locate(['tags', 1])).toEqual({ line: 8, column: 5 });
    expect(value.locate(['missing'])).toEqual({ line: 1, column: 1 });
  });
});

describe('YAML errors in an editor’s words', () => {
  test.each([
    [
      'an unquoted colon in a headline',
      'title: Mayor says: no to levy',
      { line: 2, field: 'title' },
      "the value has a colon followed by a space, which YAML reads as the start of another field; put the whole value in quotes: title: 'Mayor says: no to levy'",
    ],
    [
      'quotes inside quotes',
      'title: "Mayor says "no" to levy"',
      { line: 2, field: 'title' },
      `the value starts with a quotation mark, so YAML ends it at the next " and cannot read the rest; put the whole value in quotes, using the other kind of quotation mark: title: 'Mayor says "no" to levy'`,
    ],
    [
      'an apostrophe inside single quotes',
      "summary: 'The mayor's plan'",
      { line: 2, field: 'summary' },
      `the value starts with a quotation mark, so YAML ends it at the next ' and cannot read the rest; put the whole value in quotes, using the other kind of quotation mark: summary: "The mayor's plan"`,
    ],
    [
      'quotes inside quotes in a nested field',
      'image:\n  src: /media/a.jpg\n  alt: "A "b" c"',
      { line: 4, field: 'image.alt' },
      `the value starts with a quotation mark, so YAML ends it at the next " and cannot read the rest; put the whole value in quotes, using the other kind of quotation mark: alt: 'A "b" c'`,
    ],
    [
      'a headline starting with a bracket',
      'title: [Update] Mayor says no',
      { line: 2, field: 'title' },
      "the value starts with [, which YAML reads as the start of a list; put the whole value in quotes: title: '[Update] Mayor says no'",
    ],
    [
      'a headline starting with @',
      'title: @mayor says no',
      { line: 2, field: 'title' },
      "the value starts with @, which YAML reads as a reserved character; put the whole value in quotes: title: '@mayor says no'",
    ],
    [
      'a quotation mark never closed',
      'title: "Mayor says no\nsection: national',
      { line: 2, field: 'title' },
      'the value opens a quotation mark (") that is never closed; end the value with it: title: "Mayor says no"',
    ],
    [
      'an indented field',
      'title: Mayor\n  section: national',
      { line: 2, field: 'title' },
      'line 3 is indented, so YAML reads it as part of “title”; start each field at the beginning of its line',
    ],
  ])('%s: names the field and shows the fixed line', (_name, yaml, where, message) => {
    expect(problems(`---\n${yaml}\n---\n\nBody.\n`)).toEqual([{ ...where, column: expect.any(Number), severity: 'error', message }]);
  });

  test('quoteYaml picks the quotation mark that needs no escaping', () => {
    expect(quoteYaml('Mayor says "no"')).toBe(`'Mayor says "no"'`);
    expect(quoteYaml("Mayor's plan")).toBe(`"Mayor's plan"`);
    expect(quoteYaml(`Mayor's "plan"`)).toBe(`'Mayor''s "plan"'`);
  });
});
