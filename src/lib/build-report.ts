import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lastModified } from './articles.ts';
import { fileStamp, processWide } from './files.ts';
import { toZonedIso, type NewsroomDate } from './dates.ts';
import { articlePath } from './urls.ts';
import type { BodyLocation } from '../pipeline/article-cache.ts';
import { resolveSitePath } from '../pipeline/links.ts';

/**
 * The build report: what the steps after page generation need to know about the stories of a
 * build (those `visibleArticles` selects, as pages do), written once by the content loader when
 * the content is synced and read by the integrations, instead of each of them reading every
 * finished page again (at 10,000 stories each such pass cost seconds). Written before pages are
 * generated, it also lets the search index be built while they are.
 *
 * It lives in the cache folder, never in the output; every build removes it first
 * (`clearBuildReport`), so a step can never read an earlier build's.
 */

/** One story of the build, as the sitemap, the media copy and the search index see it. */
export interface ReportedStory {
  id: string;
  /** Site path of its page, `/national/slug/`. */
  path: string;
  /** The digest of its file and pipeline. */
  digest: string;
  /** Where its body HTML is in the article cache. */
  body: BodyLocation;
  /** When it last changed for readers (its publication time when never updated), ISO 8601 with offset. */
  lastmod: string;
  /** Files of the content folder's `media/` its body shows or links to, as site paths (`/media/chart.png`). */
  media: string[];
  title: string;
  summary: string;
  /** Section name, as shown. */
  section: string;
  byline: string;
  /** Topic names. */
  tags: string[];
  /** Corrections, as printed. */
  corrections: string[];
  status: string;
}

export interface BuildReport {
  readonly version: typeof REPORT_VERSION;
  /** Shared by every step that reads the report in one process: never changed. */
  readonly stories: readonly Readonly<ReportedStory>[];
}

const REPORT_VERSION = 2;

/** Where the report of the build using `cacheDir` is kept. */
export function buildReportFile(cacheDir: string): string {
  return join(cacheDir, 'dateline', 'build-report.json');
}

/** The story as reported, in the newsroom's `timeZone`. */
export function reportStory(
  article: {
    id: string;
    section: string;
    slug: string;
    digest: string;
    body: BodyLocation;
    title: string;
    summary: string;
    byline: string;
    tags: readonly string[];
    date: NewsroomDate;
    updated?: NewsroomDate | undefined;
    corrections: readonly { date: NewsroomDate; text: string }[];
    links: readonly { url: string }[];
    images: readonly { url: string }[];
    status: string;
  },
  sectionName: string,
  timeZone: string,
): ReportedStory {
  const path = articlePath(article);
  return {
    id: article.id,
    path,
    digest: article.digest,
    body: article.body,
    lastmod: toZonedIso((lastModified(article) ?? article.date).date, timeZone),
    media: mediaReferences([...article.images, ...article.links], path),
    title: article.title,
    summary: article.summary,
    section: sectionName,
    byline: article.byline,
    tags: [...article.tags],
    corrections: article.corrections.map((correction) => correction.text),
    status: article.status,
  };
}

/** The distinct `/media/…` site paths among `references` (as written in a body shown at `pagePath`), sorted. */
export function mediaReferences(references: readonly { url: string }[], pagePath: string): string[] {
  const paths = new Set<string>();
  for (const { url } of references) {
    if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) continue;
    const path = resolveSitePath(url, pagePath);
    if (path.startsWith('/media/') && path.length > '/media/'.length) paths.add(path);
  }
  return [...paths].sort();
}

/**
 * Reports this process wrote or read, by file, with the file's stamp then. The loader writes the
 * report and three integrations read it: they share it instead of each parsing the file (7 MB at
 * 10,000 stories).
 */
function knownReports() {
  return processWide<{ stamp: string; report: BuildReport }>('build-reports');
}

export async function writeBuildReport(cacheDir: string, stories: ReportedStory[]): Promise<void> {
  const file = buildReportFile(cacheDir);
  await mkdir(dirname(file), { recursive: true });
  const report: BuildReport = { version: REPORT_VERSION, stories };
  await writeFile(file, JSON.stringify(report));
  const stamp = fileStamp(file);
  if (stamp) knownReports().set(file, { stamp, report });
}

export async function clearBuildReport(cacheDir: string): Promise<void> {
  await rm(buildReportFile(cacheDir), { force: true });
}

/** The report of the running build; throws, naming the file, when no page wrote one. */
export async function readBuildReport(cacheDir: string): Promise<BuildReport> {
  const file = buildReportFile(cacheDir);
  let report: BuildReport;
  try {
    const stamp = fileStamp(file);
    const known = knownReports().get(file);
    report = stamp && known?.stamp === stamp ? known.report : (JSON.parse(await readFile(file, 'utf8')) as BuildReport);
    if (stamp) knownReports().set(file, { stamp, report });
  } catch (error) {
    throw new Error(`the build report ${file} could not be read (${(error as Error).message}): no page asked for the newsroom`, {
      cause: error,
    });
  }
  if (report.version !== REPORT_VERSION) throw new Error(`the build report ${file} is of another version`);
  return report;
}
