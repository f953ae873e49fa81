/**
 * The limits an article must stay within.
 *
 * Each one bounds what a single file can cost, so that no file, careless or hostile, can take the
 * run down with it: Markdown and HTML parsers slow down sharply on deeply nested input (a list
 * nested 1,000 levels deep takes minutes to parse) and overflow the stack a few thousand levels
 * down; a 10 MB body takes ~45 s and gigabytes of memory. News copy stays far inside all of them:
 * a 30,000-word long read is ~200 KB, and stories nest quotes and lists two or three levels deep.
 */
export const ARTICLE_LIMITS = {
  /** Bytes of an article file, front matter included (1 MiB; a 1 MB body renders in ~1.3 s). */
  fileBytes: 1024 * 1024,
  /** Quotes and lists inside each other, counted on one line (`> > - x`) or by indentation (two spaces a level). */
  blockNesting: 32,
  /** Elements inside each other in raw HTML (`<div><div>…`), not counting those whose end tag may be left out (`<p>`, `<li>`, `<td>`…). */
  htmlNesting: 64,
  /** Levels of the parsed Markdown tree: blocks, emphasis and links inside each other (a list level is two: the list and its item). */
  treeDepth: 100,
  /** Lines of a body (a 30,000-word long read has ~3,000; each line, even a blank one, costs the parser ~20 µs). */
  lines: 20_000,
  /** Headings underlined with `===` or `---` (setext): micromark's cost grows with their number times the body's size. */
  setextHeadings: 300,
  /**
   * Emphasis and link markers (`*`, `_`, `~`, `[`, `]`) in one paragraph, and in the whole body.
   * Unmatched ones are compared with each other (cmark's pathological cases, quadratic in a
   * paragraph), and each costs ~0.1 ms even when matched; a link-heavy long read has ~3,000.
   */
  inlineMarkersPerParagraph: 2_000,
  inlineMarkers: 20_000,
  /**
   * HTML comments, declarations and processing instructions opened (`<!`, `<?`) in one paragraph:
   * each unclosed one is scanned to the paragraph's end (8,000 took 10 s, 32,000 nearly 2 minutes).
   */
  htmlDeclarationsPerParagraph: 50,
  /** Seconds one file may take to process (on a busy machine; typical stories take milliseconds). */
  seconds: 20,
  /** Pixels of a lead image (100 megapixels: a 48-megapixel phone photo fits twice over). */
  imagePixels: 100_000_000,
} as const;

/** Where a limit was passed: the line (1-based, from the start of the text checked) and a message naming the limit. */
export interface LimitProblem {
  line: number;
  message: string;
}

/** The size problem of a file of `bytes` bytes, if it is over `ARTICLE_LIMITS.fileBytes`. */
export function checkFileSize(bytes: number): string | undefined {
  if (bytes <= ARTICLE_LIMITS.fileBytes) return undefined;
  return `the file is ${megabytes(bytes)}; an article file may be at most ${megabytes(ARTICLE_LIMITS.fileBytes)} (split a very long piece into parts, and keep data tables and images in files of their own)`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
}

/** A line that is a thematic break (`---`, `* * *`, `___`): its markers nest nothing. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** An opening code fence: three or more backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** HTML elements whose end tag may be left out, and void elements: they do not nest reliably, so they are not counted. */
const NOT_COUNTED = new Set(
  'p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rb rt rtc rp html head body area base br col embed hr img input link meta source track wbr'.split(
    ' ',
  ),
);
/** A quote or list marker and the spaces after it, where `lastIndex` stands. */
const MARKER = /(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/y;
/** A start or end tag; attributes are skipped up to the next `>` (linear: `[^<>]` cannot run past another tag). */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g;

/** A setext heading's underline (after a line of text): `===` or `---`. */
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** A line that starts a block of its own: a list item, a quote, an ATX heading, or a table row (GFM parses each cell alone). */
const BLOCK_START = /^[ \t]*(?:[-*+>#]|\d{1,9}[.)])|\|/;
/** Emphasis, strikethrough and link markers. */
const INLINE_MARKER = /[*_~[\]]/g;
/** The start of an HTML comment, declaration, CDATA section or processing instruction. */
const HTML_DECLARATION = /<[!?]/g;

/**
 * The first place where a Markdown body passes one of the `ARTICLE_LIMITS` that bound what the
 * parsers do, read from the text before it is parsed (their cost grows with nesting, and faster
 * than the size for some constructs, so it must be bounded first).
 *
 * - Lines: `lines` in the body.
 * - Block nesting of a line: its leading indentation (two columns a level, tabs four columns)
 *   plus the quote and list markers at its start (`> - > 1. x` is four levels). Fenced code and
 *   thematic breaks are not counted.
 * - HTML nesting: elements opened and not yet closed, through the whole body, except those in
 *   `NOT_COUNTED`; a closing tag closes the innermost open element of its name.
 * - Setext headings: underlines after a line of text, fenced code included.
 * - Inline markers (`*`, `_`, `~`, `[`, `]`), fenced code included, in the body and in each
 *   paragraph (lines up to a blank line, or up to a line that starts its own block); HTML
 *   comments and declarations opened (`<!`, `<?`) in each paragraph.
 */
export function checkBodyLimits(markdown: string): LimitProblem | undefined {
  const lines = markdown.split('\n');
  if (lines.length > ARTICLE_LIMITS.lines) {
    return {
      line: ARTICLE_LIMITS.lines + 1,
      message: `the body has ${lines.length.toLocaleString('en')} lines; an article may have at most ${ARTICLE_LIMITS.lines.toLocaleString('en')} (remove runs of empty lines, and split a very long piece into parts)`,
    };
  }
  let fence: string | undefined;
  const open: string[] = [];
  let setext = 0;
  let markers = 0;
  let paragraphMarkers = 0;
  let paragraphDeclarations = 0;
  let previousBlank = true;
  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    // Setext underlines and inline markers are counted on every line, fenced code included: a
    // fence inside a list or quote ends with its container, which this line-by-line reading
    // cannot see, so skipping "fenced" lines would let a stray fence hide the rest of the body.
    const blank = line.trim() === '';
    if (!previousBlank && SETEXT_UNDERLINE.test(line) && ++setext > ARTICLE_LIMITS.setextHeadings) {
      return {
        line: lineNumber,
        message: `the body has more than ${ARTICLE_LIMITS.setextHeadings} headings underlined with === or ---; an article may have at most ${ARTICLE_LIMITS.setextHeadings} (write “## Heading” instead, or put an empty line before a --- rule)`,
      };
    }
    previousBlank = blank;
    if (blank || BLOCK_START.test(line)) {
      paragraphMarkers = 0;
      paragraphDeclarations = 0;
    }
    paragraphDeclarations += line.match(HTML_DECLARATION)?.length ?? 0;
    if (paragraphDeclarations > ARTICLE_LIMITS.htmlDeclarationsPerParagraph) {
      return {
        line: lineNumber,
        message: `this paragraph opens more than ${ARTICLE_LIMITS.htmlDeclarationsPerParagraph} HTML comments or declarations (<!-- <! <?); a paragraph may open at most ${ARTICLE_LIMITS.htmlDeclarationsPerParagraph} (close each comment with -->, or remove them)`,
      };
    }
    const count = line.match(INLINE_MARKER)?.length ?? 0;
    markers += count;
    paragraphMarkers += count;
    if (paragraphMarkers > ARTICLE_LIMITS.inlineMarkersPerParagraph) {
      return {
        line: lineNumber,
        message: `this paragraph has more than ${ARTICLE_LIMITS.inlineMarkersPerParagraph.toLocaleString('en')} emphasis and link markers (* _ ~ [ ]); a paragraph may have at most ${ARTICLE_LIMITS.inlineMarkersPerParagraph.toLocaleString('en')} (split it into shorter paragraphs)`,
      };
    }
    if (markers > ARTICLE_LIMITS.inlineMarkers) {
      return {
        line: lineNumber,
        message: `the body has more than ${ARTICLE_LIMITS.inlineMarkers.toLocaleString('en')} emphasis and link markers (* _ ~ [ ]) by here; an article may have at most ${ARTICLE_LIMITS.inlineMarkers.toLocaleString('en')} (split a very long piece into parts)`,
      };
    }
    if (fence !== undefined) {
      if (line.trimStart().startsWith(fence) && line.trim().replaceAll(fence[0]!, '') === '') fence = undefined;
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      fence = opening[1];
      continue;
    }
    if (!THEMATIC_BREAK.test(line)) {
      const depth = blockDepth(line);
      if (depth > ARTICLE_LIMITS.blockNesting) {
        return {
          line: lineNumber,
          message: `quotes and lists are nested ${depth} levels deep here; an article may nest them at most ${ARTICLE_LIMITS.blockNesting} levels`,
        };
      }
    }
    if (!line.includes('<')) continue;
    for (const [, closing, name = '', selfClosing] of line.matchAll(TAG)) {
      const tag = name.toLowerCase();
      if (NOT_COUNTED.has(tag) || selfClosing) continue;
      if (closing) {
        const at = open.lastIndexOf(tag);
        if (at >= 0) open.length = at;
        continue;
      }
      open.push(tag);
      if (open.length > ARTICLE_LIMITS.htmlNesting) {
        return {
          line: lineNumber,
          message: `HTML elements are nested more than ${ARTICLE_LIMITS.htmlNesting} levels deep here (<${tag}> inside ${ARTICLE_LIMITS.htmlNesting} others); close the elements you open, or simplify the HTML`,
        };
      }
    }
  }
  return undefined;
}

/** The block nesting of one line: indentation levels plus the quote and list markers it starts with. */
function blockDepth(line: string): number {
  let columns = 0;
  let at = 0;
  for (; at < line.length; at++) {
    const char = line[at];
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  let depth = Math.floor(columns / 2);
  MARKER.lastIndex = at;
  while (depth <= ARTICLE_LIMITS.blockNesting && MARKER.test(line)) depth++;
  return depth;
}
