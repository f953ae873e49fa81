import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { walkFiles } from '../io/walk.ts';
import { checkFront } from '../lib/fronts.ts';
import { closestMatch } from '../lib/strings.ts';
import { HOME_FRONT, processFrontFile } from '../pipeline/front.ts';
import type { FileProblem } from '../pipeline/problems.ts';
import { decodeSource } from '../pipeline/read.ts';
import type { ArticleRecord } from '../schemas/record.ts';
import type { FallbackImage, Front, Fronts } from '../schemas/front.ts';
import type { FileIndex } from '../store/file-index.ts';
import { findLeadImageProblems, outsideMessage, type ContentFiles } from './content-files.ts';

/** The folder of front files and fallback images, in the content folder: `content/fronts/`. */
export const FRONTS_FOLDER = 'fronts';

/** What reading the fronts gave: the valid fronts and fallback images, and every problem. */
export interface FrontsResult extends Fronts {
  problems: FileProblem[];
}

const FRONT_FILE = /^(.+)\.ya?ml$/i;
const FALLBACK_IMAGE = /^(.+)\.(jpe?g|png|webp|avif)$/i;

/**
 * Reads and checks the fronts of `<content>/fronts/`:
 *
 * - `home.yaml` (or `.yml`) and `<section>.yaml` are front files (`processFrontFile`), checked
 *   against the newsroom (`checkFront`: `records` are every valid article, `now` the build time).
 *   A file named after no front is an error, with the closest name; so is a second file for one front.
 * - `<section>.jpg` (or `.png`, `.webp`, `.avif`) is that section's fallback image, checked like
 *   a lead image; its alt text is the section front's `fallbackAlt` (pages have a default).
 * - A file that is a link leading outside the content folder is an error, and never read.
 *
 * `base` is the content folder relative to `root` (see `contentBase`); `sizes` remembers image
 * sizes by file (the caller keeps it).
 */
export async function loadFronts(
  root: string,
  base: string,
  {
    records,
    now,
    sections,
    timeZone,
    files,
    sizes,
  }: {
    records: readonly ArticleRecord[];
    now: Date;
    sections: readonly string[];
    timeZone: string;
    files: ContentFiles;
    sizes: FileIndex;
  },
): Promise<FrontsResult> {
  const folder = `${base === '.' ? '' : `${base}/`}${FRONTS_FOLDER}`;
  const directory = resolve(root, folder);
  const problems: FileProblem[] = [];
  const slugs = sections;
  const names = [HOME_FRONT, ...slugs];
  const realContent = realpathSync(resolve(root, base));
  const entries = walkFiles(directory, {
    skip: (name) => name.startsWith('.') || name.startsWith('_'),
    followLinks: {
      within: realContent,
      outside: (path, target) => {
        if (FRONT_FILE.test(path) || FALLBACK_IMAGE.test(path))
          problems.push({ file: `${folder}/${path}`, severity: 'error', message: outsideMessage('the file', `${folder}/${path}`, target) });
      },
    },
  }).filter((name) => !name.includes('/'));

  const fronts: Front[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const name = FRONT_FILE.exec(entry)?.[1];
    if (name === undefined) continue;
    const filePath = `${folder}/${entry}`;
    if (!names.includes(name)) {
      const close = closestMatch(name, names, 3);
      problems.push({
        file: filePath,
        severity: 'error',
        message: `a front file is named home.yaml or after a section (${slugs.join(', ')})${close ? `; did you mean ${close}.yaml?` : ''}`,
      });
      continue;
    }
    const other = seen.get(name);
    if (other) {
      problems.push({ file: filePath, severity: 'error', message: `${other} is already the ${name} front: keep one file per front` });
      continue;
    }
    seen.set(name, filePath);
    const read = decodeSource(filePath, readFileSync(join(directory, entry)));
    if (!read.ok) {
      problems.push({ ...read.problem, file: filePath });
      continue;
    }
    const result = processFrontFile(read.file, { name, timeZone });
    problems.push(...result.problems.map((problem) => ({ ...problem, file: filePath })));
    if (!result.ok) continue;
    const found = checkFront(result.front, records, now, { sections: slugs, timeZone });
    problems.push(...found);
    fronts.push(result.front);
  }

  const candidates: FallbackImage[] = [];
  for (const entry of entries) {
    const name = FALLBACK_IMAGE.exec(entry)?.[1];
    if (name === undefined) continue;
    const section = sections.find((slug) => slug === name);
    const filePath = `${folder}/${entry}`;
    if (!section || candidates.some((candidate) => candidate.section === name)) {
      problems.push({
        file: filePath,
        severity: 'error',
        message: section
          ? `the ${name} section already has a fallback image: keep one`
          : `a fallback image is named after a section (${slugs.join(', ')}), e.g. ${slugs[0] ?? 'national'}.jpg`,
      });
      continue;
    }
    const alt = fronts.find((front) => front.name === name)?.fallbackAlt;
    candidates.push({ section: name, filePath, ...(alt === undefined ? {} : { alt }) });
  }
  const imageProblems = await findLeadImageProblems(
    candidates.map((image) => ({ filePath: image.filePath, image: { src: `./${image.filePath.split('/').pop()!}` } })),
    files,
    base,
    sizes,
    { field: 'fallback image', what: 'a fallback image' },
  );
  problems.push(...imageProblems);
  const broken = new Set(imageProblems.map((problem) => problem.file));
  return { fronts, fallbacks: candidates.filter((image) => !broken.has(image.filePath)), problems };
}
