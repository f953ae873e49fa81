import { z } from 'zod';
import { splitByline } from '../lib/byline.ts';
import { parseNewsroomDate } from '../lib/dates.ts';
import { closestMatch, editDistance } from '../lib/strings.ts';
import type { LeadImageFields } from '../schemas/record.ts';
import { describeAliasProblem } from './alias-path.ts';
import { describeImageSrcProblem } from './image-path.ts';
import type { Problem } from './problems.ts';
import type { Position } from './frontmatter.ts';

/** What the schema needs to know about the newsroom. */
export interface SchemaContext {
  /** The configured section slugs, in order. */
  sections: readonly [string, ...string[]];
  /** IANA zone in which dates without an offset are read. */
  timeZone: string;
}

/** A URL path segment: lowercase letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Why `input` is not the text `what` must be, in an editor's words, with `example` (a front-matter
 * line such as `title: 'Mayor says "no" to levy'`) where it helps:
 * - missing: required; written with nothing after the colon (YAML's null): empty;
 * - a number or true/false: to be quoted;
 * - a list or a group of fields: what in the line YAML read as one, and the quoting that fixes it.
 */
export function describeNotText(what: string, input: unknown, example?: string): string {
  const eg = example ? `, e.g. ${example}` : '';
  if (input === undefined) return `${what} is required${eg}`;
  if (input === null) return `${what} is empty: write it after the colon${eg}`;
  if (typeof input === 'number' || typeof input === 'boolean') return `${what} must be text: put numbers and true/false in quotes${eg}`;
  if (Array.isArray(input))
    return `${what} must be text, not a list: YAML reads a value starting with [ as a list; put the whole value in quotes${eg}`;
  if (typeof input === 'object')
    return `${what} must be text, not a group of fields: YAML reads a value starting with { as one; put the whole value in quotes${eg}`;
  return `${what} must be text${eg}`;
}

const text = (what: string, example?: string) =>
  z
    .string({ error: (issue) => describeNotText(what, issue.input, example) })
    .trim()
    .min(1, `${what} must not be empty${example ? `, e.g. ${example}` : ''}`);

/** `; did you mean national?` when `input` is a near miss (letter case, two typos) of one of `known`. */
function didYouMean(input: unknown, known: readonly string[]): string {
  const close = typeof input === 'string' ? closestMatch(input, known, 2) : undefined;
  return close ? `; did you mean ${close}?` : '';
}

/** A frontmatter date written by an editor, read in the newsroom zone (see `parseNewsroomDate`). */
const newsroomDate = (timeZone: string, what: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? describeNotText(what, issue.input, `${what.split(' ').at(-1)}: 2025-03-17T12:40`)
          : `${what} must be written as an ISO 8601 date such as 2025-03-17T12:40`,
    })
    .transform((value, ctx) => {
      const result = parseNewsroomDate(value, timeZone);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.value;
    });

/** A lead image, as editors write it; validated, it is the record's `LeadImageFields`. */
export const createImageSchema = () =>
  z.strictObject(
    {
      /** The image file: `/media/x.jpg` starts at the content folder, `./x.jpg` beside the article (see `describeImageSrcProblem`). */
      src: text('image.src', 'src: /media/photo.jpg').superRefine((src, ctx) => {
        const message = describeImageSrcProblem(src);
        if (message) ctx.addIssue({ code: 'custom', message });
      }),
      /** Text alternative for readers who cannot see the image. Required. */
      alt: z
        .string({ error: 'image.alt is required: describe the image for readers who cannot see it' })
        .trim()
        .min(1, 'image.alt must describe the image for readers who cannot see it'),
      /** Caption shown under the image. */
      caption: text('image.caption', "caption: 'Leaders met in Paris.'").optional(),
      /** Photographer or agency, shown after the caption. */
      credit: text('image.credit', 'credit: Jane Doe').optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'image must be a group of fields: src, alt, caption, credit') },
  ) satisfies z.ZodType<LeadImageFields, unknown>;

/**
 * The frontmatter of an article: what editors write, validated and normalised.
 *
 * Unknown fields are errors (a misspelt `sumary` must not vanish silently), and so is any value of
 * the wrong type: `draft: yes` is not a boolean.
 */
export const createArticleSchema = ({ sections, timeZone }: SchemaContext) =>
  z.strictObject({
    /** The headline. Required. */
    title: text('title', `title: 'Mayor says "no" to levy'`),
    /** Slug of a configured section. Required. */
    section: z.enum(sections, {
      error: (issue) =>
        issue.input === undefined
          ? `section is required: one of ${sections.join(', ')}`
          : `section must be one of ${sections.join(', ')}; “${String(issue.input)}” is not a configured section${didYouMean(issue.input, sections)}`,
    }),
    /** Who wrote the story: a person or desk (`Darpan News Desk`), several (`Jane Doe and John Smith`) or a list of names. Required. */
    byline: z
      .union(
        [text('byline', 'byline: Jane Doe'), z.array(text('each byline name')).min(1, 'byline must name at least one person or desk')],
        {
          error: (issue) =>
            issue.input === undefined || issue.input === null
              ? describeNotText('byline', issue.input, 'byline: Jane Doe')
              : 'byline must be a name such as Jane Doe or a list of names such as [Jane Doe, John Smith]',
        },
      )
      // Commas and “and” separate names: a byline of separators alone (`byline: ","`) names nobody.
      .refine((byline) => splitByline(byline).length > 0, {
        error: (issue) =>
          `byline must name at least one person or desk; ${JSON.stringify(issue.input)} has no name in it (write byline: Jane Doe)`,
      }),
    /** Wire agency credited after the byline, e.g. `The Canadian Press`. */
    agency: text('agency', 'agency: The Canadian Press').optional(),
    /** Publication time. Required. Without an offset it is newsroom local time; a bare date is that day. */
    date: newsroomDate(timeZone, 'date'),
    /** Time of the last substantive update, shown as "Updated …". */
    updated: newsroomDate(timeZone, 'updated').optional(),
    /** The dek: one or two sentences shown under the headline, in rails and on fronts. Required. */
    summary: text('summary', "summary: 'Council approves the levy in a 5-4 vote.'"),
    /** The lead image. */
    image: createImageSchema().optional(),
    /** Topics, e.g. `[Mark Carney, Trade]`. Default none. */
    tags: z
      .array(text('each tag'), { error: 'tags must be a list, e.g. [Trade, Ottawa]' })
      .default([])
      .transform((tags) => [...new Set(tags)]),
    /** The last URL segment. Default: the file name without `.md`. */
    slug: z
      .string({ error: 'slug must be text' })
      .regex(SLUG_PATTERN, 'slug must be lowercase letters, digits and single hyphens, e.g. carney-visits-paris')
      .optional(),
    /** Published corrections, oldest first: each a date and what was wrong. Default none. */
    corrections: z
      .array(
        z.strictObject({
          /** When the correction was made; same format as `date`. */
          date: newsroomDate(timeZone, 'corrections date'),
          /** What was corrected, in a sentence or two. */
          text: text('corrections text'),
        }),
        { error: 'corrections must be a list of entries, each with date and text' },
      )
      .default([]),
    /** Old URLs of the article (after a rename or move), redirected to it. Default none. */
    aliases: z
      .array(
        z.string({ error: 'each alias must be text' }).superRefine((path, ctx) => {
          const message = describeAliasProblem(path);
          if (message) ctx.addIssue({ code: 'custom', message });
        }),
        { error: 'aliases must be a list of old URL paths, e.g. [/national/old-slug/]' },
      )
      .default([])
      .transform((aliases) => [...new Set(aliases)]),
    /** A draft is never published. Must be `true` or `false`. Default false. */
    draft: z.boolean({ error: 'draft must be true or false (not yes/no or a quoted string)' }).default(false),
  });

export type ArticleSchema = ReturnType<typeof createArticleSchema>;
/** The frontmatter as editors write it. */
export type ArticleFrontmatterInput = z.input<ArticleSchema>;
/** The frontmatter after validation. */
export type ArticleFrontmatter = z.output<ArticleSchema>;

export type ValidateResult = { ok: true; value: ArticleFrontmatter } | { ok: false; problems: Problem[] };

/**
 * Validates frontmatter data and turns every issue into a problem with the field's position.
 *
 * - Every issue is reported, not only the first.
 * - Unknown fields are reported one by one at their own line.
 */
export function validateFrontmatter(
  schema: ArticleSchema,
  data: Record<string, unknown>,
  locate: (path: readonly PropertyKey[]) => Position,
): ValidateResult {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          ...locate(path),
          field: fieldName(path),
          severity: 'error',
          message: `unknown field “${key}”${suggest(key, knownFields(schema, issue.path))}`,
        });
      }
      continue;
    }
    problems.push({ ...locate(issue.path), field: fieldName(issue.path), severity: 'error', message: issue.message });
  }
  return { ok: false, problems };
}

/** The field names the schema accepts at `path` (the top level or the image group). */
function knownFields(schema: ArticleSchema, path: readonly PropertyKey[]): string[] {
  if (path[0] === 'image') return Object.keys(schema.shape.image.unwrap().shape);
  if (path[0] === 'corrections') return Object.keys(schema.shape.corrections.unwrap().element.shape);
  return Object.keys(schema.shape);
}

function suggest(key: string, known: readonly string[]): string {
  const close = known.find((candidate) => editDistance(candidate, key.toLowerCase()) <= 2);
  return close ? `; did you mean “${close}”?` : `; known fields are ${known.join(', ')}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment)))
    .join('.')
    .replace(/\.\[/g, '[');
}
