import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { parseNewsroomDate } from '../lib/dates.ts';
import { editDistance } from '../lib/strings.ts';
import type { Front, FrontPin, FrontRef, Place } from '../schemas/front.ts';
import { rangeOf, YAML_OPTIONS, type Position } from './frontmatter.ts';
import type { Problem } from './problems.ts';
import type { SourceFile } from './read.ts';

/**
 * One front file (`content/fronts/home.yaml`, `content/fronts/<section>.yaml`): YAML read by the
 * same rules as article front matter (YAML 1.2 core, duplicate keys refused, aliases limited),
 * validated, every problem placed at its line. Whether the stories it names exist is checked
 * against the whole newsroom afterwards (`checkFront` in `src/lib/fronts.ts`).
 */

/** At most this many `top` stories: a front's top block is a handful, not a list. */
export const MAX_TOP_STORIES = 8;

/** The name of the home page's front file (`home.yaml`). */
export const HOME_FRONT = 'home';

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

const STORY_HINT = 'name a story by its file without .md, e.g. 2025/03/some-story, or by its URL';

/** The fields of a front file, as editors write them. */
export const FrontFileSchema = z.strictObject({
  /** The story at the top of the front. */
  lead: text('lead').optional(),
  /** The next stories, in order. */
  top: z
    .array(text('top story'), { error: `top must be a list of stories (${STORY_HINT})` })
    .max(MAX_TOP_STORIES, `top may name at most ${MAX_TOP_STORIES} stories`)
    .default([]),
  /** Stories kept among the top stories until a time. */
  pinned: z
    .array(z.strictObject({ story: text('pinned story'), until: text('until') }), {
      error: 'pinned must be a list of “- story: 2025/03/some-story” with “until: 2025-03-18T18:00” under each',
    })
    .default([]),
  /** The breaking-news banner: home.yaml only. */
  banner: z
    .strictObject(
      { text: text('banner.text'), link: text('banner.link'), until: text('banner.until') },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'banner must be a group of fields: text, link, until') },
    )
    .optional(),
  /** Alt text of the section's fallback image. */
  fallbackAlt: text('fallbackAlt').optional(),
});

export type FrontFileResult = { ok: true; front: Front; problems: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Reads and validates one front file; `name` is `home` or a section slug (from the file name),
 * dates are read in `timeZone` like an article's.
 *
 * - Every problem is reported at its line, unknown fields with a suggestion.
 * - `banner` belongs in the home front only; `fallbackAlt` in a section front only.
 * - Never throws.
 */
export function processFrontFile(file: SourceFile, { name, timeZone }: { name: string; timeZone: string }): FrontFileResult {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(file.source, { ...YAML_OPTIONS, lineCounter });
  } catch (error) {
    return fail(`the front could not be read: ${(error as Error).message}`);
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
        message: `the front is not valid YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
  } catch (error) {
    return fail(`the front could not be read: ${(error as Error).message.split('\n')[0]}`);
  }
  // An empty file is a front that chooses nothing: the latest stories.
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return fail('a front is a list of fields such as “lead: 2025/03/some-story”, one per line');
  }
  const locate = (path: readonly PropertyKey[]): Place => {
    const offset = rangeOf(doc, path);
    return offset === undefined ? { line: 1, column: 1 } : toFile(offset);
  };
  const parsed = FrontFileSchema.safeParse(data);
  const problems: Problem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const shape =
          issue.path[0] === 'banner'
            ? FrontFileSchema.shape.banner.unwrap().shape
            : issue.path[0] === 'pinned'
              ? { story: 0, until: 0 }
              : FrontFileSchema.shape;
        const known = Object.keys(shape);
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
  const date = (path: readonly PropertyKey[], value: string) => {
    const result = parseNewsroomDate(value, timeZone);
    if (!result.ok)
      problems.push({ ...locate(path), field: fieldName(path), severity: 'error', message: `${fieldName(path)}: ${result.message}` });
    return result.ok ? result.value : undefined;
  };
  const ref = (path: readonly PropertyKey[], story: string): FrontRef => ({ story, at: locate(path) });
  const pinned: FrontPin[] = [];
  fields.pinned.forEach((pin, index) => {
    const until = date(['pinned', index, 'until'], pin.until);
    if (until) pinned.push({ ...ref(['pinned', index, 'story'], pin.story), until, untilAt: locate(['pinned', index, 'until']) });
  });
  let banner: Front['banner'];
  if (fields.banner && name !== HOME_FRONT) {
    problems.push({
      ...locate(['banner']),
      field: 'banner',
      severity: 'error',
      message: `the breaking-news banner belongs in ${HOME_FRONT}.yaml, which puts it on the home page and every section front; move it there`,
    });
  } else if (fields.banner) {
    const until = date(['banner', 'until'], fields.banner.until);
    if (until) {
      banner = {
        text: fields.banner.text,
        link: fields.banner.link,
        linkAt: locate(['banner', 'link']),
        until,
        untilAt: locate(['banner', 'until']),
      };
    }
  }
  if (fields.fallbackAlt !== undefined && name === HOME_FRONT) {
    problems.push({
      ...locate(['fallbackAlt']),
      field: 'fallbackAlt',
      severity: 'error',
      message: 'fallbackAlt describes a section’s fallback image; write it in that section’s front file (e.g. national.yaml)',
    });
  }
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
  const front: Front = {
    name,
    filePath: file.path,
    ...(fields.lead === undefined ? {} : { lead: ref(['lead'], fields.lead) }),
    top: fields.top.map((story, index) => ref(['top', index], story)),
    pinned,
    ...(banner ? { banner } : {}),
    ...(fields.fallbackAlt === undefined ? {} : { fallbackAlt: fields.fallbackAlt }),
  };
  return { ok: true, front, problems };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function fail(message: string): FrontFileResult {
  return { ok: false, problems: [{ line: 1, column: 1, severity: 'error', message }] };
}
