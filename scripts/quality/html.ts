import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { listDistFiles, urlPathOf } from './dist.ts';
import { gateSalt, PageMemo } from './memo.ts';

/**
 * The html-validate rule set every built page must pass.
 *
 * - `html-validate:recommended`: every rule of the HTML standard and the WCAG techniques it can
 *   check statically (content models, ids, ARIA use, landmarks with unique names, headings).
 * - `html-validate:document`: rules that apply to whole documents: a doctype, one `<h1>` and no
 *   skipped heading levels, `aria-labelledby` and `for` that point at existing ids.
 * - Two adjustments, each with its reason below; no other rule is changed.
 */
export const HTML_VALIDATE_CONFIG: ConfigData = {
  root: true,
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // Subresource Integrity guards files fetched from other origins. The site's stylesheet is its
    // own, content-hashed and served from the page's origin, so SRI is required for cross-origin
    // resources only.
    'require-sri': ['error', { target: 'crossorigin' }],
    // Page titles are the editors' headlines followed by the site name, and headlines often run past
    // 70 characters. Search engines shorten long titles in results themselves; cutting them in the
    // page would hide words from tabs, bookmarks and screen readers.
    'long-title': 'off',
  },
};

/** One rule broken by one built page. */
export interface HtmlProblem {
  /** URL path of the page. */
  page: string;
  line: number;
  column: number;
  /** The html-validate rule id (`unique-landmark`), or `document` for the outline checks. */
  rule: string;
  message: string;
}

/** The problems of one page, without the page: what `validateBuild` keeps of a page by its bytes. */
export type PageHtmlProblems = Omit<HtmlProblem, 'page'>[];

/** A memo of pages' problems for `validateBuild` (see `PageMemo`), kept in `file` when given. */
export function createHtmlMemo(file: string | undefined, options: OutlineOptions): PageMemo<PageHtmlProblems> {
  return new PageMemo(file, gateSalt(import.meta.url, [HTML_VALIDATE_CONFIG, options]));
}

/**
 * Validates every HTML file of a build with html-validate (`HTML_VALIDATE_CONFIG`) and the outline
 * checks of `outlineProblems`. Problems are sorted by page, then position.
 *
 * A page whose bytes `memo` has seen is not validated again: its problems are the memo's.
 */
export async function validateBuild(
  distDir: string,
  options: OutlineOptions,
  memo: PageMemo<PageHtmlProblems> = createHtmlMemo(undefined, options),
): Promise<HtmlProblem[]> {
  const validator = new HtmlValidate(new StaticConfigLoader(HTML_VALIDATE_CONFIG));
  const problems: HtmlProblem[] = [];
  for (const file of (await listDistFiles(distDir)).filter((f) => f.endsWith('.html'))) {
    const page = urlPathOf(file);
    const html = await readFile(join(distDir, file), 'utf8');
    const found = await memo.get(html, async () => {
      // The page is named alike for every page: its problems must follow from its bytes alone, as the memo keeps them.
      const report = await validator.validateString(html, 'page.html');
      const own = report.results.flatMap((result) =>
        result.messages.map((message) => ({ line: message.line, column: message.column, rule: message.ruleId, message: message.message })),
      );
      return [...own, ...outlineProblems(html, options).map((message) => ({ line: 1, column: 1, rule: 'document', message }))];
    });
    for (const problem of found) problems.push({ page, ...problem });
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return problems.sort((a, b) => compare(a.page, b.page) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule));
}

export interface OutlineOptions {
  /** The `lang` every page's `<html>` must carry (the site's locale). */
  lang: string;
}

/**
 * What a page's outline lacks for readers of assistive technology.
 *
 * - `<html lang>` is the site's language, so screen readers pronounce the page correctly.
 * - Exactly one `<h1>`: the page's own title.
 * - Exactly one `<main>`, and a masthead (`<header>`), navigation (`<nav>`) and footer
 *   (`<footer>`) outside it, so the page can be navigated by landmarks.
 */
export function outlineProblems(html: string, options: OutlineOptions): string[] {
  const tree = fromHtml(html);
  const problems: string[] = [];
  const count = (selector: string) => selectAll(selector, tree).length;
  const lang = selectAll('html', tree)[0]?.properties['lang'];
  if (lang !== options.lang)
    problems.push(`<html lang> must be “${options.lang}”, found ${lang === undefined ? 'none' : `“${String(lang)}”`}`);
  if (count('h1') !== 1) problems.push(`a page needs exactly one <h1>, found ${count('h1')}`);
  if (count('main') !== 1) problems.push(`a page needs exactly one <main> landmark, found ${count('main')}`);
  for (const [selector, name] of [
    ['body > header', 'masthead (<header> outside <main>)'],
    ['nav', 'navigation (<nav>)'],
    ['body > footer', 'footer (<footer> outside <main>)'],
  ] as const) {
    if (count(selector) === 0) problems.push(`a page needs a ${name} landmark`);
  }
  return problems;
}

/** One line per problem: `/national/:12:5  unique-landmark  message`. */
export function formatHtmlProblems(problems: readonly HtmlProblem[]): string {
  if (problems.length === 0) return 'Every page is valid HTML.';
  const lines = problems.map((p) => `  ${p.page}:${p.line}:${p.column}  ${p.rule}  ${p.message}`);
  return `${problems.length} HTML problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
