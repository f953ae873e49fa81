import type { Root as MdastRoot } from 'mdast';
import { describe, expect, test } from 'vitest';
import { someText } from '../../src/adapters/gfm-autolink-transform.ts';
import { ARTICLE_LIMITS } from '../../src/pipeline/limits.ts';
import { renderMarkdown } from '../../src/pipeline/markdown.ts';

describe('renderMarkdown', () => {
  test.each([
    ['paragraphs and emphasis', 'Hello *world* and **news**.', '<p>Hello <em>world</em> and <strong>news</strong>.</p>'],
    ['a body h1 becomes h2 (the headline is the page h1)', '# Inside', '<h2 id="user-content-inside">Inside</h2>'],
    ['subheadings', '## Reaction\n\n### Ottawa', '<h2 id="user-content-reaction">Reaction</h2>\n<h3 id="user-content-ottawa">Ottawa</h3>'],
    ['links', '[PMO](https://pm.gc.ca/en "Office")', '<p><a href="https://pm.gc.ca/en" title="Office">PMO</a></p>'],
    ['internal links', '[More](/national/carney-in-paris/)', '<p><a href="/national/carney-in-paris/">More</a></p>'],
    ['blockquotes', '> "A unique friend."', '<blockquote>\n<p>"A unique friend."</p>\n</blockquote>'],
    ['lists', '- one\n- two\n\n1. first', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>'],
    [
      'GFM tables with alignment as classes',
      '| Metal | Tariff |\n|:--|--:|\n| Steel | 50% |',
      '<table>\n<thead>\n<tr>\n<th class="align-left">Metal</th>\n<th class="align-right">Tariff</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class="align-left">Steel</td>\n<td class="align-right">50%</td>\n</tr>\n</tbody>\n</table>',
    ],
    ['strikethrough', '~~old~~ new', '<p><del>old</del> new</p>'],
    [
      'images, marked for the image pipeline',
      '![Ferry at dawn](/media/ferry.jpg)',
      '<p><img src="/media/ferry.jpg" alt="Ferry at dawn" data-dateline-image="figure"></p>',
    ],
    [
      'images from elsewhere, unmarked',
      '![Logo](https://example.com/logo.gif)',
      '<p><img src="https://example.com/logo.gif" alt="Logo"></p>',
    ],
    [
      'figures with captions in raw HTML',
      '<figure><img src="/media/a.jpg" alt="A" width="1200" height="800"><figcaption>Caption</figcaption></figure>',
      '<figure><img src="/media/a.jpg" alt="A" width="1200" height="800" data-dateline-image="figure"><figcaption>Caption</figcaption></figure>',
    ],
  ])('keeps %s', (_name, markdown, html) => {
    expect(renderMarkdown(markdown).html.trim()).toBe(html);
  });

  test.each([
    ['a script element', 'Hi <script>alert(1)</script> there', '<p>Hi  there</p>'],
    ['a script block', '<script>\nalert(1)\n</script>', ''],
    ['an event handler', '<p onclick="alert(1)">Tap</p>', '<p>Tap</p>'],
    ['an onerror image', '<img src="/a.jpg" alt="" onerror="alert(1)">', '<img src="/a.jpg" alt="" data-dateline-image="figure">'],
    ['a javascript: link in Markdown', '[x](javascript:alert(1))', '<p><a>x</a></p>'],
    ['a javascript: link in HTML', '<a href="javascript:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['an upper-case JavaScript: link', '<a href="JaVaScRiPt:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['an entity-obfuscated link', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['a vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', '<p><a>x</a></p>'],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<p><a>x</a></p>'],
    ['a data: image', '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">', '<img alt="x">'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', ''],
    ['a style attribute', '<p style="position:fixed;inset:0">Cover</p>', '<p>Cover</p>'],
    ['a style element', '<style>body{display:none}</style>', ''],
    ['a form', '<form action="https://evil.example"><input name="q"><button>Go</button></form>', 'Go'],
    ['a base element', '<base href="https://evil.example/">', ''],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', ''],
    ['an SVG with script', '<svg><script>alert(1)</script><a href="javascript:alert(1)">x</a></svg>', '<p></p>'],
    ['MathML', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', '<p></p>'],
    ['an author class and id', '<p class="paywall" id="main">Text</p>', '<p>Text</p>'],
    ['an HTML comment', 'Text <!-- editor note --> more', '<p>Text  more</p>'],
    ['an object embed', '<object data="x.swf"></object><embed src="x.swf">', '<p></p>'],
  ])('removes %s', (_name, markdown, html) => {
    expect(renderMarkdown(markdown).html.trim()).toBe(html);
  });

  test('GFM footnotes keep working links between reference and note, and to their label', () => {
    const { html } = renderMarkdown('Claim[^1]\n\n[^1]: Source.');
    expect(html).toContain(
      '<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref aria-describedby="user-content-footnote-label">1</a>',
    );
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('<a href="#user-content-fnref-1" data-footnote-backref=""');
  });

  test('headings are anchors: an in-page link to one lands on it; one to nowhere is recorded', () => {
    const { html, brokenFragments } = renderMarkdown(
      'Read [the figures](#the-figures), [the same](#The%20figures) or [nothing](#nowhere).\n\n## The figures\n\n## The figures\n\n[Again](#the-figures-1)\n\n<h3 id="main">Raw</h3>',
    );
    expect(html).toContain('<a href="#user-content-the-figures">the figures</a>');
    expect(html).toContain('<h2 id="user-content-the-figures">The figures</h2>');
    expect(html).toContain('<h2 id="user-content-the-figures-1">The figures</h2>');
    expect(html).toContain('<a href="#user-content-the-figures-1">Again</a>');
    // An id written in raw HTML is prefixed too: it can never take the name of the page's own.
    expect(html).toContain('<h3 id="user-content-main">Raw</h3>');
    expect(brokenFragments.map((link) => link.url)).toEqual(['#The%20figures', '#nowhere']);
  });

  test('a code block keeps its first blank line', () => {
    expect(renderMarkdown('```\n\nfirst\n```').html).toBe('<pre><code>\nfirst\n</code></pre>');
  });

  test('quotes and lists nested up to the limit render; past it, an error names the line', () => {
    const quotes = (depth: number) => `Intro.\n\n${'> '.repeat(depth)}deep`;
    const list = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect(renderMarkdown(quotes(ARTICLE_LIMITS.blockNesting)).html).toContain('deep');
    expect(renderMarkdown(list(ARTICLE_LIMITS.blockNesting)).html).toContain(`level ${ARTICLE_LIMITS.blockNesting - 1}`);
    expect(() => renderMarkdown(quotes(ARTICLE_LIMITS.blockNesting + 1))).toThrow(
      expect.objectContaining({ name: 'LimitError', line: 3, message: expect.stringContaining('at most 32 levels') }),
    );
    expect(() => renderMarkdown(list(200))).toThrow(expect.objectContaining({ line: ARTICLE_LIMITS.blockNesting + 1 }));
  });

  test('HTML and inline markup nested past the limits are errors naming the line, not a crash', () => {
    expect(() => renderMarkdown(`a\n\n${'<div>'.repeat(100)}x${'</div>'.repeat(100)}`)).toThrow(
      expect.objectContaining({ line: 3, message: expect.stringContaining('HTML elements are nested more than 64') }),
    );
    expect(() => renderMarkdown(`a\n\nb ${'*a '.repeat(300)}x${' a*'.repeat(300)}`)).toThrow(
      expect.objectContaining({ line: 3, message: expect.stringContaining('nested more than 100 levels') }),
    );
    // Elements whose end tag may be left out do not count: a long run of <p> is fine.
    expect(renderMarkdown(`${'<p>para '.repeat(200)}`).html).toContain('para');
  });

  test('the constructs whose parsing cost outgrows the file are bounded, with an error naming the limit and line', () => {
    // Lines: up to the limit renders; one more is an error on the first line past it.
    const lines = (count: number) => `a\n${'\n'.repeat(count - 2)}b`;
    expect(renderMarkdown(lines(ARTICLE_LIMITS.lines)).html).toBe('<p>a</p>\n<p>b</p>');
    expect(() => renderMarkdown(lines(ARTICLE_LIMITS.lines + 1))).toThrow(
      expect.objectContaining({ name: 'LimitError', line: ARTICLE_LIMITS.lines + 1, message: expect.stringContaining('at most 20,000') }),
    );
    // Setext headings: the 301st underline is refused; `---` after a blank line is a rule, not a heading.
    const setext = (count: number) => 'Part\n---\n'.repeat(count);
    expect(renderMarkdown(setext(ARTICLE_LIMITS.setextHeadings)).html).toContain('<h2 id="user-content-part-299">');
    expect(() => renderMarkdown(setext(ARTICLE_LIMITS.setextHeadings + 1))).toThrow(
      expect.objectContaining({
        line: 2 * ARTICLE_LIMITS.setextHeadings + 2,
        message: expect.stringContaining('write “## Heading” instead'),
      }),
    );
    expect(renderMarkdown('Text\n\n---\n\n'.repeat(ARTICLE_LIMITS.setextHeadings + 10)).html).toContain('<hr>');
    // Inline markers in one paragraph: refused past the limit, counted afresh after a blank line or a new list item.
    const markers = (count: number) => '*a* '.repeat(count / 2);
    expect(renderMarkdown(markers(ARTICLE_LIMITS.inlineMarkersPerParagraph)).html).toContain('<em>a</em>');
    expect(() => renderMarkdown(`Intro.\n\n${markers(ARTICLE_LIMITS.inlineMarkersPerParagraph + 2)}`)).toThrow(
      expect.objectContaining({ line: 3, message: expect.stringContaining('this paragraph has more than 2,000') }),
    );
    const manyParagraphs = (count: number, join: string) => Array.from({ length: count }, () => markers(1_000)).join(join);
    expect(renderMarkdown(manyParagraphs(3, '\n\n')).html).toContain('<em>a</em>');
    expect(renderMarkdown(`- ${manyParagraphs(3, '\n- ')}`).html).toContain('<li><em>a</em>');
    // ... and in the whole body.
    expect(() => renderMarkdown(manyParagraphs(21, '\n\n'))).toThrow(
      expect.objectContaining({ line: 41, message: expect.stringContaining('the body has more than 20,000') }),
    );
    // Unclosed HTML comments and declarations in one paragraph: each is scanned to the paragraph's end.
    expect(renderMarkdown(`a <!-- note --> b\n\n${'<!-- x --> '.repeat(ARTICLE_LIMITS.htmlDeclarationsPerParagraph)}`).html).toContain(
      '<p>a  b</p>',
    );
    expect(() => renderMarkdown(`Intro.\n\nx </${'<!--'.repeat(8_000)}`)).toThrow(
      expect.objectContaining({ line: 3, message: expect.stringContaining('opens more than 50 HTML comments') }),
    );
    // Fenced code counts too: a fence inside a list ends with the list, so a stray fence cannot hide the rest.
    const strayFence = `- item\n\n  \`\`\`\n\ntext\n\n     ${'*a **a '.repeat(2_000)}`;
    expect(() => renderMarkdown(strayFence)).toThrow(
      expect.objectContaining({ line: 7, message: expect.stringContaining('this paragraph') }),
    );
  });

  test('a node with a few hundred thousand children is searched without overflowing the stack', () => {
    const children = Array.from({ length: 300_000 }, (_, i) => ({ type: 'text' as const, value: i === 299_999 ? 'www.example.com' : 'x' }));
    const tree: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children }] };
    expect(someText(tree, /www\./)).toBe(true);
    expect(someText(tree, /@/)).toBe(false);
  });
});

describe('renderMarkdown references', () => {
  test('records internal links and images with their body positions, not external links or fragments', () => {
    const body = [
      'See [the explainer](/national/tariff-deadlines/) and [earlier](../02/older-story.md#reaction).',
      '',
      '[PMO](https://pm.gc.ca) and [notes](#fn) and <a href="relative/page/">raw</a>.',
      '',
      '![Chart of steel prices](/media/chart.png)',
      '',
      '<img src="/media/no-alt.jpg">',
    ].join('\n');
    const { links, images } = renderMarkdown(body, '2025/03/story');
    expect(links).toEqual([
      { url: '/national/tariff-deadlines/', line: 1, column: 5 },
      { url: '../02/older-story.md#reaction', line: 1, column: 54 },
      { url: 'relative/page/', line: 3, column: 46 },
    ]);
    expect(images).toEqual([
      { url: '/media/chart.png', alt: 'Chart of steel prices', layout: 'figure', line: 5, column: 1 },
      { url: '/media/no-alt.jpg', alt: '', layout: 'figure', line: 7, column: 1 },
    ]);
  });

  test('links to other articles’ files are marked with the target id until pages resolve them', () => {
    const { html } = renderMarkdown('[earlier](../02/older-story.md#reaction) [same](./sibling.md)', '2025/03/story');
    expect(html).toBe(
      '<p><a href="dateline-article:2025/02/older-story#reaction">earlier</a> <a href="dateline-article:2025/03/sibling">same</a></p>',
    );
  });

  test('a file link that leaves the content folder is left as written (the check reports it)', () => {
    const { html } = renderMarkdown('[out](../../../etc/passwd.md)', '2025/03/story');
    expect(html).toBe('<p><a href="../../../etc/passwd.md">out</a></p>');
  });
});
