import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { parseFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { OPTIONAL_CONSTRUCTS, renderMarkdown } from '../../src/pipeline/markdown.ts';

/** Every `.md` file under `dir`, recursively. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
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
];

describe('Markdown fast paths', () => {
  test('the constructs skipped for bodies that cannot contain them are ones remark-gfm adds', () => {
    const processor = unified().use(remarkParse).use(remarkGfm).freeze();
    const names = new Set<string>();
    for (const extension of processor.data().micromarkExtensions ?? []) {
      for (const map of Object.values(extension as Record<string, Record<string, unknown>>)) {
        for (const value of Object.values(map ?? {})) {
          for (const construct of [value].flat()) names.add(String((construct as { name?: string } | null)?.name));
        }
      }
    }
    for (const name of Object.keys(OPTIONAL_CONSTRUCTS)) expect(names).toContain(name);
  });

  test('a body renders the same as with every GFM construct: tricky cases', () => {
    for (const markdown of TRICKY) {
      expect(renderMarkdown(markdown, '2025/03/a'), markdown).toEqual(renderMarkdown(markdown, '2025/03/a', { fastPaths: false }));
    }
  });

  test('a body renders the same as with every GFM construct: the sample newsroom and every fixture', () => {
    const files = [...markdownFiles('content'), ...markdownFiles('tests/fixtures')];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const split = parseFrontmatter(source);
      const body = split.ok ? split.value.body : source;
      expect(renderMarkdown(body, 'x/y'), file).toEqual(renderMarkdown(body, 'x/y', { fastPaths: false }));
    }
  });

  test('pipe-less tables and email autolinks are still found', () => {
    expect(renderMarkdown('Metal\n:---\nSteel').html).toContain('<th class="align-left">Metal</th>');
    expect(renderMarkdown('Write to desk@example.com.').html).toContain('<a href="mailto:desk@example.com">desk@example.com</a>');
  });
});
