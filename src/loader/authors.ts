import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { walkFiles } from '../io/walk.ts';
import { editDistance } from '../lib/strings.ts';
import { termSlug } from '../lib/taxonomy.ts';
import { processAuthorFile } from '../pipeline/author.ts';
import type { FileProblem } from '../pipeline/problems.ts';
import { decodeSource } from '../pipeline/read.ts';
import type { AuthorProfile } from '../schemas/author.ts';
import type { FileIndex } from '../store/file-index.ts';
import { findLeadImageProblems, outsideMessage, type ContentFiles } from './content-files.ts';

/** The folder of author profiles, in the content folder: `content/authors/`. */
export const AUTHORS_FOLDER = 'authors';

/** What reading the profiles gave: the valid ones, and every problem. */
export interface AuthorsResult {
  /** Valid profiles, one per author-page slug, in file order. */
  profiles: AuthorProfile[];
  problems: FileProblem[];
}

/** Profile files are YAML; names starting with `.` or `_` are not content. */
const isProfileFile = (name: string) => /\.ya?ml$/i.test(name) && !/^[._]/.test(name);

/**
 * Reads and checks every author profile: `<content>/authors/*.yaml` (and `.yml`), one per
 * person or desk.
 *
 * - Each file is validated (`processAuthorFile`); a file that is a link leading outside the
 *   content folder is an error, and never read.
 * - Two profiles for one author page (names that differ only in case or accents) are an error on both.
 * - A profile whose name no byline of `bylines` credits is a warning, with the closest byline name.
 * - The photo must be an image file inside the content folder, within the pixel limit, like a lead image.
 *
 * `base` is the content folder relative to `root` (see `contentBase`); `sizes` remembers photo sizes
 * by file (the caller keeps it).
 */
export async function loadAuthors(
  root: string,
  base: string,
  { bylines, files, sizes }: { bylines: readonly string[]; files: ContentFiles; sizes: FileIndex },
): Promise<AuthorsResult> {
  const folder = `${base === '.' ? '' : `${base}/`}${AUTHORS_FOLDER}`;
  const directory = resolve(root, folder);
  const problems: FileProblem[] = [];
  const realContent = realpathSync(resolve(root, base));
  const names = walkFiles(directory, {
    skip: (name) => name.startsWith('.') || name.startsWith('_'),
    followLinks: {
      within: realContent,
      outside: (path, target, isFolder) => {
        if (isFolder || isProfileFile(path))
          problems.push({
            file: `${folder}/${path}`,
            severity: 'error',
            message: outsideMessage('the profile', `${folder}/${path}`, target),
          });
      },
    },
  }).filter((name) => !name.includes('/') && isProfileFile(name));

  const valid: { profile: AuthorProfile; locate: (path: readonly PropertyKey[]) => { line: number; column: number } }[] = [];
  for (const name of names) {
    const filePath = `${folder}/${name}`;
    const read = decodeSource(filePath, readFileSync(join(directory, name)));
    if (!read.ok) {
      problems.push({ ...read.problem, file: filePath });
      continue;
    }
    const result = processAuthorFile(read.file);
    problems.push(...result.problems.map((problem) => ({ ...problem, file: filePath })));
    if (result.ok) valid.push({ profile: result.profile, locate: result.locate });
  }

  const bySlug = Map.groupBy(valid, ({ profile }) => profile.slug);
  const credited = new Map(bylines.map((name) => [termSlug(name), name]));
  const profiles: AuthorProfile[] = [];
  for (const { profile, locate } of valid) {
    const same = bySlug.get(profile.slug)!;
    if (same.length > 1) {
      const others = same.filter((other) => other.profile !== profile).map((other) => other.profile.filePath);
      problems.push({
        file: profile.filePath,
        ...locate(['name']),
        field: 'name',
        severity: 'error',
        message: `“${profile.name}” also has a profile in ${others.join(', ')}: keep one file per person or desk`,
      });
      continue;
    }
    if (!credited.has(profile.slug)) {
      const closest = [...credited.values()]
        .map((name) => ({ name, distance: editDistance(name.toLowerCase(), profile.name.toLowerCase()) }))
        .sort((a, b) => a.distance - b.distance)[0];
      const hint = closest && closest.distance <= 3 ? `; did you mean “${closest.name}”?` : '';
      problems.push({
        file: profile.filePath,
        ...locate(['name']),
        field: 'name',
        severity: 'warning',
        message: `no story’s byline credits “${profile.name}”, so no author page shows this profile; write the name as the bylines do${hint}`,
      });
    }
    profiles.push(profile);
  }

  const photoProblems = await findLeadImageProblems(
    profiles.map((profile) => ({ filePath: profile.filePath, image: profile.photo })),
    files,
    base,
    sizes,
    { field: 'photo.src', what: 'a photo' },
  );
  const locators = new Map(valid.map(({ profile, locate }) => [profile.filePath, locate]));
  for (const problem of photoProblems) problems.push({ ...problem, ...locators.get(problem.file)?.(['photo', 'src']) });
  const broken = new Set(photoProblems.map((problem) => problem.file));
  return { profiles: profiles.filter((profile) => !broken.has(profile.filePath)), problems };
}
