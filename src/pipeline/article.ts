import { formatNames, splitByline } from '../lib/byline.ts';
import type { NewsroomDate } from '../lib/dates.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { renderMarkdown } from './markdown.ts';
import type { Problem } from './problems.ts';
import { SLUG_PATTERN, validateFrontmatter, type ArticleFrontmatter, type ArticleSchema } from './schema.ts';
import type { SourceFile } from './read.ts';

/** A validated article as the site stores it: frontmatter values, resolved slug and rendered body. */
export interface ArticleRecord {
  /** Unique per file: its path under the content folder without `.md` (`2025/03/carney-in-paris`). */
  id: string;
  /** The source file, relative to the project root. */
  filePath: string;
  title: string;
  section: string;
  /** Resolved slug: the `slug` field, else the file name. */
  slug: string;
  /** The byline as shown: its names joined (`Jane Doe and John Smith`). */
  byline: string;
  /** The people and desks the byline names, in order (see `splitByline`). */
  authors: string[];
  agency?: string | undefined;
  date: NewsroomDate;
  updated?: NewsroomDate | undefined;
  summary: string;
  image?: ArticleFrontmatter['image'];
  tags: string[];
  /** Old URLs of the article, redirected to it. */
  aliases: string[];
  draft: boolean;
  /** Number of words in the body, for reading time and feeds. */
  wordCount: number;
  /** The body as sanitized HTML. */
  html: string;
}

export type ProcessResult = { ok: true; article: ArticleRecord; problems: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Runs one file through every per-file stage: front matter → schema → Markdown.
 *
 * - `id` is the path under the content folder without its extension.
 * - Without a `slug` field the file name must itself be a valid slug; the error says how to fix it.
 */
export function processArticle(file: SourceFile, id: string, schema: ArticleSchema): ProcessResult {
  const split = parseFrontmatter(file.source);
  if (!split.ok) return { ok: false, problems: split.problems };
  const { data, body, locate } = split.value;
  const validated = validateFrontmatter(schema, data, locate);
  const problems: Problem[] = validated.ok ? [] : validated.problems;
  const fileName = id.slice(id.lastIndexOf('/') + 1);
  const slug = validated.ok ? (validated.value.slug ?? fileName) : undefined;
  if (validated.ok && !validated.value.slug && !SLUG_PATTERN.test(fileName)) {
    problems.push({
      line: 1,
      column: 1,
      field: 'slug',
      severity: 'error',
      message: `the file name “${fileName}” cannot be a URL: rename the file to lowercase letters, digits and hyphens (e.g. ${suggestSlug(fileName)}.md) or add a slug field`,
    });
  }
  if (!validated.ok || slug === undefined || problems.length > 0) return { ok: false, problems };
  const fm = validated.value;
  const html = renderMarkdown(body);
  const authors = splitByline(fm.byline);
  return {
    ok: true,
    problems: [],
    article: {
      id,
      filePath: file.path,
      title: fm.title,
      section: fm.section,
      slug,
      byline: formatNames(authors),
      authors,
      agency: fm.agency,
      date: fm.date,
      updated: fm.updated,
      summary: fm.summary,
      image: fm.image,
      tags: fm.tags,
      aliases: fm.aliases,
      draft: fm.draft,
      wordCount: countWords(body),
      html,
    },
  };
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

function countWords(markdown: string): number {
  const words = markdown.replace(/<[^>]*>/g, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}
