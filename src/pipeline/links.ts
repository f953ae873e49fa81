import { posix } from 'node:path';

/** A link or image found in an article body, with its position in the file. */
export interface BodyReference {
  /** The URL as written. */
  url: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** What a link in an article body points at. */
export type LinkKind = 'external' | 'fragment' | 'article-file' | 'site-path' | 'relative';

/** Marker that a link to another article's file is written as until the page is rendered. */
export const ARTICLE_LINK_SCHEME = 'dateline-article:';

/**
 * Classifies a body link.
 *
 * - `external`: has a scheme (`https:`, `mailto:`) or starts with `//`.
 * - `fragment`: `#…` within the page.
 * - `article-file`: a relative path to another Markdown file (`../03/other.md#quote`).
 * - `site-path`: starts with `/` (`/national/carney-in-paris/`).
 * - `relative`: anything else, resolved against the article's own URL.
 */
export function classifyLink(url: string): LinkKind {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return 'external';
  if (url.startsWith('#')) return 'fragment';
  if (/\.md(?:[?#].*)?$/i.test(url) && !url.startsWith('/')) return 'article-file';
  if (url.startsWith('/')) return 'site-path';
  return 'relative';
}

/**
 * The article id a relative `.md` link points at, from the article `fromId`
 * (`2025/03/a` + `../02/b.md` → `2025/02/b`); undefined when it leaves the content folder.
 */
export function resolveArticleFileLink(fromId: string, url: string): { id: string; hash: string } | undefined {
  const [pathPart = '', hash = ''] = splitHash(url);
  const path = safeDecode(pathPart.replace(/\?.*$/, ''));
  const joined = posix.normalize(posix.join(posix.dirname(fromId), path));
  if (joined.startsWith('../') || joined === '..' || posix.isAbsolute(joined)) return undefined;
  return { id: joined.replace(/\.md$/i, ''), hash };
}

/** The path part of a site or relative link, resolved against `basePath` and without query or hash. */
export function resolveSitePath(url: string, basePath: string): string {
  return safeDecode(new URL(url, `https://site.invalid${basePath}`).pathname);
}

function splitHash(url: string): [string, string] {
  const index = url.indexOf('#');
  return index < 0 ? [url, ''] : [url.slice(0, index), url.slice(index)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What the link check needs to know about each article. */
export interface LinkedArticle {
  id: string;
  filePath: string;
  section: string;
  slug: string;
  draft: boolean;
  date: { date: Date };
  links: readonly BodyReference[];
  images: readonly BodyReference[];
}

export interface LinkCheckContext {
  /** Configured section slugs. */
  sections: readonly string[];
  /** Top-level routes other than sections that exist on the site (`search`, `tags`, …). */
  siteRoutes: readonly string[];
  /** Ids of files that exist but failed validation: links to them are not reported twice. */
  invalidIds: ReadonlySet<string>;
  /** Whether a site path with a file extension (`/media/chart.png`) is a file the site serves. */
  fileExists: (sitePath: string) => boolean;
  /** The build time: articles dated later are embargoed. */
  now: Date;
}

export interface LinkProblem {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  field: 'body';
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Checks every internal link of every article against the corpus.
 *
 * - `/section/slug/` must be an article; a draft target is an error (readers would get a 404), an
 *   embargoed one a warning (the link works once it is published).
 * - `../02/other.md` must be an article file under the content folder.
 * - Section fronts (`/national/`, `/national/page/2/`), `/` and configured site routes are fine.
 * - Paths with a file extension, and local images in the body, must be files the site serves;
 *   page paths end with `/`.
 */
export function checkArticleLinks(articles: readonly LinkedArticle[], context: LinkCheckContext): LinkProblem[] {
  const byUrl = new Map(articles.map((article) => [`/${article.section}/${article.slug}/`, article]));
  const byId = new Map(articles.map((article) => [article.id, article]));
  const sections = new Set(context.sections);
  const problems: LinkProblem[] = [];
  for (const article of articles) {
    const report = (link: BodyReference, message: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ file: article.filePath, line: link.line, column: link.column, field: 'body', severity, message });
    const judgeTarget = (link: BodyReference, target: LinkedArticle) => {
      if (target.draft && !article.draft)
        report(link, `links to ${link.url}, a draft (${target.filePath}): readers would get a page not found`);
      else if (target.date.date > context.now && article.date.date <= context.now) {
        report(
          link,
          `links to ${link.url}, which is embargoed until its date (${target.filePath}); the link is broken until then`,
          'warning',
        );
      }
    };
    for (const image of article.images) {
      const path = resolveSitePath(image.url, `/${article.section}/${article.slug}/`);
      if (!context.fileExists(path)) report(image, `shows the image ${image.url}, but the site has no file ${path}`);
    }
    for (const link of article.links) {
      const kind = classifyLink(link.url);
      if (kind === 'article-file') {
        const resolved = resolveArticleFileLink(article.id, link.url);
        if (!resolved) {
          report(link, `links to ${link.url}, which is outside the content folder`);
          continue;
        }
        const target = byId.get(resolved.id);
        if (target) judgeTarget(link, target);
        else if (!context.invalidIds.has(resolved.id)) report(link, `links to ${link.url}, but there is no article file ${resolved.id}.md`);
        continue;
      }
      if (kind !== 'site-path' && kind !== 'relative') continue;
      const path = resolveSitePath(link.url, `/${article.section}/${article.slug}/`);
      const segments = path.split('/').filter(Boolean);
      const last = segments.at(-1) ?? '';
      if (last.includes('.')) {
        if (!context.fileExists(path)) report(link, `links to ${link.url}, but the site has no file ${path}`);
        continue;
      }
      if (!path.endsWith('/')) {
        report(link, `links to ${link.url}: page addresses end with a slash (${path}/)`);
        continue;
      }
      const [first = ''] = segments;
      if (segments.length === 0 || context.siteRoutes.includes(first)) continue;
      if (!sections.has(first)) {
        report(link, `links to ${link.url}, but the site has no page ${path}: sections are ${context.sections.join(', ')}`);
        continue;
      }
      if (segments.length === 1 || (segments.length === 3 && segments[1] === 'page' && /^[1-9]\d*$/.test(segments[2]!))) continue;
      const target = byUrl.get(path);
      if (target) {
        judgeTarget(link, target);
        continue;
      }
      const elsewhere = segments.length === 2 ? articles.find((other) => other.slug === segments[1]) : undefined;
      const hint = elsewhere ? `; did you mean /${elsewhere.section}/${elsewhere.slug}/?` : '';
      report(link, `links to ${link.url}, but no article has the URL ${path}${hint}`);
    }
  }
  return problems;
}
