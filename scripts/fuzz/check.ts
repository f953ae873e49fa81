/**
 * The fuzz test's oracle: runs one document through the per-file pipeline as the build does
 * (`decodeSource`, then `processArticle`) and says what came out and what broke the pipeline's
 * contract, if anything.
 *
 * The contract checked, for every document:
 * - neither `decodeSource` nor `processArticle` throws;
 * - a refused file (`ok: false`) carries at least one error, and every problem is well formed
 *   (a non-empty message, a severity, positive integer positions or none);
 * - returned HTML is safe once a browser parses it: parsed with parse5 as the page parses it
 *   (inside a `<div>`), it has no element that runs or loads anything (`<script>`, `<iframe>`,
 *   `<svg>`…) and no element outside the HTML namespace, no event-handler, `style` or `srcdoc`
 *   attribute, and no URL attribute whose value starts with `javascript:`, `vbscript:` or `data:`
 *   once ASCII whitespace and control characters are removed (entities are decoded by the parser,
 *   nothing else is); ids are only the footnote ids the pipeline makes;
 * - the article record has the declared shape (`ArticleRecordSchema`), a slug fit for a URL, a
 *   configured section, valid dates and positions that are positive integers or undefined.
 *
 * Hangs and crashes cannot be seen from inside: the worker pool of `harness.ts` times them.
 */
import { defaultTreeAdapter, html as parse5Html, parseFragment, serializeOuter, type DefaultTreeAdapterTypes } from 'parse5';
import { processArticle, type ProcessResult } from '../../src/pipeline/article.ts';
import type { Problem } from '../../src/pipeline/problems.ts';
import { decodeSource } from '../../src/pipeline/read.ts';
import { SLUG_PATTERN, type ArticleSchema } from '../../src/pipeline/schema.ts';
import { ArticleRecordSchema } from '../../src/schemas/record.ts';

/**
 * One generated article file. `bytes` go through `decodeSource` like a file read from disk;
 * `text` is handed to `processArticle` as is (it may hold what no decoded file can, such as lone
 * surrogates).
 */
export type FuzzDocument = { name: string; bytes: Uint8Array } | { name: string; text: string };

/** What happened to a document, for the run's summary. */
export type Outcome =
  /** HTML was returned (body errors such as an image without alt text may come with it). */
  | 'rendered'
  /** Refused with problems in its front matter, fields or file name. */
  | 'problems'
  /** Refused by `decodeSource`: not UTF-8. */
  | 'unreadable'
  /** Refused at a limit of `ARTICLE_LIMITS`: size, nesting, tree depth, stack. */
  | 'limit'
  /** Refused because a stage threw and `processArticle` caught it (its generic "could not be processed" error). */
  | 'caught'
  /** `decodeSource` or `processArticle` threw: a finding. */
  | 'threw';

/** The oracle's verdict on one document. */
export interface DocumentReport {
  outcome: Outcome;
  /** Broken promises of the contract above, one sentence each; empty when the document passed. */
  findings: string[];
  /** The first error message, for `limit` and `caught` outcomes. */
  message?: string | undefined;
  /** Milliseconds spent in `decodeSource` and `processArticle`. */
  ms: number;
  /** The document's size in bytes (UTF-16 code units for `text` documents). */
  size: number;
}

/** The id a document is processed under: a file in the content folder's `2025/03/`. */
export function documentId(document: FuzzDocument): string {
  return `2025/03/${document.name.replace(/\.md$/, '')}`;
}

/** Runs one document through the pipeline and checks the contract; never throws. */
export function checkDocument(document: FuzzDocument, schema: ArticleSchema, sections: readonly string[]): DocumentReport {
  const started = performance.now();
  const id = documentId(document);
  const path = `content/${id}.md`;
  const size = 'bytes' in document ? document.bytes.length : document.text.length;
  let result: ProcessResult;
  let unreadable = false;
  try {
    if ('bytes' in document) {
      const read = decodeSource(path, document.bytes);
      if (read.ok) result = processArticle(read.file, id, schema);
      else {
        unreadable = !/at most/.test(read.problem.message);
        result = { ok: false, problems: [read.problem] };
      }
    } else {
      result = processArticle({ path, source: document.text, digest: 'fuzz' }, id, schema);
    }
  } catch (error) {
    const ms = performance.now() - started;
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { outcome: 'threw', findings: [`the pipeline threw: ${stack}`], ms, size };
  }
  const ms = performance.now() - started;
  const findings = [...checkProblems(result.problems)];
  if (!result.ok) {
    if (!result.problems.some((problem) => problem.severity === 'error')) findings.push('the file was refused without an error');
    const first = result.problems.find((problem) => problem.severity === 'error')?.message;
    return { outcome: unreadable ? 'unreadable' : classifyRefusal(first ?? ''), findings, message: first, ms, size };
  }
  if (typeof result.html !== 'string') findings.push(`html is ${typeof result.html}, not a string`);
  else findings.push(...findUnsafeHtml(result.html));
  findings.push(...checkArticle(result.article, sections));
  return { outcome: 'rendered', findings, ms, size };
}

/** Messages of `ARTICLE_LIMITS` problems: file size, nesting on the text, tree depth, stack overflow. */
const LIMIT_MESSAGE = /an article file may be at most|\bnested\b/;
/** The generic message of an exception that `processArticle` caught. */
const CAUGHT_MESSAGE = /^this file could not be processed/;

function classifyRefusal(message: string): Outcome {
  if (CAUGHT_MESSAGE.test(message)) return 'caught';
  if (LIMIT_MESSAGE.test(message)) return 'limit';
  return 'problems';
}

function checkProblems(problems: readonly Problem[]): string[] {
  const findings: string[] = [];
  if (!Array.isArray(problems)) return [`problems is ${typeof problems}, not a list`];
  for (const problem of problems) {
    const where = JSON.stringify(problem).slice(0, 200);
    if (typeof problem.message !== 'string' || problem.message.trim() === '') findings.push(`a problem has no message: ${where}`);
    if (problem.severity !== 'error' && problem.severity !== 'warning') findings.push(`a problem has no severity: ${where}`);
    for (const key of ['line', 'column'] as const) {
      const value = problem[key];
      if (value !== undefined && !(Number.isInteger(value) && value >= 1))
        findings.push(`a problem's ${key} is ${String(value)}: ${where}`);
    }
    if (problem.field !== undefined && typeof problem.field !== 'string') findings.push(`a problem's field is not text: ${where}`);
  }
  return findings;
}

/** Elements that run, load, submit, restyle or reinterpret content, or carry a document's own structure. */
const UNSAFE_ELEMENTS = new Set(
  (
    'script style iframe frame frameset object embed applet param base meta link form input button textarea select option ' +
    'optgroup datalist keygen isindex svg math template noscript noembed noframes xmp plaintext listing portal fencedframe ' +
    'title head body html audio video source track dialog slot image marquee bgsound'
  ).split(' '),
);

/** Attributes whose value is a URL the browser may follow or load. */
const URL_ATTRIBUTES = new Set(
  (
    'href src srcset cite action formaction poster data background lowsrc dynsrc longdesc ping manifest codebase archive ' +
    'icon usemap itemtype classid profile xlink:href xml:base'
  ).split(' '),
);

/** Attributes that are never safe from an author. */
const UNSAFE_ATTRIBUTES = new Set(['style', 'srcdoc', 'is', 'http-equiv']);

/** Schemes that run script or carry a whole document. */
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data):/i;

/**
 * Ids a body may carry: every one has the sanitizer's clobber prefix (headings' anchors, footnote
 * references, notes and the notes' heading, ids written in raw HTML), so none can name a page
 * global or an element of the page around the body.
 */
const PIPELINE_ID = /^user-content-/;

/**
 * The reasons `html` is unsafe, once parsed as the article page parses it (inside a `<div>`);
 * empty when it is safe. See the module's contract.
 */
export function findUnsafeHtml(html: string): string[] {
  const findings: string[] = [];
  const context = defaultTreeAdapter.createElement('div', parse5Html.NS.HTML, []);
  const fragment = parseFragment(context, html, {});
  // An explicit stack: the HTML may nest deeper than the call stack allows.
  const stack: DefaultTreeAdapterTypes.ParentNode[] = [fragment];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('content' in node && node.content) stack.push(node.content);
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      findings.push(...checkElement(child));
      stack.push(child);
    }
  }
  return findings;
}

function checkElement(element: DefaultTreeAdapterTypes.Element): string[] {
  const findings: string[] = [];
  const show = () => snippet(element);
  const name = element.tagName.toLowerCase();
  if (element.namespaceURI !== parse5Html.NS.HTML) findings.push(`a <${name}> element outside the HTML namespace: ${show()}`);
  if (UNSAFE_ELEMENTS.has(name)) findings.push(`a <${name}> element: ${show()}`);
  for (const attribute of element.attrs) {
    const attr = (attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name).toLowerCase();
    if (attr.startsWith('on')) findings.push(`an event-handler attribute ${attr}: ${show()}`);
    if (UNSAFE_ATTRIBUTES.has(attr)) findings.push(`a ${attr} attribute: ${show()}`);
    if (attr === 'id' || attr === 'name') {
      if (!PIPELINE_ID.test(attribute.value)) findings.push(`an author-chosen ${attr} (it can clobber page globals): ${show()}`);
    }
    if (URL_ATTRIBUTES.has(attr) || attr.endsWith(':href')) {
      const candidates = attr === 'srcset' ? attribute.value.split(',') : [attribute.value];
      for (const candidate of candidates) {
        // What browsers ignore in a URL's scheme: ASCII whitespace and controls (stripped, or removed inside).
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        const squeezed = candidate.replace(/[\u0000-\u0020\u007f]/g, '');
        if (SCRIPT_SCHEME.test(squeezed)) findings.push(`a ${attr} with a ${squeezed.split(':')[0]!.toLowerCase()}: URL: ${show()}`);
      }
    }
  }
  return findings;
}

function snippet(element: DefaultTreeAdapterTypes.Element): string {
  const outer = serializeOuter(element);
  return outer.length > 300 ? `${outer.slice(0, 300)}…` : outer;
}

/** Wrong types and values in the record the pages print and link from. */
export function checkArticle(article: unknown, sections: readonly string[]): string[] {
  const parsed = ArticleRecordSchema.safeParse(article);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `the record's ${issue.path.join('.') || 'value'} is wrong: ${issue.message}`);
  }
  const record = parsed.data;
  const findings: string[] = [];
  if (!SLUG_PATTERN.test(record.slug)) findings.push(`the slug “${record.slug}” cannot be a URL segment`);
  if (!sections.includes(record.section)) findings.push(`the section “${record.section}” is not configured`);
  const dates = [record.date, record.updated, ...record.corrections.map((correction) => correction.date)];
  for (const date of dates) if (date && !Number.isFinite(date.date.getTime())) findings.push('a date is invalid');
  for (const [list, refs] of [
    ['links', record.links],
    ['images', record.images],
  ] as const) {
    for (const ref of refs) {
      for (const key of ['line', 'column'] as const) {
        const value = ref[key];
        if (value !== undefined && value < 1) findings.push(`a ${list} entry's ${key} is ${value}: ${ref.url.slice(0, 100)}`);
      }
    }
  }
  for (const [field, value] of Object.entries({ title: record.title, summary: record.summary, byline: record.byline })) {
    if (value.trim() === '') findings.push(`the ${field} is empty`);
  }
  if (record.wordCount < 0) findings.push(`the word count is ${record.wordCount}`);
  return findings;
}
