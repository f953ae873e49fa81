import { posix } from 'node:path';
import { closestMatch, compareStrings } from '../lib/strings.ts';
import { aliasPaths, articlePath, isExternalUrl, listPageNumber } from '../lib/urls.ts';
import type { ArticleRecord, BodyReference } from '../schemas/record.ts';

export type { BodyReference };

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
  if (isExternalUrl(url)) return 'external';
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
export type LinkedArticle = Pick<ArticleRecord, 'id' | 'filePath' | 'section' | 'slug' | 'draft' | 'date' | 'aliases' | 'links' | 'images'>;

/**
 * A file whose links are checked but which no link can lead to: one whose front matter has
 * errors. Its URL and status are known only when those fields were valid on their own.
 */
export type LinkSource = Pick<LinkedArticle, 'id' | 'filePath' | 'links' | 'images'> & {
  [K in 'section' | 'slug' | 'draft' | 'date']?: LinkedArticle[K] | undefined;
};

export interface LinkCheckContext {
  /** Configured section slugs. */
  sections: readonly string[];
  /** Top-level routes other than sections that exist on the site (`search`, `tags`, …). */
  siteRoutes: readonly string[];
  /** Ids of files that exist but failed validation: links to them are not reported twice. */
  invalidIds: ReadonlySet<string>;
  /**
   * Whether a site path with a file extension (`/media/chart.png`) is a file the site serves; when
   * it is a link that leads outside the content folder, where it leads (it is then never served).
   */
  siteFile: (sitePath: string) => { found: boolean; outside?: string | undefined };
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
 *   embargoed one a warning: pages show the link as plain text until the story is published
 *   (`resolveBodyLink`), so the built site never links to a page it does not have.
 * - An article's alias (in either shape the host redirects, see `aliasPaths`) is a URL of the
 *   site: a link to it is a link to the article.
 * - A link that leads nowhere suggests the closest article URL: the same slug in another section,
 *   else a URL a few typos away.
 * - `../02/other.md` must be an article file under the content folder.
 * - Section fronts (`/national/`, `/national/page/2/`), `/` and configured site routes are fine.
 * - Paths with a file extension, and local images in the body, must be files the site serves;
 *   page paths end with `/`.
 * - The links of `unlisted` files (whose front matter has errors) are checked as far as what is
 *   known of them allows: without their URL, relative links are not; without their status,
 *   drafts and embargoes are not judged.
 */
export function checkArticleLinks(
  articles: readonly LinkedArticle[],
  context: LinkCheckContext,
  unlisted: readonly LinkSource[] = [],
): LinkProblem[] {
  const byUrl = new Map(articles.map((article) => [articlePath(article), article]));
  const byId = new Map(articles.map((article) => [article.id, article]));
  const byAlias = aliasTargets(articles);
  const sections = new Set(context.sections);
  const problems: LinkProblem[] = [];
  for (const article of [...articles, ...unlisted] as LinkSource[]) {
    const { section, slug } = article;
    const pagePath = section !== undefined && slug !== undefined ? articlePath({ section, slug }) : undefined;
    const report = (link: BodyReference, message: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ file: article.filePath, line: link.line, column: link.column, field: 'body', severity, message });
    const judgeTarget = (link: BodyReference, target: LinkedArticle) => {
      if (target.draft && article.draft === false)
        report(link, `links to ${link.url}, a draft (${target.filePath}): readers would get a page not found`);
      else if (article.date !== undefined && target.date.date > context.now && article.date.date <= context.now) {
        report(
          link,
          `links to ${link.url}, which is embargoed until its date (${target.filePath}): the link shows as plain text, its words kept, until a build after that time publishes the story`,
          'warning',
        );
      }
    };
    /** Reports a site file the body names that the site cannot serve; true when it was reported. */
    const missingFile = (reference: BodyReference, path: string, verb: string) => {
      const file = context.siteFile(path);
      if (file.outside !== undefined) {
        report(
          reference,
          `${verb} ${reference.url}, but ${path} is a link to ${file.outside}, outside the content folder: the build never reads it; copy the file into the content folder instead`,
        );
      } else if (!file.found) {
        report(reference, `${verb} ${reference.url}, but the site has no file ${path}`);
      }
    };
    for (const image of article.images) {
      if (pagePath !== undefined || image.url.startsWith('/'))
        missingFile(image, resolveSitePath(image.url, pagePath ?? '/'), 'shows the image');
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
      if (kind !== 'site-path' && (kind !== 'relative' || pagePath === undefined)) continue;
      const path = resolveSitePath(link.url, pagePath ?? '/');
      const aliased = byAlias.get(path);
      if (aliased) {
        judgeTarget(link, aliased);
        continue;
      }
      const segments = path.split('/').filter(Boolean);
      const last = segments.at(-1) ?? '';
      if (last.includes('.')) {
        missingFile(link, path, 'links to');
        continue;
      }
      if (!path.endsWith('/')) {
        report(link, `links to ${link.url}: page addresses end with a slash (${path}/)`);
        continue;
      }
      const [first = ''] = segments;
      if (segments.length === 0 || context.siteRoutes.includes(first)) continue;
      if (!sections.has(first)) {
        const section = closestMatch(first, context.sections, 2);
        const hint = section ? `; did you mean /${[section, ...segments.slice(1)].join('/')}/?` : '';
        report(link, `links to ${link.url}, but the site has no page ${path}: sections are ${context.sections.join(', ')}${hint}`);
        continue;
      }
      if (listPageNumber(segments.slice(1)) !== undefined) continue;
      const target = byUrl.get(path);
      if (target) {
        judgeTarget(link, target);
        continue;
      }
      const closest = closestArticlePath(path, segments, articles);
      report(link, `links to ${link.url}, but no article has the URL ${path}${closest ? `; did you mean ${closest}?` : ''}`);
    }
  }
  return problems;
}

/** Every path an alias of an article is served at (decoded, as links are compared), with its article; the first claim wins. */
function aliasTargets(articles: readonly LinkedArticle[]): Map<string, LinkedArticle> {
  const targets = new Map<string, LinkedArticle>();
  for (const article of articles) {
    for (const alias of article.aliases) {
      for (const path of aliasPaths(alias)) if (!targets.has(safeDecode(path))) targets.set(safeDecode(path), article);
    }
  }
  return targets;
}

/**
 * The article URL a broken link to `path` most likely meant: an article with the same slug in
 * another section, else the URL fewest edits away (at most a fifth of the path, and 2 at least).
 */
function closestArticlePath(path: string, segments: readonly string[], articles: readonly LinkedArticle[]): string | undefined {
  const elsewhere = segments.length === 2 ? articles.find((other) => other.slug === segments[1]) : undefined;
  if (elsewhere) return articlePath(elsewhere);
  return closestMatch(
    path,
    articles.map((article) => articlePath(article)),
    Math.max(2, Math.floor(path.length / 5)),
  );
}

/** A story a body link can lead to, as a build shows it. */
export interface LinkTarget {
  /** Its URL, `/<section>/<slug>/`. */
  path: string;
  /** Whether readers see it in this build (false for a draft or an embargoed story in production). */
  shown: boolean;
}

/** The stories body links can lead to: by article id (links to files), and by every site path they are served at (their URL and their aliases' paths, decoded). */
export interface LinkTargets {
  byId: ReadonlyMap<string, LinkTarget>;
  byPath: ReadonlyMap<string, LinkTarget>;
}

/**
 * The targets of a newsroom's links: every article by id, and by its URL and the paths of its
 * aliases (see `aliasPaths`; an article's URL wins over another's alias, the first alias claim wins).
 */
export function linkTargets(
  articles: readonly (Pick<ArticleRecord, 'id' | 'section' | 'slug' | 'aliases'> & { shown: boolean })[],
): LinkTargets {
  const byId = new Map<string, LinkTarget>();
  const byPath = new Map<string, LinkTarget>();
  for (const article of articles) {
    const target = { path: articlePath(article), shown: article.shown };
    byId.set(article.id, target);
    byPath.set(target.path, target);
  }
  for (const article of articles) {
    const target = byId.get(article.id)!;
    for (const alias of article.aliases) {
      for (const path of aliasPaths(alias)) if (!byPath.has(safeDecode(path))) byPath.set(safeDecode(path), target);
    }
  }
  return { byId, byPath };
}

/**
 * Where a link of the body of the article `from` leads in this build, when it leads to a story:
 * - to another article's file (`../02/b.md`, written `dateline-article:<id>` in the rendered
 *   body), to an article's URL, or to one of its aliases;
 * - `{ href }`: the link as it is shown: the story's URL, with the link's query and fragment (a
 *   link to an alias leads straight to the story; a link already written as the story's URL is
 *   kept as written);
 * - `{ href: null }`: the story is not shown in this build (a draft, or embargoed until a later
 *   build): the link's words stay, without the link, until a build publishes the story. `npm run
 *   check` warns about such a link (embargoed) or refuses it (a draft), and `check:dist` then
 *   finds no link to a page that does not exist.
 * Undefined for any other link (external, a section front, a file).
 */
export function resolveBodyLink(
  href: string,
  from: { id: string; pagePath: string },
  { byId, byPath }: LinkTargets,
): { href: string | null } | undefined {
  const shown = (target: LinkTarget | undefined, rest: string, keep: boolean) =>
    target && { href: target.shown ? (keep ? href : `${target.path}${rest}`) : null };
  if (href.startsWith(ARTICLE_LINK_SCHEME)) {
    const [id = '', hash = ''] = splitHash(href.slice(ARTICLE_LINK_SCHEME.length));
    return shown(byId.get(id), hash, false);
  }
  const kind = classifyLink(href);
  if (kind === 'article-file') {
    const resolved = resolveArticleFileLink(from.id, href);
    return resolved && shown(byId.get(resolved.id), resolved.hash, false);
  }
  if (kind !== 'site-path' && kind !== 'relative') return undefined;
  const url = new URL(href, `https://site.invalid${from.pagePath}`);
  const path = safeDecode(url.pathname);
  const target = byPath.get(path);
  return shown(target, `${url.search}${url.hash}`, target?.path === path);
}

/** The distinct `/media/…` site paths among `references` (as written in a body shown at `pagePath`), sorted. */
export function mediaReferences(references: readonly { url: string }[], pagePath: string): string[] {
  const paths = new Set<string>();
  for (const { url } of references) {
    if (isExternalUrl(url)) continue;
    const path = resolveSitePath(url, pagePath);
    if (path.startsWith('/media/') && path.length > '/media/'.length) paths.add(path);
  }
  return [...paths].sort(compareStrings);
}
