import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { renderMarkdown } from '../../src/pipeline/markdown.ts';

/** Every `.md` file under `dir`, recursively. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.endsWith('NOTE.md'))
    .map((name) => join(dir, name));
}

/** Bodies where the skipped constructs are, or almost are, present. */
const TRICKY = [
  // Email autolinks and their look-alikes.
  'Write to news@example.com or desk@example.ca.',
  'mailto:editor@example.com and xmpp:desk@example.com/phone',
  'Not an email: @handle, a@b, user@, @example.com, a@b.c_d',
  'In code: `desk@example.com` and\n\n    indented@example.com\n',
  '[contact](mailto:desk@example.com) and <desk@example.com>',
  'Trailing punctuation: (desk@example.com). desk@example.com,',
  // Tables, with and without pipes.
  'a\n:-',
  'a\n-:',
  'a\n:-:\nb',
  'Metal\n:---\nSteel',
  '> Quote\n> :-:',
  '- item\n\n  a\n  -:',
  'a|b\n-|-\nc|d',
  '| a |\n| - |',
  'a\n-',
  'a\n---',
  'Score 2:-1 and 3-:2 in prose',
  'A line | with a pipe',
  '```\na | b\n- | -\n```',
  // Both, with other GFM around them.
  '| who | email |\n| :-- | --: |\n| Desk | desk@example.com |\n\n~~old~~ new[^1]\n\n[^1]: Note.',
  '- [x] done@example.com\n- [ ] a | b',
  'www.example.com and https://example.com/a@b and http://x.y/|z',
  // Literal autolinks, and URLs that are only inside Markdown links.
  'HTTP://EXAMPLE.COM/PATH and Www.Example.ca, then https://example.com.',
  'Read [the report](https://example.com/report) and ![a photo](https://example.com/a.jpg).',
  '[www.example.com](https://example.com) and [see https://example.com][ref]\n\n[ref]: https://example.com',
  'Not links: http:/example.com, wwwexample.com, www and https',
  '*https://example.com* and **www.example.com/a_(b)** and `https://example.com`',
  '> www.example.com\n\n- item https://example.com/path?q=1',
  // Found only by the transform, not by the tokenizer: after a character reference, code or raw HTML.
  'Tom&amp;www.example.com',
  'Tom&amp;WWW.Example.com',
  '`code`https://example.com/a',
  '<b>www.example.com</b> and &#64;desk@example.com',
];

// Renders the sample newsroom and every fixture twice: seconds of CPU, more on a busy machine.
describe('Markdown fast paths', { timeout: 120_000 }, () => {
  test('a body renders the same as with every GFM construct: tricky cases', () => {
    for (const markdown of TRICKY) {
      expect(renderMarkdown(markdown, '2025/03/a'), markdown).toEqual(renderMarkdown(markdown, '2025/03/a', { fastPaths: false }));
    }
  });

  test('a body renders the same as with every GFM construct: the sample newsroom and every fixture', { timeout: 60_000 }, () => {
    const files = [...markdownFiles('content'), ...markdownFiles('tests/fixtures')];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const split = parseFrontmatter(source);
      const body = split.ok ? split.value.body : source;
      // A body past a limit fails the same way on both paths.
      const render = (fastPaths: boolean) => {
        try {
          return renderMarkdown(body, 'x/y', { fastPaths });
        } catch (error) {
          return (error as Error).message;
        }
      };
      expect(render(true), file).toEqual(render(false));
    }
  });

  test('pipe-less tables and email autolinks are still found', () => {
    expect(renderMarkdown('Metal\n:---\nSteel').html).toContain('<th class="align-left">Metal</th>');
    expect(renderMarkdown('Write to desk@example.com.').html).toContain('<a href="mailto:desk@example.com">desk@example.com</a>');
    expect(renderMarkdown('See www.example.com today.').html).toContain('<a href="http://www.example.com">www.example.com</a>');
  });
});
