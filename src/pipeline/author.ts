import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { findMarkup, editDistance } from '../lib/strings.ts';
import { termSlug } from '../lib/taxonomy.ts';
import type { AuthorLink, AuthorProfile } from '../schemas/author.ts';
import { rangeOf, YAML_OPTIONS, type Position } from './frontmatter.ts';
import { describeImageSrcProblem } from './image-path.ts';
import type { Problem } from './problems.ts';
import type { SourceFile } from './read.ts';

/**
 * One author profile file (`content/authors/priya-sandhu.yaml`): YAML read by the same rules as
 * article front matter (YAML 1.2 core, duplicate keys refused, aliases limited), validated, every
 * problem placed at its line.
 */

/** Over this many characters, a bio is no longer short: a warning. */
export const BIO_ADVISED_LENGTH = 600;

const text = (what: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${what} is required`
          : typeof issue.input === 'number' || typeof issue.input === 'boolean'
            ? `${what} must be text: put numbers and true/false in quotes`
            : `${what} must be text`,
    })
    .trim()
    .min(1, `${what} must not be empty`);

/** Why `url` cannot be a profile link, or undefined: only plain `https://` addresses. */
export function describeProfileUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `“${url}” is not an address; write it in full, e.g. https://example.social/@name`;
  }
  if (parsed.protocol !== 'https:') return `“${url}” must be an https:// address`;
  if (parsed.username || parsed.password) return `“${url}” must not carry a user name or password`;
  if (/\s/.test(url)) return `“${url}” must not contain spaces`;
  return undefined;
}

const httpsUrl = (what: string) =>
  text(what).superRefine((url, ctx) => {
    const message = describeProfileUrlProblem(url);
    if (message) ctx.addIssue({ code: 'custom', message: `${what}: ${message}` });
  });

const LINK_ERROR = 'each link must be an https:// address, or a label and a url (label: Mastodon, url: https://…)';

/** The fields of a profile file, as editors write them. */
export const AuthorFileSchema = z.strictObject({
  /** The name exactly as bylines credit it (letter case and accents may differ). Required. */
  name: text('name'),
  /** What they do, e.g. `Health reporter`. */
  role: text('role').optional(),
  /** A few sentences; a blank line starts a new paragraph. Plain text. */
  bio: text('bio').optional(),
  /** A photo (or a desk's logo) in the content folder: `./name.jpg` beside the file, or `/media/name.jpg`. */
  photo: z
    .strictObject(
      {
        src: text('photo.src').superRefine((src, ctx) => {
          const message = describeImageSrcProblem(src, 'photo.src');
          if (message) ctx.addIssue({ code: 'custom', message });
        }),
        alt: z
          .string({ error: 'photo.alt is required: describe the photo for readers who cannot see it' })
          .trim()
          .min(1, 'photo.alt must describe the photo for readers who cannot see it'),
      },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'photo must be a group of fields: src, alt') },
    )
    .optional(),
  /** Their pages elsewhere: `https://` addresses, each alone or with a label. */
  links: z
    .array(z.union([httpsUrl('link'), z.strictObject({ label: text('link label'), url: httpsUrl('link url') })], { error: LINK_ERROR }), {
      error: 'links must be a list, e.g. [https://example.social/@name]',
    })
    .default([]),
});
export type AuthorFile = z.output<typeof AuthorFileSchema>;

export type AuthorFileResult =
  | { ok: true; profile: AuthorProfile; problems: Problem[]; locate: (path: readonly PropertyKey[]) => Position }
  | { ok: false; problems: Problem[] };

/**
 * Reads and validates one profile file.
 *
 * - Every problem is reported at its line, unknown fields with a suggestion.
 * - A link without a label is shown with its host (`example.social`).
 * - Warnings: markup in a plain-text field, a bio over `BIO_ADVISED_LENGTH` characters.
 * - Never throws.
 */
export function processAuthorFile(file: SourceFile): AuthorFileResult {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(file.source, { ...YAML_OPTIONS, lineCounter });
  } catch (error) {
    return fail(1, `the profile could not be read: ${(error as Error).message}`);
  }
  const toFile = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        ...toFile(error.pos[0]),
        severity: 'error' as const,
        message: `the profile is not valid YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
  } catch (error) {
    return fail(1, `the profile could not be read: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(1, 'a profile is a list of fields such as “name: Priya Sandhu”, one per line');
  }
  const locate = (path: readonly PropertyKey[]): Position => {
    const offset = rangeOf(doc, path);
    return offset === undefined ? { line: 1, column: 1 } : toFile(offset);
  };
  const parsed = AuthorFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems: Problem[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const known = Object.keys(issue.path[0] === 'photo' ? AuthorFileSchema.shape.photo.unwrap().shape : AuthorFileSchema.shape);
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          const close = known.find((candidate) => editDistance(candidate, key.toLowerCase()) <= 2);
          problems.push({
            ...locate(path),
            field: fieldName(path),
            severity: 'error',
            message: `unknown field “${key}”${close ? `; did you mean “${close}”?` : `; known fields are ${known.join(', ')}`}`,
          });
        }
        continue;
      }
      problems.push({ ...locate(issue.path), field: fieldName(issue.path), severity: 'error', message: issue.message });
    }
    return { ok: false, problems };
  }
  const fields = parsed.data;
  const links: AuthorLink[] = fields.links.map((link) =>
    typeof link === 'string' ? { label: new URL(link).host, url: link } : { label: link.label, url: link.url },
  );
  const profile: AuthorProfile = {
    name: fields.name,
    slug: termSlug(fields.name),
    filePath: file.path,
    role: fields.role,
    bio: fields.bio,
    photo: fields.photo,
    links,
  };
  return { ok: true, profile, problems: adviseOnProfile(fields, locate), locate };
}

/** Warnings: markup in plain-text fields, and a bio that is not short. */
function adviseOnProfile(fields: AuthorFile, locate: (path: readonly PropertyKey[]) => Position): Problem[] {
  const advice: Problem[] = [];
  const plain: [readonly PropertyKey[], string, string | undefined][] = [
    [['name'], 'the name', fields.name],
    [['role'], 'the role', fields.role],
    [['bio'], 'the bio', fields.bio],
    [['photo', 'alt'], 'the photo’s alt text', fields.photo?.alt],
    ...fields.links.map((link, index): [readonly PropertyKey[], string, string | undefined] => [
      ['links', index, 'label'],
      'a link label',
      typeof link === 'string' ? undefined : link.label,
    ]),
  ];
  for (const [path, what, value] of plain) {
    const markup = value === undefined ? undefined : findMarkup(value);
    if (!markup) continue;
    advice.push({
      ...locate(path),
      field: fieldName(path),
      severity: 'warning',
      message: `${what} contains HTML markup (${markup}): it is plain text, shown as written, tags and all; remove the markup`,
    });
  }
  if (fields.bio && fields.bio.length > BIO_ADVISED_LENGTH) {
    advice.push({
      ...locate(['bio']),
      field: 'bio',
      severity: 'warning',
      message: `the bio is ${fields.bio.length} characters; keep it short (under ${BIO_ADVISED_LENGTH}): two or three sentences`,
    });
  }
  return advice;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function fail(line: number, message: string): AuthorFileResult {
  return { ok: false, problems: [{ line, column: 1, severity: 'error', message }] };
}
