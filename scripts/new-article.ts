/**
 * `npm run new -- --section national "Headline of the story"`: starts a new article.
 *
 * Writes `content/<yyyy>/<mm>/<slug>.md` with valid front matter: the headline, the section, the
 * default byline, the current time in the newsroom zone and `draft: true`, so nothing is published
 * until an editor flips it; its placeholder summary and body (`SCAFFOLD_TEXT`) are errors once
 * `draft: false` is set. Refuses to overwrite a file or to reuse a slug already in the section.
 *
 * Options: `--section <slug>` (required), `--slug <slug>`, `--byline <text>`,
 * `--date <YYYY-MM-DDTHH:MM>` (default now), `--content <folder>`.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { fieldsInZone } from '../src/lib/dates.ts';
import { processArticle, suggestSlug } from '../src/pipeline/article.ts';
import { listArticleFiles } from '../src/loader/corpus.ts';
import { formatProblem } from '../src/pipeline/problems.ts';
import { digestOf } from '../src/pipeline/read.ts';
import { SCAFFOLD_TEXT } from '../src/pipeline/scaffold.ts';
import { createArticleSchema, SLUG_PATTERN } from '../src/pipeline/schema.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE =
  'Usage: npm run new -- --section <section> "Headline of the story" [--slug <slug>] [--byline <name>] [--date 2025-03-17T12:40]';

class UsageError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');

/** The newsroom's wall time now, as an editor writes it: `2025-03-17T12:40`. */
export function newsroomNow(now: Date, timeZone: string): string {
  const f = fieldsInZone(now, timeZone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** The text of a new article file. */
export function newArticleSource(fields: {
  title: string;
  section: string;
  byline: string;
  date: string;
  slug?: string | undefined;
}): string {
  const yaml = stringify(
    {
      title: fields.title,
      section: fields.section,
      byline: fields.byline,
      date: fields.date,
      summary: SCAFFOLD_TEXT.summary,
      ...(fields.slug ? { slug: fields.slug } : {}),
      draft: true,
    },
    { lineWidth: 0 },
  ).replace(/^date: ['"](.*)['"]$/m, 'date: $1');
  return `---\n${yaml}---\n\n${SCAFFOLD_TEXT.body}\n`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      section: { type: 'string' },
      slug: { type: 'string' },
      byline: { type: 'string' },
      date: { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const title = positionals.join(' ').trim();
  const sections = siteConfig.sections.map((section) => section.slug);
  if (!values.section) throw new UsageError(`--section is required: one of ${sections.join(', ')}\n${USAGE}`);
  if (!sections.includes(values.section as never))
    throw new UsageError(`“${values.section}” is not a section: use one of ${sections.join(', ')}`);
  if (!title) throw new UsageError(`the headline is required\n${USAGE}`);
  const slug = values.slug ?? suggestSlug(title).split('-').slice(0, 8).join('-');
  if (!SLUG_PATTERN.test(slug) || slug === 'article') {
    throw new UsageError(`cannot make a URL from “${title}”: pass --slug with lowercase ASCII letters, digits and hyphens`);
  }
  const date = values.date ?? newsroomNow(new Date(), siteConfig.timeZone);
  const base = values.content ?? siteConfig.contentDir;
  const [year, month] = date.split('-');
  const relativePath = `${year}/${month}/${slug}.md`;
  const path = resolve(process.cwd(), base, relativePath);
  if (existsSync(path)) throw new UsageError(`${join(base, relativePath)} already exists; nothing was written. Choose another --slug.`);
  const existing = existsSync(resolve(process.cwd(), base)) ? listArticleFiles(resolve(process.cwd(), base)) : [];
  const sameSlug = existing.find((file) => file.endsWith(`/${slug}.md`) || file === `${slug}.md`);
  if (sameSlug)
    throw new UsageError(`${join(base, sameSlug)} already uses the slug “${slug}”; nothing was written. Choose another --slug.`);

  const source = newArticleSource({ title, section: values.section, byline: values.byline ?? siteConfig.defaultByline, date });
  const schema = createArticleSchema({ sections: sections as [string, ...string[]], timeZone: siteConfig.timeZone });
  const check = processArticle({ path: relativePath, source, digest: digestOf(source) }, relativePath.replace(/\.md$/, ''), schema);
  if (!check.ok || check.problems.some((problem) => problem.severity === 'error')) {
    throw new UsageError(
      `the new article would not be valid:\n${check.problems.map((p) => formatProblem({ ...p, file: relativePath })).join('\n')}`,
    );
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, source, { flag: 'wx' });
  console.log(`Created ${join(base, relativePath)} (draft). Write the summary and the story, then set draft: false.`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`npm run new: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 1 : 2;
  });
}
