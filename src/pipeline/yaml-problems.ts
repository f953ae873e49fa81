import type { YAMLError } from 'yaml';
import type { Problem } from './problems.ts';

/**
 * YAML errors in an editor's words: what is wrong, which field, and the line that fixes it.
 *
 * The `yaml` parser says what it could not parse ("Nested mappings are not allowed in compact
 * mappings"); an editor wrote a headline with a colon in it. Most front-matter mistakes are a
 * value that needs quotes, so the fix shown is the editor's own line with the value quoted:
 * `title: 'Mayor says "no" to levy'`.
 */

/** The YAML text of a front matter and where it sits in the file. */
export interface YamlSource {
  /** The front matter's lines, without the `---` lines. */
  lines: readonly string[];
  /** The file line of the first of `lines`. */
  firstLine: number;
  /** The 1-based line (of `lines`) and column of an offset in the YAML text. */
  linePos(offset: number): { line: number; col: number };
}

/** A line that starts a field: indentation, an optional list dash, the key, the value as written. */
const FIELD_LINE = /^(\s*)(?:-\s+)?([^\s:#'"[\]{}][^:#]*?|'[^']*'|"[^"]*")\s*:(?:\s+(.*?))?\s*$/;

interface FieldLine {
  indent: number;
  key: string;
  /** The value as written on the line, '' when the value is on the next lines. */
  value: string;
}

function readFieldLine(line: string | undefined): FieldLine | undefined {
  const match = line === undefined ? null : FIELD_LINE.exec(line);
  if (!match) return undefined;
  return { indent: match[1]!.length, key: match[2]!.replace(/^(['"])(.*)\1$/, '$2'), value: match[3] ?? '' };
}

/**
 * The field that line `index` belongs to, as a dotted path (`title`, `image.alt`): its own key
 * and the keys of the lines above it with less indentation.
 */
export function fieldAt(lines: readonly string[], index: number): string | undefined {
  const keys: string[] = [];
  let indent = Infinity;
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lineIndent = line.length - line.trimStart().length;
    if (lineIndent >= indent) continue;
    const field = readFieldLine(line);
    if (field) keys.unshift(field.key);
    indent = lineIndent;
    if (indent === 0) break;
  }
  return keys.length > 0 ? keys.join('.') : undefined;
}

/**
 * `value` as a YAML quoted string: in single quotes (a `'` inside doubled), or in double quotes
 * when it holds single quotes and no double ones (`"Mayor's plan"`).
 */
export function quoteYaml(value: string): string {
  if (value.includes("'") && !value.includes('"')) return `"${value.replace(/\\/g, '\\\\')}"`;
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The text an editor meant by a value written on one line: without the quotation marks around
 * it when it starts and ends with the same one (`"Mayor says "no" to levy"` → `Mayor says "no" to levy`).
 */
function meantText(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.length >= 2 && value.endsWith(first)) return value.slice(1, -1);
  return value;
}

/** `key: <value quoted>`, the line that fixes a value YAML misreads. */
function quotedLine(field: FieldLine): string {
  return `${field.key}: ${quoteYaml(meantText(field.value))}`;
}

const QUOTE_ADVICE = 'put the whole value in quotes';

/** Characters YAML reads as syntax at the start of a value, and what it reads them as. */
const STARTS = new Map<string, string>([
  ['[', 'the start of a list'],
  ['{', 'the start of a group of fields'],
  ['*', 'a reference to an anchor (*name)'],
  ['&', 'an anchor name (&name)'],
  ['!', 'a type tag'],
  ['|', 'the start of a block of lines'],
  ['>', 'the start of a folded block of lines'],
  ['@', 'a reserved character'],
  ['`', 'a reserved character'],
  ['%', 'a directive'],
]);

/**
 * One YAML error as a problem: the field is named whenever the error's line belongs to one, and
 * the message says what YAML misread and shows the fixed line.
 *
 * - A repeated key: both lines, keep one.
 * - An unquoted `: ` inside a value (`title: Mayor says: no`).
 * - A value that starts with a quotation mark and goes on after the closing one
 *   (`title: "Mayor says "no" to levy"`).
 * - A value that starts with a character YAML reads as syntax (`[`, `{`, `*`, `&`, `@`, `` ` ``, `%`…).
 * - A quotation mark never closed; a tab used for indentation; an indented line after a value.
 * - Anything else: YAML's own reason, and the quoting advice that fixes most of them.
 */
export function explainYamlError(error: YAMLError, source: YamlSource): Problem {
  const { line, col } = source.linePos(error.pos[0]);
  const index = line - 1;
  const text = source.lines[index] ?? '';
  const own = readFieldLine(text);
  const field = fieldAt(source.lines, index);
  const at = { line: line + source.firstLine - 1, column: col, ...(field ? { field } : {}), severity: 'error' as const };
  const problem = (message: string): Problem => ({ ...at, message });

  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = own?.key ?? '';
      const first = source.lines.findIndex(
        (other, i) => i < index && readFieldLine(other)?.key === key && fieldAt(source.lines, i) === field,
      );
      const where = first >= 0 ? ` (lines ${first + source.firstLine} and ${at.line})` : '';
      return problem(`the field “${key}” is written twice${where}; keep one of them`);
    }
    case 'TAB_AS_INDENT':
      return problem(`line ${at.line} is indented with a tab; YAML needs spaces: indent with two spaces instead`);
    case 'MISSING_CHAR': {
      if (!/quote/i.test(error.message)) break;
      // The error is where the text ran out; the field is the one whose value opened the quote.
      for (let i = index; i >= 0; i--) {
        const opened = readFieldLine(source.lines[i]);
        const mark = opened?.value[0];
        if (!opened || (mark !== '"' && mark !== "'")) continue;
        if (opened.value.length > 1 && opened.value.endsWith(mark)) continue;
        return {
          ...at,
          line: i + source.firstLine,
          column: 1,
          field: fieldAt(source.lines, i) ?? opened.key,
          message: `the value opens a quotation mark (${mark}) that is never closed; end the value with it: ${opened.key}: ${opened.value}${mark}`,
        };
      }
      break;
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (own && /:\s/.test(meantText(own.value))) {
        return problem(
          `the value has a colon followed by a space, which YAML reads as the start of another field; ${QUOTE_ADVICE}: ${quotedLine(own)}`,
        );
      }
      const next = readFieldLine(source.lines[index + 1]);
      if (own && next && next.indent > own.indent) {
        return problem(
          `line ${at.line + 1} is indented, so YAML reads it as part of “${own.key}”; start each field at the beginning of its line`,
        );
      }
      break;
    }
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'BLOCK_IN_FLOW': {
      if (!own || own.value === '') break;
      const first = own.value[0]!;
      if (first === '"' || first === "'") {
        return problem(
          `the value starts with a quotation mark, so YAML ends it at the next ${first} and cannot read the rest; ${QUOTE_ADVICE}, using the other kind of quotation mark: ${quotedLine(own)}`,
        );
      }
      const meaning = STARTS.get(first);
      if (meaning) return problem(`the value starts with ${first}, which YAML reads as ${meaning}; ${QUOTE_ADVICE}: ${quotedLine(own)}`);
      break;
    }
    default:
      break;
  }
  const reason = firstSentence(error.message);
  const fix = own && own.value !== '' ? `: ${quotedLine(own)}` : ", e.g. title: 'Mayor says: no'";
  return problem(
    `this line is not valid YAML (${reason}); if a value holds a colon, a # or quotation marks, or starts with [ { * & @ \` % ! | >, ${QUOTE_ADVICE}${fix}`,
  );
}

/** YAML's message without its position and excerpt. */
function firstSentence(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
