import matter from 'gray-matter';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from './problems.ts';
import { explainYamlError, fieldAt } from './yaml-problems.ts';

/** Where something is in the file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** An article split into its front matter and its Markdown body. */
export interface Frontmatter {
  /** The front matter as plain values: YAML 1.2 core types only (strings, numbers, true/false, null, lists, maps). */
  data: Record<string, unknown>;
  /** The Markdown after the closing `---`. */
  body: string;
  /** The file line on which the body starts. */
  bodyLine: number;
  /** The file position of a field (`['image', 'alt']`), or of the front matter's first line when the field is absent. */
  locate(path: readonly PropertyKey[]): Position;
}

/** The Markdown after the front matter, and the file line it starts on. */
export interface BodyPart {
  body: string;
  bodyLine: number;
}

/**
 * `ok`: the fields could be read; `problems` then holds only mistakes that left every field
 * readable (a repeated key). Otherwise `problems` says why, and `body` is there when the file has
 * its two `---` lines: the body can still be checked when the YAML between them cannot be read.
 */
export type FrontmatterResult =
  { ok: true; value: Frontmatter; problems: Problem[] } | { ok: false; problems: Problem[]; body?: BodyPart | undefined };

const DELIMITER = '---';

/** Limits on YAML aliases: a few are fine, an expansion bomb is not. */
const MAX_ALIAS_COUNT = 50;

/**
 * How Dateline reads YAML (front matter, author profiles): YAML 1.2 core, so `yes`/`no` stay
 * strings; duplicate keys are errors; `<<` merge keys are not special; aliases are limited
 * (`maxAliasCount`, for `toJS`). Warnings are not printed: a list or mapping used as a key (which
 * `yaml` would warn about on the console) becomes a field name that the schema reports.
 */
export const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  prettyErrors: true,
  strict: true,
  maxAliasCount: MAX_ALIAS_COUNT,
  logLevel: 'error',
} as const;

const refuse = (language: string) => () => {
  throw new Error(`${language} front matter is not allowed`);
};

/**
 * Gray-matter with every code-running engine replaced: the YAML text is only captured here and
 * parsed below with `yaml`, so that values keep their positions.
 */
const MATTER_OPTIONS = {
  language: 'yaml',
  delimiters: DELIMITER,
  engines: {
    yaml: { parse: () => ({}), stringify: () => '' },
    js: { parse: refuse('JavaScript'), stringify: () => '' },
    javascript: { parse: refuse('JavaScript'), stringify: () => '' },
    coffee: { parse: refuse('CoffeeScript'), stringify: () => '' },
    coffeescript: { parse: refuse('CoffeeScript'), stringify: () => '' },
  },
};

/**
 * Splits an article into front matter and body and parses the front matter.
 *
 * - The file must start with a line that is exactly `---` and the front matter ends at the next
 *   line that is exactly `---`. Anything else on the first line (`---js`, a blank line, a BOM that
 *   was not removed) is an error: no front-matter language other than YAML is ever run.
 * - YAML is read as YAML 1.2 core: `yes`/`no`/`on`/`off` stay strings, dates stay strings as
 *   written (the schema reads them in the newsroom zone), duplicate keys are errors, `<<` merge
 *   keys are not special, and aliases are limited so that an expansion bomb is an error.
 * - YAML errors are explained in an editor's words, with the field and the fixed line
 *   (`explainYamlError`). A repeated key leaves the fields readable: it is reported and the
 *   fields are still returned (the later value counts), so that the rest can be checked too.
 */
export function parseFrontmatter(source: string): FrontmatterResult {
  if (source.trim() === '') {
    return fail(1, 'the file is empty; an article needs front matter between two lines of ---, then its text');
  }
  const lines = source.split('\n');
  if (lines[0]?.trimEnd() !== DELIMITER) {
    const first = lines[0] ?? '';
    const message = /^---\s*\S/.test(first)
      ? `front matter must be YAML and start with a line of exactly ---, found “${first.trim()}”; other front-matter languages are not allowed`
      : 'the file must start with a line of exactly --- followed by the front matter (title, section, byline, date, summary) and another line of ---';
    return fail(1, message);
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === DELIMITER);
  if (closing < 0) {
    return fail(1, 'the front matter has no closing line of exactly ---; add one after the last field');
  }

  // Gray-matter closes at the first line that merely starts with `---`; insist on the exact one.
  const early = lines.findIndex((line, index) => index > 0 && index < closing && line.startsWith(DELIMITER));
  if (early > 0) {
    return fail(early + 1, 'a line inside the front matter starts with ---; quote the value or remove the line');
  }
  const file = matter(source, MATTER_OPTIONS);
  const body: BodyPart = {
    body: file.content.replace(/^\n/, ''),
    bodyLine: closing + 2 + (file.content.startsWith('\n') ? 1 : 0),
  };
  const yamlLines = lines.slice(1, closing);
  const yamlText = yamlLines.join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { ...YAML_OPTIONS, lineCounter });
  const firstLine = 2;
  const toFile = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const yamlSource = { lines: yamlLines, firstLine, linePos: (offset: number) => lineCounter.linePos(offset) };
  // One mistake can trip several of YAML's rules on the same spot: each explanation once.
  const explained = new Map(doc.errors.map((error) => explainYamlError(error, yamlSource)).map((p) => [`${p.line} ${p.message}`, p]));
  const problems = [...explained.values()];
  if (doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return { ok: false, problems, body };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, problems: [...problems, unreadable(doc, error, yamlSource, toFile)], body };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ...fail(firstLine, 'the front matter must be a list of fields such as “title: …”, one per line'), body };
  }
  return {
    ok: true,
    problems,
    value: {
      data: data as Record<string, unknown>,
      ...body,
      locate: (path) => {
        const range = rangeOf(doc, path);
        return range === undefined ? { line: firstLine - 1, column: 1 } : toFile(range);
      },
    },
  };
}

/**
 * The problem of a front matter that parsed but could not be turned into values: an alias
 * expansion bomb (or an alias to no anchor), reported on the first field that cannot be read
 * alone.
 */
function unreadable(doc: Document, error: unknown, source: { lines: readonly string[] }, toFile: (offset: number) => Position): Problem {
  const reason = firstSentence(error instanceof Error ? error.message : String(error));
  const bomb = /alias count|resource exhaustion/i.test(reason);
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((item) => {
        try {
          (item.value as Node | null)?.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
          return false;
        } catch {
          return true;
        }
      })
    : undefined;
  const offset = (pair?.key as Node | undefined)?.range?.[0];
  const at = offset === undefined ? { line: 2, column: 1 } : toFile(offset);
  const field = offset === undefined ? undefined : fieldAt(source.lines, at.line - 2);
  return {
    ...at,
    ...(field ? { field } : {}),
    severity: 'error',
    message: bomb
      ? `this field's YAML aliases (*name) repeat anchored values (&name) into more than ${MAX_ALIAS_COUNT} copies, as an expansion bomb does; write the values out instead of using & and *`
      : `this field could not be read (${reason}); a value starting with * or & names a YAML anchor: put the whole value in quotes`,
  };
}

/** Offset of the key (for map entries) or item (for list entries) at `path`, if present. */
export function rangeOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function fail(line: number, message: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ line, column: 1, severity: 'error', message }] };
}

function firstSentence(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
