/**
 * The fuzz test's documents: seeded fast-check arbitraries for whole article files, random and
 * adversarial, in proportions that make most of them reach the Markdown stage.
 *
 * - Front matter: the required fields (mostly valid, in every YAML quoting style, with hostile
 *   text inside), optional fields with odd values, and YAML tricks: anchors and aliases, merge
 *   keys, tags such as `!!js/function`, duplicate keys, tabs, `__proto__`, weird scalars, alias
 *   bombs, deep flow and block nesting, multi-documents, `---js` first lines, no closing `---`.
 * - Body: grammar-ish Markdown (headings, quotes, lists nested at random depths, emphasis,
 *   links, images, autolinks, tables, footnotes, code fences, HTML blocks and inline HTML) mixed
 *   with hostile HTML (event handlers in every casing and spacing, obfuscated `javascript:`,
 *   `data:` and `vbscript:` URLs, unclosed and misnested tags, comments, CDATA, SVG and MathML
 *   namespace tricks, `<template>`, `<noscript>`), entities and control characters, nesting up
 *   to and past `ARTICLE_LIMITS`, and huge tokens (known pathological inputs of Markdown and
 *   HTML parsers, long lines and words, runs of backticks).
 * - Bytes: a share of files is mutated after UTF-8 encoding (invalid sequences, BOMs, CR line
 *   ends, NULs, truncation) and goes through `decodeSource`; a few are handed to
 *   `processArticle` as text that no decoded file can hold (lone surrogates).
 *
 * Two mixes: `short` keeps documents mostly under ~50 KB and pathological tokens at 500 repeats
 * or fewer (the run inside `npm test`, which must stay fast); `long` makes most documents alike,
 * with up to 2,000 repeats, a few big ones with up to 40,000, and a few near the 1 MiB file limit
 * (`npm run fuzz`).
 * Everything random comes from fast-check, so a seed and a path give the same document again.
 */
import fc from 'fast-check';
import type { FuzzDocument } from './check.ts';

/** Which documents to make: `short` for `npm test`, `long` for `npm run fuzz`. */
export type Mix = 'short' | 'long';

/** How far a document's tokens and nesting go. */
interface Reach {
  /** Largest repeat count of a pathological token. */
  repeat: number;
  /** Largest nesting depth of structural nesting (quotes, lists, elements, emphasis). */
  depth: number;
}

interface MixSettings {
  /** The reach of most documents. */
  reach: Reach;
  /** The reach of big documents (up to a few hundred KB), and their weight out of ~200. */
  big?: { reach: Reach; weight: number };
  /** Weight, out of ~200, of documents near the 1 MiB file limit. */
  huge: number;
}

/**
 * The long mix is mostly documents like the short mix's, so that it tries many; big and huge ones
 * are rare, since each can take seconds (or the whole time limit, when it finds a slow path).
 */
const MIXES: Record<Mix, MixSettings> = {
  short: { reach: { repeat: 500, depth: 160 }, huge: 0 },
  long: { reach: { repeat: 2_000, depth: 200 }, big: { reach: { repeat: 40_000, depth: 800 }, weight: 3 }, huge: 1 },
};

/** The file limit of `ARTICLE_LIMITS.fileBytes`, as a target for the largest documents. */
const MIB = 1024 * 1024;

const join = (separator: string) => (parts: readonly string[]) => parts.join(separator);
const pick = <T>(...values: T[]) => fc.constantFrom(...values);

// ---------------------------------------------------------------------------------------------
// Characters, words, entities

const WORDS = pick(
  'The',
  'council',
  'met',
  'on',
  'Monday',
  'to',
  'discuss',
  'transit',
  'budget',
  'café',
  'naïve',
  'Straße',
  '東京',
  'مرحبا',
  'שלום',
  '👩🏽‍💻',
  'e\u0301',
  'ﬁ',
  'İ',
  'x',
  'snake_case_word',
  'C++',
  'AT&T',
  'foo*bar',
  'O’Brien',
  "don't",
  'COVID-19',
  '$5',
  '100%',
  '~approx',
  '2+2=4',
  '@handle',
  '#tag',
  'a|b',
  '1.',
  '-',
  '+',
  '>',
  '#',
  '=',
);

const ENTITIES = pick(
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#39;',
  '&nbsp;',
  '&#0;',
  '&#x0;',
  '&#1114112;',
  '&#x110000;',
  '&#xD800;',
  '&#55296;',
  '&#x1F600;',
  '&#X41;',
  '&#65',
  '&amp',
  '&NotAnEntity;',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '&Tab;',
  '&NewLine;',
  '&colon;',
  '&lpar;',
  '&rpar;',
  '&#x3C;img src=x onerror=alert(1)&#x3E;',
  '&#9999999999;',
  `&${'a'.repeat(40)};`,
  '&CounterClockwiseContourIntegral;',
  '&ThickSpace;',
  '&#x',
  '&#;',
  '&;',
);

const CONTROLS = pick(
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).filter((char) => char !== '\n'),
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udc00',
  '\u{10ffff}',
  '\u{e0001}',
  '\r\n',
);

/** Any text at all, code point by code point. */
const RANDOM_TEXT = fc.string({ unit: 'binary', maxLength: 40 });

const word = fc.oneof({ weight: 12, arbitrary: WORDS }, { weight: 1, arbitrary: ENTITIES }, { weight: 1, arbitrary: CONTROLS });
const words = fc.array(word, { minLength: 1, maxLength: 10 }).map(join(' '));

// ---------------------------------------------------------------------------------------------
// URLs

/** Scheme spellings; `build` obfuscates them character by character. */
const SCHEMES = pick('javascript', 'JaVaScRiPt', 'vbscript', 'data', 'DATA', 'livescript', 'mocha', 'http', 'https', 'mailto', 'tel');
const COLONS = pick(':', ':', ':', '&colon;', '&#58;', '&#x3a;', '&#x3A', '%3a', '\t:', '&#0000058');
const LEADS = pick('', '', '', ' ', '  ', '\t', '\n', '\u0001', '\u0000', '\u00a0', '\ufeff', '&#x20;', '&#9;', '&#10;', '%20', '\u000c');
const PAYLOADS = pick(
  'alert(1)',
  'alert`1`',
  '//%0aalert(1)',
  'text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'text/html,<script>alert(1)</script>',
  'image/svg+xml,<svg onload=alert(1)>',
  'msgbox(1)',
  '//example.com/a.jpg',
  '//evil.example/',
  'void(0)',
  'editor@example.com',
  '+1-604-555-0100',
);

/** One character of a scheme, written as `mode` says: plain, upper case, an entity, or with invisible characters after it. */
function obfuscate(char: string, mode: number): string {
  const code = char.charCodeAt(0);
  switch (mode) {
    case 7:
      return char.toUpperCase();
    case 8:
      return `&#${code};`;
    case 9:
      return `&#x${code.toString(16)};`;
    case 10:
      return `&#0000${code}`;
    case 11:
      return `${char}\t`;
    case 12:
      return `${char}&Tab;`;
    case 13:
      return `${char}&NewLine;`;
    case 14:
      return `${char}\u0000`;
    case 15:
      return `${char}\n`;
    default:
      return char;
  }
}

/** A URL that a sanitizer must refuse or may keep, in many disguises. */
const schemeUrl = fc
  .tuple(LEADS, SCHEMES, fc.array(fc.nat(25), { minLength: 12, maxLength: 12 }), COLONS, PAYLOADS)
  .map(([lead, scheme, modes, colon, payload]) => {
    const disguised = [...scheme].map((char, index) => obfuscate(char, modes[index % modes.length]!)).join('');
    return `${lead}${disguised}${colon}${payload}`;
  });

const PLAIN_URLS = pick(
  'https://example.com/',
  'https://example.com/a?b=1&c=2#d',
  'HTTPS://EXAMPLE.COM/',
  '//example.com/x',
  '/national/carney-in-paris/',
  '/media/photo.jpg',
  './photo.jpg',
  '../02/older-story.md',
  '../02/older-story.md#quote',
  '../../../../etc/passwd.md',
  'other.md',
  'x.MD?y#z',
  '#top',
  '#',
  '?q=1',
  '',
  ' ',
  'dateline-article:2025/03/x',
  '/\\evil.example',
  '\\\\evil.example\\share',
  'javascript%3Aalert(1)',
  '/javascript:alert(1)',
  '#javascript:alert(1)',
  'java/script:alert(1)',
  'mailto:editor@example.com',
  'tel:+16045550100',
  'ftp://example.com/',
  'file:///etc/passwd',
  'about:blank',
  'blob:https://example.com/x',
  'intent://x#Intent;end',
  'https://example.com/"onmouseover="alert(1)',
  "https://example.com/'><script>alert(1)</script>",
  'https://exa mple.com/',
  `https://example.com/${'a'.repeat(3000)}`,
);

const url = fc.oneof({ weight: 3, arbitrary: schemeUrl }, { weight: 2, arbitrary: PLAIN_URLS });

// ---------------------------------------------------------------------------------------------
// Hostile HTML

const TAG_NAMES = pick(
  'script',
  'SCRIPT',
  'ScRiPt',
  'img',
  'IMG',
  'a',
  'A',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'form',
  'input',
  'button',
  'style',
  'template',
  'noscript',
  'textarea',
  'title',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
  'details',
  'video',
  'audio',
  'source',
  'table',
  'select',
  'option',
  'marquee',
  'body',
  'html',
  'head',
  'image',
  'div',
  'p',
  'span',
  'b',
  'i',
  'em',
  'strong',
  'figure',
  'figcaption',
  'blockquote',
  'q',
  'del',
  'ins',
  'time',
  'abbr',
  'li',
  'ul',
  'ol',
  'td',
  'tr',
  'th',
  'caption',
  'rt',
  'rp',
  'ruby',
  'frameset',
  'frame',
  'isindex',
  'keygen',
  'annotation-xml',
  'foreignObject',
  'mglyph',
  'malignmark',
  'mtext',
  'mi',
  'desc',
  'use',
  'set',
  'animate',
  'dialog',
  'slot',
  'x-custom',
  'section',
  'h1',
  'h2',
  'pre',
  'code',
  'sup',
  'hr',
  'br',
);

const ATTRIBUTE_NAMES = pick(
  'onerror',
  'ONERROR',
  'OnLoad',
  'onclick',
  'onmouseover',
  'onfocus',
  'onbegin',
  'onanimationstart',
  'ontoggle',
  'on',
  'on-x',
  'href',
  'HREF',
  'src',
  'SRC',
  'srcset',
  'cite',
  'action',
  'formaction',
  'poster',
  'data',
  'background',
  'xlink:href',
  'xmlns:xlink',
  'xmlns',
  'lowsrc',
  'longdesc',
  'ping',
  'srcdoc',
  'style',
  'STYLE',
  'class',
  'id',
  'name',
  'is',
  'alt',
  'title',
  'width',
  'height',
  'datetime',
  'start',
  'colspan',
  'scope',
  'aria-describedby',
  'data-footnote-ref',
  'data-footnotes',
  'autofocus',
  'tabindex',
  'type',
  'rel',
  'target',
  'content',
  'http-equiv',
  'value',
  'open',
  'encoding',
  'definitionURL',
  'attributeName',
  'to',
  'values',
);

const ATTRIBUTE_VALUES = fc.oneof(
  { weight: 4, arbitrary: url },
  {
    weight: 2,
    arbitrary: pick('alert(1)', 'x', '', '1', 'text/html', 'javascript:alert(1)', 'refresh', 'href', '0;url=javascript:alert(1)'),
  },
  {
    weight: 1,
    arbitrary: pick('user-content-fn-1', 'user-content-fnref-1', 'footnote-label', 'sr-only', 'align-left', 'footnotes', 'language-js'),
  },
  {
    weight: 1,
    arbitrary: pick('background:url(javascript:alert(1))', 'position:fixed;inset:0', 'expression(alert(1))', '"><script>alert(1)</script>'),
  },
  { weight: 1, arbitrary: words },
);

/** How an attribute is written: separator before it, quotes around its value. */
const attribute = fc
  .tuple(
    pick(' ', ' ', ' ', '\t', '\n', '/', '\f', '\r', ' \u0000', ''),
    ATTRIBUTE_NAMES,
    pick('"', '"', "'", '', '`', 'none'),
    ATTRIBUTE_VALUES,
  )
  .map(([separator, name, quote, value]) => {
    if (quote === 'none') return `${separator}${name}`;
    return `${separator}${name}=${quote}${quote === '"' ? value.replaceAll('"', '&quot;') : value}${quote}`;
  });

/** Payloads from sanitizer bypasses and mutation XSS, as written. */
const FAMOUS = pick(
  '<img src=x onerror=alert(1)>',
  '<img/src/onerror=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg/onload=alert(1)>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mtext><table><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<math><annotation-xml encoding="text/html"><style><img src=x onerror=alert(1)></style></annotation-xml></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<textarea></textarea><script>alert(1)</script>',
  '<title><img src=x onerror=alert(1)></title>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href=javascript:alert(1)>x</a>',
  '<a href = "javascript:alert(1)">x</a>',
  '<a\nhref\n=\n"javascript:alert(1)"\n>x</a>',
  '<a href="x" <b>y</b>',
  '<a href="javascript:',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '<script src=//evil.example/x.js></script>',
  '<script>alert(1)</script',
  '<script>alert(1)//',
  '<!--<script>alert(1)</script>-->',
  '<!--> <img src=x onerror=alert(1)> -->',
  '<!-- --!> <img src=x onerror=alert(1)> -->',
  '<!--[if IE]><script>alert(1)</script><![endif]-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<?xml version="1.0"?><script>alert(1)</script>',
  '<!DOCTYPE html><script>alert(1)</script>',
  '<table><a href="javascript:alert(1)">x</a><tr><td>y</td></tr></table>',
  '<table><tr><td><svg><desc><script>alert(1)</script></desc></svg></td></tr></table>',
  '<select><template><script>alert(1)</script></template></select>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=import href=//evil.example>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<video poster="javascript:alert(1)"><source src=x onerror=alert(1)></video>',
  '<img srcset="data:image/svg+xml,<svg onload=alert(1)> 1x, javascript:alert(1) 2x">',
  '<img src="x" alt="" title="" width="1" height="1">',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate attributeName=href to=javascript:alert(1) /><a><text>x</text></a></svg>',
  '<math href="javascript:alert(1)">x</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<isindex action=javascript:alert(1) type=submit>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div id="__proto__" name="cookie">x</div>',
  '<img name="getElementById" src="/a.jpg" alt="x">',
  '<a id="user-content-fnref-1" href="#x">1</a>',
  '<section data-footnotes class="footnotes"><h2 id="footnote-label" class="sr-only">Notes</h2></section>',
  '<li id="user-content-fn-x onclick=alert(1)">x</li>',
  '<code class="language-js onmouseover=alert(1)">x</code>',
  '<time datetime="2025"><q cite="javascript:alert(1)">x</q></time>',
  '<blockquote cite="  JAVASCRIPT:alert(1)">x</blockquote>',
  '<del cite="vbscript:msgbox(1)">x</del>',
  '<ins cite="data:text/html,x">x</ins>',
  '<b><i></b></i>',
  '<p><div></p></div>',
  '<a><a><a>x</a></a></a>',
  '<table><td><table><td>',
  '</p></div></a></b>',
  '<ruby><rt><rp><rt></ruby>',
  '<plaintext><script>alert(1)</script>',
  '<image src=x onerror=alert(1)>',
  '<x-custom onclick=alert(1)>x</x-custom>',
  '<div is="x-evil">x</div>',
);

/** Raw HTML: elements with hostile attributes, nested, closed properly or not, and famous payloads. */
const { html: hostileHtml } = fc.letrec<{ html: string; element: string }>((tie) => ({
  html: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'html' },
    { weight: 3, arbitrary: words },
    { weight: 3, arbitrary: FAMOUS },
    { weight: 1, arbitrary: ENTITIES },
    { weight: 1, arbitrary: CONTROLS },
    { weight: 4, arbitrary: tie('element') },
  ),
  element: fc
    .tuple(
      TAG_NAMES,
      fc.array(attribute, { maxLength: 4 }),
      pick('>', '>', '>', '/>', ' />', '', '\n>', ' >'),
      fc.array(tie('html'), { maxLength: 4, depthIdentifier: 'html' }),
      pick('proper', 'proper', 'proper', 'none', 'other', 'spaced', 'newline', 'slash'),
    )
    .map(([name, attributes, end, children, closing]) => {
      const close = {
        proper: `</${name}>`,
        none: '',
        other: '</b>',
        spaced: `</${name} >`,
        newline: `</${name}\n>`,
        slash: `</ ${name}>`,
      }[closing];
      return `<${name}${attributes.join('')}${end}${children.join('')}${close}`;
    }),
}));

// ---------------------------------------------------------------------------------------------
// Markdown

/** Markdown inline content: text, emphasis, code, links, images, autolinks, inline HTML, footnote references. */
const { inlines } = fc.letrec<{ inline: string; inlines: string }>((tie) => ({
  inline: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'inline' },
    { weight: 10, arbitrary: words },
    { weight: 2, arbitrary: hostileHtml },
    { weight: 1, arbitrary: fc.tuple(pick('`', '``', '```', '` ', ' `'), words).map(([ticks, text]) => `${ticks}${text}${ticks}`) },
    { weight: 1, arbitrary: url.map((target) => `<${target}>`) },
    {
      weight: 1,
      arbitrary: pick(
        'https://example.com/a_b_(c)',
        'www.example.com',
        'editor@example.com',
        'http://a.b/c?d=e&f=g.',
        'www.javascript:alert(1)',
      ),
    },
    {
      weight: 1,
      arbitrary: pick('[^1]', '[^note]', '[^<script>]', '[^"onmouseover=alert(1)]', '[^ a]', '[^]', '[^1^2]', `[^${'x'.repeat(1000)}]`),
    },
    { weight: 1, arbitrary: pick('\\\n', '  \n', '\\*', '\\<', '\\[', '*', '**', '_', '__', '~~', '[', ']', '![', '](', '<', '>', '|') },
    {
      weight: 3,
      arbitrary: fc
        .tuple(pick('*', '**', '_', '__', '***', '~~', '~'), tie('inlines'), fc.boolean())
        .map(([marker, content, closed]) => `${marker}${content}${closed ? marker : ''}`),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          pick('', '!'),
          tie('inlines'),
          url,
          pick('', ' "title"', " 'it''s'", ' (t)', ' "a\nb"', ' "onmouseover=alert(1)"'),
          pick('()', '(<>)', '[]', '[ref]', ''),
        )
        .map(([bang, text, target, title, form]) => {
          if (form === '()') return `${bang}[${text}](${target}${title})`;
          if (form === '(<>)') return `${bang}[${text}](<${target}>${title})`;
          if (form === '[]') return `${bang}[${text}][]`;
          if (form === '[ref]') return `${bang}[${text}][ref]`;
          return `${bang}[${text}]`;
        }),
    },
  ),
  inlines: fc.array(tie('inline'), { maxLength: 8, depthIdentifier: 'inline' }).map(join(' ')),
}));

/** Lines of `content` prefixed by `prefix` (first line) and `indent` (the rest). */
function indentLines(content: string, prefix: string, indent: string): string {
  return content
    .split('\n')
    .map((line, index) => (index === 0 ? prefix : indent) + line)
    .join('\n');
}

/** Structures nested `depth` deep: quotes, lists, elements, emphasis, links; around and past the limits. */
function nestingArbitrary(settings: Reach) {
  const depth = fc.integer({ min: 1, max: settings.depth });
  const patterns: Record<string, (n: number) => string> = {
    quotesOneLine: (n) => `${'> '.repeat(n)}x`,
    quotesTight: (n) => `${'>'.repeat(n)}x`,
    quoteStairs: (n) => Array.from({ length: n }, (_, i) => `${'>'.repeat(i + 1)} level ${i}`).join('\n'),
    listIndented: (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
    listOrderedIndented: (n) => Array.from({ length: n }, (_, i) => `${'   '.repeat(i)}1. item ${i}`).join('\n'),
    listOneLine: (n) => `${'- '.repeat(n)}x`,
    listOrderedOneLine: (n) => `${'1. '.repeat(n)}x`,
    mixedOneLine: (n) => `${'> - '.repeat(n)}x`,
    listTabs: (n) => Array.from({ length: n }, (_, i) => `${'\t'.repeat(i)}- item ${i}`).join('\n'),
    divs: (n) => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`,
    divsUnclosed: (n) => `${'<div>'.repeat(n)}x`,
    divsSelfClosing: (n) => `${'<div/>'.repeat(n)}x`,
    divsSplitTags: (n) => `${'<div\n>'.repeat(n)}x`,
    divsLtInAttribute: (n) => `${'<div title="<">'.repeat(n)}x`,
    spans: (n) => `x ${'<span>'.repeat(n)}y${'</span>'.repeat(n)}`,
    formatting: (n) => `x ${'<b><i>'.repeat(n)}y`,
    misnested: (n) => `x ${'<b><i></b>'.repeat(n)}y`,
    misnestedAttributes: (n) => `x ${Array.from({ length: n }, (_, i) => `<i class=c${i}><b></i>`).join('')}y`,
    anchors: (n) => `${'<a href="/x">'.repeat(n)}x`,
    rubyText: (n) => `${'<rt>'.repeat(n)}x`,
    rubyParens: (n) => `${'<rp>'.repeat(n)}x`,
    listItemsHtml: (n) => `<ul>${'<li><ul>'.repeat(n)}x`,
    tablesHtml: (n) => `${'<table><tr><td>'.repeat(n)}x`,
    blockquotesHtml: (n) => `${'<blockquote>'.repeat(n)}x${'</blockquote>'.repeat(n)}`,
    emphasis: (n) => `${'*'.repeat(n)}x${'*'.repeat(n)}`,
    emphasisAlternating: (n) => `${'*_'.repeat(n)}x${'_*'.repeat(n)}`,
    strongNested: (n) => `${'**a '.repeat(n)}x${' a**'.repeat(n)}`,
    links: (n) => `${'['.repeat(n)}x${'](/a)'.repeat(n)}`,
    images: (n) => `${'!['.repeat(n)}x${'](/a.jpg)'.repeat(n)}`,
    linksInEmphasis: (n) => `${'*[_'.repeat(n)}x${'_](/a)*'.repeat(n)}`,
    footnoteQuotes: (n) => `x[^a]\n\n[^a]: ${'> '.repeat(n)}y`,
    listInQuoteStairs: (n) => Array.from({ length: n }, (_, i) => `${'> '.repeat(i)}- x`).join('\n'),
    fenceDecoy: (n) => `\`\`\`a\`\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n\`\`\``,
    fenceDecoyQuotes: (n) => `~~~\`\`\`\n${'> '.repeat(n)}x`,
  };
  return fc.tuple(pick(...Object.keys(patterns)), depth).map(([name, n]) => patterns[name]!(n));
}

/** Known pathological inputs of Markdown and HTML parsers (cmark's, GFM's, html5's), `n` times over. */
function pathologicalArbitrary(repeat: number) {
  const count = fc.integer({ min: 1, max: repeat });
  const patterns: Record<string, (n: number) => string> = {
    nestedStrongEmphasis: (n) => `${'*a **a '.repeat(n)}b${' a** a*'.repeat(n)}`,
    closersWithoutOpeners: (n) => 'a_ '.repeat(n),
    openersWithoutClosers: (n) => '_a '.repeat(n),
    linkClosersWithoutOpeners: (n) => 'a]'.repeat(n),
    linkOpenersWithoutClosers: (n) => '[a'.repeat(n),
    mismatchedOpenersClosers: (n) => '*a_ '.repeat(n),
    multiplesOfThree: (n) => `a**b${'c* '.repeat(n)}`,
    linkOpenersEmphasisClosers: (n) => '[ a_'.repeat(n),
    bracketParen: (n) => '[ (]('.repeat(n),
    hardLinkEmphasis: (n) => '**x [a*b**c*](d)'.repeat(n),
    nestedBrackets: (n) => `${'['.repeat(n)}a${']'.repeat(n)}`,
    backtickRuns: (n) => Array.from({ length: Math.floor(Math.sqrt(2 * n)) }, (_, i) => `e${'`'.repeat(i)}`).join(''),
    unclosedLinksAngle: (n) => '[a](<b'.repeat(n),
    unclosedLinksParen: (n) => '[a](b'.repeat(n),
    unclosedComments: (n) => `</${'<!--'.repeat(n)}`,
    unclosedCdata: (n) => '<![CDATA['.repeat(n),
    unclosedProcessing: (n) => '<?'.repeat(n),
    unclosedDeclarations: (n) => '<!A '.repeat(n),
    backticks: (n) => '`'.repeat(n),
    tildes: (n) => '~'.repeat(n),
    backslashes: (n) => '\\'.repeat(n),
    ampersands: (n) => '&'.repeat(n),
    entitiesLong: (n) => `&${'a'.repeat(n)};`,
    pipes: (n) => `${'|'.repeat(n)}\n${'|-'.repeat(n)}\n`,
    lessThans: (n) => '<'.repeat(n),
    underscores: (n) => '_ '.repeat(n),
    hashes: (n) => `${'#'.repeat(n)} x`,
    longWord: (n) => 'a'.repeat(n * 10),
    longLine: (n) => 'word '.repeat(n),
    manyLines: (n) => 'line\n'.repeat(n),
    blankLines: (n) => '\n'.repeat(n),
    spaces: (n) => `${' '.repeat(n)}x`,
    autolinkWww: (n) => `www.${'a.'.repeat(n)}`,
    autolinkEmail: (n) => `a@${'a.'.repeat(n)}b`,
    autolinkParens: (n) => `http://a.b/${'('.repeat(n)}${')'.repeat(n)}`,
    autolinkUnderscores: (n) => `https://a.b/${'_'.repeat(n)}`,
    autolinkDots: (n) => `www.a${'.'.repeat(n)}`,
    emailManyAts: (n) => 'a@'.repeat(n),
    referenceDefinitions: (n) =>
      Array.from({ length: n }, (_, i) => `[r${i}]: /u${i}`).join('\n') + `\n\n${'[x][r0] '.repeat(Math.min(n, 1_000))}`,
    referenceUses: (n) => `[r]: /u\n\n${'[x][r] '.repeat(n)}`,
    footnoteUses: (n) => `${'x[^1] '.repeat(n)}\n\n[^1]: note`,
    footnoteDefinitions: (n) =>
      `${Array.from({ length: n }, (_, i) => `x[^${i}]`).join(' ')}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: note ${i}`).join('\n')}`,
    tableWide: (n) => `${'| a '.repeat(n)}|\n${'| - '.repeat(n)}|\n| x |\n`,
    tableWideAndLong: (n) => {
      const side = Math.ceil(Math.sqrt(n * 4));
      return `${'|a'.repeat(side)}\n${'|-'.repeat(side)}\n${'x\n'.repeat(side)}`;
    },
    tableLong: (n) => `| a | b |\n|---|---|\n${'| x | y |\n'.repeat(n)}`,
    tableUnbalanced: (n) => `| a |\n| - |\n${Array.from({ length: Math.floor(Math.sqrt(n)) }, (_, i) => '| x '.repeat(i)).join('\n')}`,
    htmlAttributesMany: (n) => `<p ${'a=b '.repeat(n)}>x</p>`,
    htmlSelfClosingFormatting: (n) => `${'<b/>'.repeat(n)}x`,
    htmlParagraphs: (n) => `${'<p>'.repeat(n)}x`,
    htmlListItems: (n) => `<ul>${'<li>'.repeat(n)}x`,
    htmlOptions: (n) => `<select>${'<option>'.repeat(n)}x`,
    htmlAnchorsUnclosed: (n) => `${'<a>'.repeat(n)}x`,
    htmlNoahsArk: (n) => `${Array.from({ length: n }, (_, i) => `<b class=b${i}>`).join('')}x`,
    htmlTableCells: (n) => `<table>${'<td>'.repeat(n)}x`,
    htmlEndTagsOnly: (n) => '</div>'.repeat(n),
    htmlComments: (n) => '<!-- x -->'.repeat(n),
    htmlAttributeLong: (n) => `<a href="${'a'.repeat(n * 10)}">x</a>`,
    nulls: (n) => '\u0000'.repeat(n),
    crs: (n) => 'a\r'.repeat(n),
    combining: (n) => `e${'\u0301'.repeat(n)}`,
    emojiZwj: (n) => '👩‍'.repeat(n),
    rtlOverrides: (n) => '\u202e\u2066'.repeat(n),
    thematicBreaks: (n) => '***\n'.repeat(n),
    setextHeadings: (n) => 'x\n=\n'.repeat(n),
    fencesUnclosed: (n) => '```\n'.repeat(n),
    codeIndented: (n) => '    code\n'.repeat(n),
    definitionLikeLines: (n) => '[a]:\n'.repeat(n),
  };
  return fc.tuple(pick(...Object.keys(patterns)), count).map(([name, n]) => patterns[name]!(n));
}

/** Markdown blocks, nested in quotes and lists, with hostile HTML blocks and the nesting and pathological patterns. */
function blocksArbitrary(settings: Reach) {
  const nesting = nestingArbitrary(settings);
  const pathological = pathologicalArbitrary(settings.repeat);
  const leaf = fc.oneof(
    { weight: 12, arbitrary: inlines },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), inlines).map(([level, text]) => `${'#'.repeat(level)} ${text}`) },
    { weight: 1, arbitrary: fc.tuple(inlines, pick('===', '---', '=', '-')).map(([text, line]) => `${text}\n${line}`) },
    { weight: 1, arbitrary: pick('---', '***', '___', '- - -', '* * *') },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          pick('```', '~~~', '````', '```js', '``` js onload=alert(1)', '```"><script>', '```a`b', '~~~ ~'),
          words,
          hostileHtml,
          fc.boolean(),
        )
        .map(([fence, text, html, closed]) => `${fence}\n${text}\n${html}\n${closed ? fence.slice(0, fence.search(/[^`~]|$/)) : ''}`),
    },
    { weight: 1, arbitrary: hostileHtml.map((html) => `    ${html.replaceAll('\n', '\n    ')}`) },
    { weight: 5, arbitrary: hostileHtml },
    { weight: 2, arbitrary: fc.tuple(hostileHtml, hostileHtml).map(([open, inner]) => `<div>\n\n${open}\n\n</div>${inner}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.array(inlines, { minLength: 1, maxLength: 5 }),
          pick('---', ':--', '--:', ':-:', '-'),
          fc.array(fc.array(inlines, { maxLength: 6 }), { maxLength: 5 }),
        )
        .map(([head, align, rows]) =>
          [`| ${head.join(' | ')} |`, `|${` ${align} |`.repeat(head.length)}`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n'),
        ),
    },
    { weight: 1, arbitrary: fc.tuple(pick('1', 'note', 'a b', '<x>', '^'), inlines).map(([label, text]) => `[^${label}]: ${text}`) },
    { weight: 1, arbitrary: fc.tuple(pick('ref', 'REF', 'r e f', '<>'), url).map(([label, target]) => `[${label}]: ${target} "t"`) },
    { weight: 2, arbitrary: nesting },
    { weight: 2, arbitrary: pathological },
  );
  return fc.letrec<{ block: string; blocks: string }>((tie) => ({
    block: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'block' },
      { weight: 8, arbitrary: leaf },
      {
        weight: 2,
        arbitrary: fc
          .tuple(pick('> ', '>', '> > ', ' > '), tie('blocks'), fc.boolean())
          .map(([marker, content, lazy]) => indentLines(content, marker, lazy ? '' : marker)),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            pick('- ', '* ', '+ ', '1. ', '2) ', '10. ', '-\t', '- [ ] ', '- [x] '),
            fc.array(tie('blocks'), { minLength: 1, maxLength: 4 }),
            fc.integer({ min: 0, max: 5 }),
          )
          .map(([marker, items, indent]) =>
            items.map((item) => indentLines(item, marker, ' '.repeat(indent === 0 ? marker.length : indent))).join('\n'),
          ),
      },
    ),
    blocks: fc
      .array(fc.tuple(tie('block'), pick('\n\n', '\n\n', '\n', '\n\n\n')), { maxLength: 6, depthIdentifier: 'block' })
      .map((parts) => parts.map(([block, separator]) => block + separator).join('')),
  })).blocks;
}

// ---------------------------------------------------------------------------------------------
// Front matter

const SECTIONS = pick('national', 'world', 'business', 'community', 'health', 'sports');
const DATES = pick(
  '2025-03-17T12:40',
  '2025-03-17',
  '2025-03-17T12:40:00Z',
  '2025-03-17T12:40-07:00',
  '2025-03-17T12:40:00.123456789+14:00',
  '2025-02-30',
  '2026-03-08T02:30',
  '2025-11-02T01:30',
  '0000-01-01',
  '9999-12-31T23:59',
  '+275760-09-13',
  '-000001-01-01',
  '2025-03-17T24:00',
  '2025-13-01',
  '1970-01-01T00:00Z',
  '2025-03-17T12:40:60',
  '2025-W12-1',
  '20250317',
  '2025-3-7',
  '2025-03-17T12:40+25:00',
  '２０２５-03-17',
  '2025-03-17 12:40',
  '2025-03-17t12:40z',
  '12:40',
  '2025',
  'yesterday',
  '9'.repeat(400),
);

/** Dates, valid nine times in ten. */
const VALID_DATES = fc.oneof(
  { weight: 9, arbitrary: pick('2025-03-17T12:40', '2025-03-17', '2025-03-17T12:40:00Z', '2025-03-17T12:40-07:00') },
  { weight: 1, arbitrary: DATES },
);

const hostileText = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 2, arbitrary: inlines },
  { weight: 1, arbitrary: RANDOM_TEXT },
  {
    weight: 2,
    arbitrary: pick(
      '</title><script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'; alert(1); '",
      '</script><script>alert(1)</script>',
      '{{7*7}} ${7*7} <%= 7*7 %>',
      ']]><script>alert(1)</script>',
      '\u2028\u2029',
      '\u202eevil',
      ' ',
      '',
      'x'.repeat(500),
      'By ',
      'and',
      ' and ',
      'A and and B',
      ',',
      '&',
      'Jane Doe and John Smith',
      'By A, B and C',
      'A & B',
      'javascript:alert(1)',
      'Ends without punctuation',
      'Ends with a full stop.',
    ),
  },
);

/**
 * A YAML scalar holding `value`, written in one of YAML's styles (plain on purpose also where the
 * value needs quotes). `indent` is the indentation of a block scalar's lines; in a flow
 * collection (`flow`) only quoted styles are used.
 */
const scalar = (value: fc.Arbitrary<string>, { indent = '  ', flow = false } = {}) =>
  fc
    .tuple(
      value,
      flow
        ? pick('double', 'double', 'single')
        : pick(
            'double',
            'double',
            'double',
            'double',
            'double',
            'double',
            'single',
            'single',
            'plain',
            'literal',
            'folded',
            'tagged',
            'anchored',
          ),
    )
    .map(([text, style]) => {
      switch (style) {
        case 'single':
          return `'${text.replaceAll("'", "''")}'`;
        case 'plain':
          return text;
        case 'literal':
          return `|\n${indent}${text.replaceAll('\n', `\n${indent}`)}`;
        case 'folded':
          return `>-\n${indent}${text.replaceAll('\n', `\n${indent}`)}`;
        case 'tagged':
          return `!!str ${JSON.stringify(text)}`;
        case 'anchored':
          return `&anchor ${JSON.stringify(text)}`;
        default:
          return JSON.stringify(text);
      }
    });

/** A YAML list, in flow (`[a, b]`) or block style. */
const list = (item: (options: { indent: string; flow: boolean }) => fc.Arbitrary<string>) =>
  fc.oneof(
    fc.array(item({ indent: '', flow: true }), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(item({ indent: '    ', flow: false }), { minLength: 1, maxLength: 4 })
      .map((items) => items.map((value) => `\n  - ${value}`).join('')),
  );

/** Absent four times in five. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const IMAGE_SOURCES = pick(
  '/media/a.jpg',
  './a.png',
  'javascript:alert(1)',
  'https://example.com/y.jpg',
  '../../etc/passwd',
  '/media/../../x.jpg',
  'data:image/png;base64,AAAA',
  '//evil.example/x.jpg',
  '/media/a b.jpg',
  '/media/%2e%2e/x.jpg',
  '/media/a.jpg?x=1#y',
  'C:\\x.jpg',
  '',
);
const ALIASES = pick(
  '/national/old-slug/',
  '/x',
  '//evil.example/',
  'javascript:alert(1)',
  '/../',
  '/national/rss.xml/',
  '/a/b/c/',
  '/ü/',
  '/a?b',
  '/a#b',
  '/a b/',
  '/_headers',
  '/*',
  '/:splat',
  '/a/ 301',
  'relative/',
);
const SLUGS = pick('ok-slug', 'Bad', '..', 'a/b', '-x', 'x-', '', 'a--b', '__proto__', 'con', 'é', `${'a'.repeat(300)}`);

/** Text that the schema accepts: not empty once trimmed. */
const fieldText = hostileText.map((text) => (text.trim() === '' ? `${text}Text` : text));

/** Optional `key: value` entries of the front matter, each key at most once; `clean` ones are valid. */
const optionalFields = (clean: boolean) =>
  fc
    .record(
      {
        agency: sometimes(scalar(clean ? fieldText : hostileText, clean ? { flow: true } : {}).map((value) => `agency: ${value}`)),
        updated: sometimes((clean ? pick('2025-03-18T09:15', '2025-03-18') : VALID_DATES).map((date) => `updated: ${date}`)),
        image: sometimes(
          fc
            .tuple(
              clean ? pick('/media/a.jpg', './a.png', '/media/sub/b.webp') : scalar(IMAGE_SOURCES, { indent: '    ' }),
              scalar(clean ? fieldText : hostileText, { indent: '    ', flow: clean }),
              scalar(clean ? fieldText : hostileText, { indent: '    ', flow: clean }),
              scalar(clean ? fieldText : hostileText, { indent: '    ', flow: clean }),
              fc.boolean(),
              fc.boolean(),
            )
            .map(([src, alt, caption, credit, withCaption, withCredit]) =>
              [
                `image:\n  src: ${src}\n  alt: ${alt}`,
                withCaption ? `\n  caption: ${caption}` : '',
                withCredit ? `\n  credit: ${credit}` : '',
              ].join(''),
            ),
        ),
        tags: sometimes(
          list((options) => scalar(clean ? fieldText : hostileText, clean ? { ...options, flow: true } : options)).map(
            (tags) => `tags: ${tags}`,
          ),
        ),
        slug: sometimes((clean ? pick('ok-slug', 'a1', '2025-budget') : SLUGS).map((slug) => `slug: ${JSON.stringify(slug)}`)),
        corrections: sometimes(
          fc
            .array(
              fc.tuple(
                clean ? pick('2025-03-18T09:15', '2025-03-19') : VALID_DATES,
                scalar(clean ? fieldText : hostileText, { indent: '      ', flow: clean }),
              ),
              {
                minLength: 1,
                maxLength: 3,
              },
            )
            .map((entries) => `corrections:${entries.map(([date, text]) => `\n  - date: ${date}\n    text: ${text}`).join('')}`),
        ),
        aliases: sometimes(
          list((options) => (clean ? pick('/national/old-slug/', '"/world/2024/older/"') : scalar(ALIASES, options))).map(
            (aliases) => `aliases: ${aliases}`,
          ),
        ),
        draft: sometimes(
          (clean ? pick('true', 'false') : pick('true', 'false', 'yes', '"true"', '1', '~', 'off')).map((draft) => `draft: ${draft}`),
        ),
      },
      { requiredKeys: [] },
    )
    .map((fields) => Object.values(fields).filter((field) => field !== undefined));

/** Entries that try YAML's corners: tags, anchors, merge keys, duplicates, odd scalars, bombs, deep nesting. */
function yamlTrickArbitrary(settings: Reach) {
  const deep = fc.integer({ min: 1, max: settings.repeat });
  return fc.oneof(
    pick(
      "title: !!js/function \"function(){ require('fs').writeFileSync('/tmp/dateline-fuzz-js', 'x') }\"",
      'title: !!js/undefined ""',
      'title: !!js/regexp /x/g',
      "title: !!python/object/apply:os.system ['touch /tmp/dateline-fuzz-py']",
      'title: !!binary aGVsbG8=',
      'tags: !!set {a, b}',
      'tags: !!omap [a: 1, b: 2]',
      'date: !!timestamp 2025-03-17',
      'title: !!float 1',
      'title: !!int "12"',
      'title: !<tag:yaml.org,2002:str> x',
      'title: !custom x',
      'title: !!map {a: b}',
      'title: !!seq [a]',
      'base: &base {title: x, section: national}\n<<: *base',
      '<<: {title: merged}',
      'title: duplicate',
      '\ttitle: tabbed',
      'title:\ttabbed value',
      'tags:\n\t- tabbed',
      '__proto__: {polluted: true}',
      '"__proto__": {isAdmin: true}',
      '? __proto__\n: {x: 1}',
      'constructor: {prototype: {polluted: true}}',
      'toString: x',
      'hasOwnProperty: x',
      'title: .nan',
      'title: .inf',
      'title: -.inf',
      'title: 0x1F',
      'title: 0o17',
      'title: 0b101',
      'title: ~',
      'title: null',
      'title: Null',
      'title: yes',
      'title: 1e309',
      'title: 99999999999999999999999',
      'title: 12:30:00',
      'title: 1_000',
      "title: '",
      'title: "unterminated',
      'title: @reserved',
      'title: `backtick',
      'title: %percent',
      'title: &only-anchor',
      'title: *undefined-alias',
      'title: !',
      'title: |',
      'title: >',
      'title: -',
      'title: ?',
      'title: :',
      'title: {',
      'title: [',
      'title: x # comment',
      'title: x#not-comment',
      '...',
      '--- second document',
      '%YAML 1.1',
      '%TAG ! tag:example.com,2000:',
      '? [a, b]\n: value',
      '[a]: b',
      '{a: b}: c',
      'image.src: /media/a.jpg',
      `${'k'.repeat(1100)}: long key`,
      'title: "\\u0000\\x00\\0"',
      'title: "\\ud800"',
      'title: "\\U0010FFFF"',
      '- a list item at the top',
      'just a scalar',
      '{title: flow, section: national}',
      'summary: *anchor',
      'title: &a x\ntitle2: *a',
      'date: 2025-03-17T12:40:00',
      'draft: !!bool yes',
      'byline: [Jane Doe, ~, "", 1, [nested]]',
      'byline: {name: Jane}',
      'tags: [[a], {b: c}, ~, 1, true]',
    ),
    fc.integer({ min: 2, max: 9 }).map((width) => {
      const level = (i: number) => `l${i}: &l${i} [${Array.from({ length: width }, () => (i === 0 ? '"lol"' : `*l${i - 1}`)).join(', ')}]`;
      return Array.from({ length: 10 }, (_, i) => level(i)).join('\n');
    }),
    deep.map((n) => `tags: ${'['.repeat(n)}${']'.repeat(n)}`),
    deep.map((n) => `tags: ${'{a: '.repeat(n)}b${'}'.repeat(n)}`),
    deep.map((n) => `title: "${'\\'.repeat(2 * n)}"`),
    deep.map((n) => `title: ${'x '.repeat(n)}`),
    deep.map((n) => `title: ${'&a '.repeat(Math.min(n, 50))}x`),
    deep.map((n) => `tags:${'\n  - ~'.repeat(n)}`),
    fc
      .integer({ min: 1, max: Math.min(settings.depth * 2, 600) })
      .map((n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')),
    fc
      .integer({ min: 1, max: Math.min(settings.depth * 2, 600) })
      .map((n) => `tags:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- `).join('\n')}x`),
  );
}

/**
 * A front-matter block. Seven in ten are `clean`: valid fields (hostile text inside, quoted) between
 * two lines of `---`, so that the body gets rendered. The others are wild: values of any type and
 * style, missing fields, YAML tricks, and odd opening and closing lines.
 */
function frontMatterArbitrary(settings: Reach) {
  const requiredText = (clean: boolean) =>
    clean
      ? scalar(fieldText, { flow: true })
      : fc.oneof({ weight: 10, arbitrary: scalar(hostileText) }, { weight: 1, arbitrary: pick('', '42', 'true', '[a]', '{}', '~') });
  const required = (clean: boolean) =>
    fc.tuple(
      requiredText(clean),
      clean
        ? SECTIONS
        : fc.oneof(
            { weight: 10, arbitrary: SECTIONS },
            { weight: 1, arbitrary: pick('National', 'opinion', '', '[national]', '__proto__') },
          ),
      clean
        ? fc.oneof(scalar(fieldText, { flow: true }), pick('[Jane Doe, John Smith]', 'By Jane Doe and John Smith', 'Darpan News Desk'))
        : fc.oneof(
            { weight: 6, arbitrary: scalar(hostileText) },
            { weight: 3, arbitrary: list((options) => scalar(hostileText, options)) },
            { weight: 1, arbitrary: pick('', '[]', '42') },
          ),
      clean ? pick('2025-03-17T12:40', '2025-03-17', '2025-03-17T12:40:00Z', '2025-03-17T12:40-07:00') : VALID_DATES,
      requiredText(clean),
    );
  const fields = (clean: boolean) =>
    fc
      .tuple(
        required(clean),
        optionalFields(clean),
        clean ? fc.constant([] as string[]) : fc.uniqueArray(yamlTrickArbitrary(settings), { maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 20 }),
      )
      .map(([[title, section, byline, date, summary], optional, tricks, positions, drop]) => {
        const entries = [
          `title: ${title}`,
          `section: ${section}`,
          `byline: ${byline}`,
          `date: ${date}`,
          `summary: ${summary}`,
          ...optional,
        ];
        // Now and then a wild front matter misses a required field.
        if (!clean && drop < 5) entries.splice(drop, 1);
        for (const [index, trick] of tricks.entries()) entries.splice(positions[index]! % (entries.length + 1), 0, trick);
        return entries.join('\n');
      });
  const clean = fields(true).map((entries) => `---\n${entries}\n---`);
  const opening = fc.oneof(
    { weight: 10, arbitrary: fc.constant('---') },
    {
      weight: 1,
      arbitrary: pick(
        '---js',
        '---javascript',
        '---JS',
        '--- js',
        '---coffee',
        '---yaml',
        '--- ',
        '----',
        '+++',
        '',
        '\n---',
        ' ---',
        '\ufeff---',
        '---\u0000',
      ),
    },
  );
  const closing = fc.oneof(
    { weight: 10, arbitrary: fc.constant('---') },
    { weight: 1, arbitrary: pick('', '...', '--- ', '---x', '----', '---\t', '-- -') },
  );
  const wild = fc.tuple(opening, fields(false), closing).map(([open, entries, close]) => `${open}\n${entries}\n${close}`);
  return fc.oneof({ weight: 7, arbitrary: clean }, { weight: 3, arbitrary: wild });
}

// ---------------------------------------------------------------------------------------------
// Whole documents

const NAMES = fc.oneof(
  { weight: 10, arbitrary: pick('story', 'carney-in-paris', 'a', '2025') },
  {
    weight: 1,
    arbitrary: pick(
      'Story With Spaces',
      'café',
      '..',
      '.',
      '-lead',
      'a--b',
      '%2e%2e',
      '\u202eevil',
      '__proto__',
      'constructor',
      `${'x'.repeat(300)}`,
      'a/b',
    ),
  },
);

/** Invalid or surprising bytes to put into a UTF-8 file. */
const BYTE_NOISE = pick(
  [0x80],
  [0xff],
  [0xfe],
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0xef, 0xbb, 0xbf],
  [0xfe, 0xff],
  [0x00],
  [0x0d],
  [0x0d, 0x0a],
  [0x0d, 0x0d, 0x0a],
  [0xe2, 0x80, 0xa8],
  [0xc2, 0x85],
);

/** `bytes` with noise inserted, bytes replaced, or cut short; each edit at a random position. */
const byteEdits = fc.array(fc.tuple(pick('insert', 'insert', 'replace', 'truncate', 'prefix'), fc.nat(), BYTE_NOISE, fc.nat(255)), {
  minLength: 1,
  maxLength: 5,
});

function applyByteEdits(bytes: Uint8Array, edits: readonly (readonly [string, number, number[], number])[]): Uint8Array {
  let result = Array.from(bytes);
  for (const [kind, position, noise, value] of edits) {
    const at = position % (result.length + 1);
    if (kind === 'insert') result.splice(at, 0, ...noise);
    else if (kind === 'replace' && at < result.length) result[at] = value;
    else if (kind === 'truncate' && edits.length > 1) result = result.slice(0, at);
    else if (kind === 'prefix') result.unshift(...noise);
  }
  return Uint8Array.from(result);
}

/** Text repeated up to about `bytes` UTF-8 bytes. */
function fill(unit: string, bytes: number): string {
  const size = Buffer.byteLength(unit) || 1;
  return unit.repeat(Math.max(1, Math.floor(bytes / size)));
}

/** Files with front matter and a body of the given reach, some with CRLF, CR or a BOM, some with their bytes mutated. */
function filesArbitrary(reach: Reach) {
  const source = fc
    .tuple(frontMatterArbitrary(reach), pick('\n', '\n\n', '', '\n\n\n'), blocksArbitrary(reach), pick('', '\n', '\r\n'))
    .map(([fm, gap, text, end]) => `${fm}\n${gap}${text}${end}`);
  const encoder = new TextEncoder();
  const text = fc.tuple(NAMES, source, pick('lf', 'lf', 'lf', 'crlf', 'cr', 'bom')).map(([name, value, ends]): FuzzDocument => {
    const withEnds =
      ends === 'crlf'
        ? value.replaceAll('\n', '\r\n')
        : ends === 'cr'
          ? value.replaceAll('\n', '\r')
          : ends === 'bom'
            ? `\ufeff${value}`
            : value;
    return { name, bytes: encoder.encode(withEnds) };
  });
  const mutated = fc
    .tuple(NAMES, source, byteEdits)
    .map(([name, value, edits]): FuzzDocument => ({ name, bytes: applyByteEdits(encoder.encode(value), edits) }));
  const direct = fc
    .tuple(
      NAMES,
      source,
      fc.array(fc.tuple(fc.nat(), pick('\ud800', '\udfff', '\ud83d', '\ufeff', '\r', '\u0000')), { minLength: 1, maxLength: 4 }),
    )
    .map(([name, value, inserts]): FuzzDocument => {
      let result = value;
      for (const [position, char] of inserts) {
        const at = position % (result.length + 1);
        result = result.slice(0, at) + char + result.slice(at);
      }
      return { name, text: result };
    });
  return fc.oneof({ weight: 20, arbitrary: text }, { weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: direct });
}

/** Files just under or just over the 1 MiB limit: a body of blocks, or one pathological token, repeated. */
function hugeFilesArbitrary(reach: Reach) {
  const encoder = new TextEncoder();
  return fc
    .tuple(
      NAMES,
      frontMatterArbitrary(reach),
      blocksArbitrary(reach),
      pathologicalArbitrary(reach.repeat),
      fc.integer({ min: MIB - 64 * 1024, max: MIB + 16 * 1024 }),
      fc.boolean(),
    )
    .map(([name, fm, blocks, token, target, pathological]): FuzzDocument => {
      const unit = pathological ? token : `${blocks}\n\n`;
      return { name, bytes: encoder.encode(`${fm}\n\n${fill(unit, target - fm.length - 2)}`.slice(0, target)) };
    });
}

/**
 * Whole article files for the fuzz test, in the given mix (see the module's description).
 */
export function createDocumentArbitrary(mix: Mix): fc.Arbitrary<FuzzDocument> {
  const settings = MIXES[mix];
  const kinds = [{ weight: 200 - (settings.big?.weight ?? 0) - settings.huge, arbitrary: filesArbitrary(settings.reach) }];
  if (settings.big) kinds.push({ weight: settings.big.weight, arbitrary: filesArbitrary(settings.big.reach) });
  if (settings.huge > 0) kinds.push({ weight: settings.huge, arbitrary: hugeFilesArbitrary(settings.big?.reach ?? settings.reach) });
  return fc.oneof(...kinds);
}
