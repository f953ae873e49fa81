import { formatNames, splitByline } from '../lib/byline.ts';
import { findMarkup } from '../lib/strings.ts';
import type { ArticleRecord, BodyReference, PartialRecord } from '../schemas/record.ts';
import { parseFrontmatter, type Position } from './frontmatter.ts';
import { ARTICLE_LIMITS } from './limits.ts';
import { classifyLink } from './links.ts';
import { LimitError, renderMarkdown } from './markdown.ts';
import type { Problem } from './problems.ts';
import { findScaffoldText } from './scaffold.ts';
import { SLUG_PATTERN, validateFrontmatter, type ArticleFrontmatter, type ArticleSchema } from './schema.ts';
import type { SourceFile } from './read.ts';

/**
 * `ok` means an article record could be made; `problems` may still hold errors (e.g. an image
 * without alt text in the body), which fail the build like any other. `html` is the body, sanitized.
 * Otherwise `partial` holds what the corpus rules can still check of the file (its links and
 * images, and the fields that were valid), unless not even its body could be read.
 */
export type ProcessResult =
  | { ok: true; article: ArticleRecord; html: string; problems: Problem[] }
  | { ok: false; problems: Problem[]; partial?: PartialRecord | undefined };

/**
 * Runs one file through every per-file stage: front matter → schema → Markdown.
 *
 * - `id` is the path under the content folder without its extension.
 * - Without a `slug` field the file name must itself be a valid slug; the error says how to fix it.
 * - An article that is not a draft may not hold the placeholder text of `npm run new` (`findScaffoldText`).
 * - Every problem of the file at once: a field error does not hide the body's problems (images
 *   without alt text, links the corpus rules then check through `partial`), and YAML that cannot
 *   be read does not hide them either. Only a file without its two `---` lines, or one that
 *   cannot be read as text, stops at the first problem.
 * - Never throws: a body past a limit (`ARTICLE_LIMITS`), a stack overflow or any other exception
 *   from a stage becomes an error on this file, so that one file never stops the run. (A file
 *   that runs too long is stopped by the worker pool, `src/loader/pool.ts`.)
 */
export function processArticle(file: SourceFile, id: string, schema: ArticleSchema): ProcessResult {
  try {
    return processUnguarded(file, id, schema);
  } catch (error) {
    return { ok: false, problems: [problemFromError(error)] };
  }
}

/** The problem of a file whose processing threw `error`. */
export function problemFromError(error: unknown): Problem {
  if (error instanceof LimitError) return { line: error.line, column: 1, field: 'body', severity: 'error', message: error.message };
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return {
      field: 'body',
      severity: 'error',
      message: `the text is nested too deeply to render (quotes, lists, emphasis or HTML elements inside each other); keep nesting under ${ARTICLE_LIMITS.treeDepth} levels`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    severity: 'error',
    message: `this file could not be processed (${message}); check it for unusual markup, and report the file to the Dateline maintainers if it looks ordinary`,
  };
}

/** The fields of an invalid front matter that are valid on their own, for the corpus rules. */
const PARTIAL_FIELDS = ['section', 'slug', 'draft', 'date', 'image'] as const;

function validFields(
  schema: ArticleSchema,
  data: Record<string, unknown>,
): Partial<Pick<ArticleFrontmatter, (typeof PARTIAL_FIELDS)[number]>> {
  const fields: Record<string, unknown> = {};
  for (const key of PARTIAL_FIELDS) {
    const result = schema.shape[key].safeParse(data[key]);
    if (result.success && result.data !== undefined) fields[key] = result.data;
  }
  return fields;
}

function processUnguarded(file: SourceFile, id: string, schema: ArticleSchema): ProcessResult {
  const split = parseFrontmatter(file.source);
  const part = split.ok ? split.value : split.body;
  if (!part) return { ok: false, problems: split.problems };
  const problems: Problem[] = [...split.problems];
  const validated = split.ok ? validateFrontmatter(schema, split.value.data, split.value.locate) : undefined;
  if (validated && !validated.ok) problems.push(...validated.problems);
  const fm = validated?.ok ? validated.value : undefined;
  const fileName = id.slice(id.lastIndexOf('/') + 1);
  if (split.ok && split.value.data['slug'] === undefined && !SLUG_PATTERN.test(fileName)) {
    const suggestion = suggestSlug(fileName);
    const example = suggestion === 'article' ? 'lowercase ASCII letters, digits and hyphens' : `e.g. ${suggestion}.md`;
    problems.push({
      line: 1,
      column: 1,
      field: 'slug',
      severity: 'error',
      message: `the file name “${fileName}” cannot be a URL: rename the file (${example}) or add a slug field`,
    });
  }
  const headProblems = problems.length;
  // Placeholder text of `npm run new` may not be published: checked whenever the article is known not to be a draft.
  const draft = fm?.draft ?? (split.ok ? schema.shape.draft.safeParse(split.value.data['draft']).data : undefined);
  if (split.ok && draft === false) problems.push(...findScaffoldText(split.value.data['summary'], part.body, split.value));

  const toFileLine = (line: number) => line + part.bodyLine - 1;
  const toFile = <T extends Partial<BodyReference>>(ref: T): T => ({
    ...ref,
    line: ref.line === undefined ? undefined : toFileLine(ref.line),
  });
  let rendered: ReturnType<typeof renderMarkdown> | undefined;
  try {
    rendered = renderMarkdown(part.body, id);
  } catch (error) {
    const problem = problemFromError(error);
    problems.push(problem.line === undefined ? problem : { ...problem, line: toFileLine(problem.line) });
  }
  const links = rendered ? rendered.links.map(toFile) : [];
  const images = (rendered?.images ?? []).map((image) => ({ ...image, ...toFile(image) }));
  for (const link of (rendered?.brokenFragments ?? []).map(toFile)) {
    problems.push({
      line: link.line,
      column: link.column,
      field: 'body',
      severity: 'error',
      message: `links to ${link.url}, but no heading or footnote of this article has that anchor; a heading’s anchor is its text in lowercase with hyphens, e.g. “## The figures” is #the-figures`,
    });
  }
  for (const image of images) {
    if (image.url === '') {
      problems.push({
        line: image.line,
        column: image.column,
        field: 'body',
        severity: 'error',
        message: 'an image has no usable src: only https:// addresses and site paths such as /media/photo.jpg are allowed',
      });
    } else if (image.alt === '' && image.layout !== 'poster') {
      // A poster is decorative: the link around it names the video.
      problems.push({
        line: image.line,
        column: image.column,
        field: 'body',
        severity: 'error',
        message: `the image ${image.url || '(no src)'} has no alt text: write ![what the image shows](${image.url}) or alt="…"`,
      });
    }
  }
  for (const problem of (rendered?.directiveProblems ?? []).map(toFile)) {
    problems.push({ line: problem.line, column: problem.column, field: 'body', severity: 'error', message: problem.message });
  }
  const embedAdvice: Problem[] = (rendered?.removedEmbeds ?? []).map(toFile).map((removed) => ({
    line: removed.line,
    column: removed.column,
    field: 'body',
    severity: 'warning' as const,
    message: removed.message,
  }));
  const localImages = images
    .filter((image) => image.url !== '' && classifyLink(image.url) !== 'external')
    .map(({ url, line, column, layout }) => ({ url, line, column, layout }));

  if (!fm || headProblems > 0 || !rendered) {
    const known = split.ok ? validFields(schema, split.value.data) : {};
    const slug = known.slug ?? (SLUG_PATTERN.test(fileName) ? fileName : undefined);
    const partial: PartialRecord = { id, filePath: file.path, links, images: localImages, ...known, ...(slug ? { slug } : {}) };
    return { ok: false, problems: [...problems, ...embedAdvice], partial };
  }
  // Body problems do not hold back the corpus checks: the article is returned with its errors.
  const authors = splitByline(fm.byline);
  return {
    ok: true,
    problems: [...problems, ...adviseOnStyle(fm, split.ok ? split.value.locate : () => ({ line: 1, column: 1 })), ...embedAdvice],
    article: {
      id,
      filePath: file.path,
      title: fm.title,
      section: fm.section,
      slug: fm.slug ?? fileName,
      byline: formatNames(authors),
      authors,
      agency: fm.agency,
      date: fm.date,
      updated: fm.updated,
      summary: fm.summary,
      image: fm.image,
      tags: fm.tags,
      corrections: [...fm.corrections].sort((a, b) => a.date.date.getTime() - b.date.date.getTime()),
      aliases: fm.aliases,
      draft: fm.draft,
      links,
      images: localImages,
      wordCount: countWords(part.body),
    },
    html: rendered.html,
  };
}

/** Headlines longer than this are cut off in search results and crowd rails. */
export const HEADLINE_ADVISED_LENGTH = 110;

/** Fields shown as plain text wherever they appear: markup in them is shown as written, tags and all. */
const PLAIN_TEXT_FIELDS: readonly {
  path: readonly (string | number)[];
  what: string;
  values: (fm: ArticleFrontmatter) => readonly string[];
}[] = [
  { path: ['title'], what: 'the headline', values: (fm) => [fm.title] },
  { path: ['summary'], what: 'the summary', values: (fm) => [fm.summary] },
  { path: ['byline'], what: 'the byline', values: (fm) => (typeof fm.byline === 'string' ? [fm.byline] : fm.byline) },
  { path: ['agency'], what: 'the agency', values: (fm) => (fm.agency ? [fm.agency] : []) },
  { path: ['image', 'alt'], what: 'the image’s alt text', values: (fm) => (fm.image ? [fm.image.alt] : []) },
  { path: ['image', 'caption'], what: 'the caption', values: (fm) => (fm.image?.caption ? [fm.image.caption] : []) },
  { path: ['image', 'credit'], what: 'the credit', values: (fm) => (fm.image?.credit ? [fm.image.credit] : []) },
  { path: ['tags'], what: 'a tag', values: (fm) => fm.tags },
];

/**
 * House-style advice that does not stop a build (warnings):
 * - a headline longer than `HEADLINE_ADVISED_LENGTH` characters;
 * - a summary that does not end with punctuation;
 * - HTML markup (`<b>`, `<br>`, a comment) in a plain-text field (`PLAIN_TEXT_FIELDS`): pages show
 *   it as written, feeds without the tags; a pasted `<b>` in a headline is a mistake.
 */
export function adviseOnStyle(fm: ArticleFrontmatter, locate: (path: readonly PropertyKey[]) => Position): Problem[] {
  const advice: Problem[] = [];
  if (fm.title.length > HEADLINE_ADVISED_LENGTH) {
    advice.push({
      ...locate(['title']),
      field: 'title',
      severity: 'warning',
      message: `the headline is ${fm.title.length} characters; over ${HEADLINE_ADVISED_LENGTH} it is cut off in search results and rails`,
    });
  }
  if (!/[.!?…"”’')]$/.test(fm.summary)) {
    advice.push({
      ...locate(['summary']),
      field: 'summary',
      severity: 'warning',
      message: 'the summary should end with punctuation, e.g. a full stop',
    });
  }
  for (const { path, what, values } of PLAIN_TEXT_FIELDS) {
    const found = values(fm)
      .map((value, index) => ({ index, markup: findMarkup(value) }))
      .find(({ markup }) => markup !== undefined);
    if (!found) continue;
    const at = path[0] === 'tags' || (path[0] === 'byline' && typeof fm.byline !== 'string') ? [...path, found.index] : path;
    advice.push({
      ...locate(at),
      field: at
        .map((segment) => (typeof segment === 'number' ? `[${segment}]` : segment))
        .join('.')
        .replace(/\.\[/g, '['),
      severity: 'warning',
      message: `${what} contains HTML markup (${found.markup}): it is plain text, shown as written, tags and all; remove the markup`,
    });
  }
  return advice;
}

/** A slug suggestion for a headline or file name: ASCII-folded, lowercase, hyphenated. */
export function suggestSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'article'
  );
}

/** A letter or digit of any script, tested where `lastIndex` stands. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;

/**
 * The words of a body, for reading time and feeds: runs that start with a letter or digit and go
 * on through letters, digits, apostrophes and hyphens (`don’t`, `COVID-19`), HTML tags counting
 * as spaces. The same count as the matches of `[\p{L}\p{N}][\p{L}\p{N}'’-]*` (flags `gu`) once every
 * `<…>` is replaced by a space, in one pass that makes no strings (matching made one per word).
 */
export function countWords(markdown: string): number {
  let words = 0;
  let inWord = false;
  // Whether a later `>` can still close a tag: once one `<` has none after it, no later `<` has.
  let tags = true;
  for (let i = 0; i < markdown.length; i++) {
    const code = markdown.charCodeAt(i);
    // 1: letter or digit; 2: joins a word it is inside (apostrophe, hyphen); 0: anything else.
    let kind: number;
    if (code < 0x80) {
      if (code === 0x3c && tags) {
        const close = markdown.indexOf('>', i + 1);
        if (close >= 0) {
          inWord = false;
          i = close;
          continue;
        }
        tags = false;
      }
      const lower = code | 0x20;
      kind = (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a) ? 1 : code === 0x27 || code === 0x2d ? 2 : 0;
    } else if (code === 0x2019) {
      kind = 2;
    } else {
      LETTER_OR_DIGIT.lastIndex = i;
      kind = LETTER_OR_DIGIT.test(markdown) ? 1 : 0;
      // A surrogate pair is one character.
      if (code >= 0xd800 && code <= 0xdbff && (markdown.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    }
    if (kind === 0) inWord = false;
    else if (kind === 1 && !inWord) {
      words++;
      inWord = true;
    }
  }
  return words;
}
