import type { Front, FrontRef } from '../schemas/front.ts';
import { compareNewestFirst, type Dated } from './articles.ts';
import { formatDateline } from './dates.ts';
import { closestMatch } from './strings.ts';
import { articlePath, isExternalUrl, searchPath, sectionPath } from './urls.ts';

/**
 * Fronts: what leads the home page and each section front. Editors choose a lead, top stories and
 * pins in `content/fronts/*.yaml` (see `src/pipeline/front.ts`); these functions check those
 * choices against the newsroom and decide, at a build's time, what each front shows.
 */

/** What a front needs to know of a story. */
export interface FrontStory extends Dated {
  section: string;
  slug: string;
}

/** How many top stories a front shows below its lead (curated ones first, then the latest). */
export const TOP_STORIES = 4;

/** The story `story` names (its content id or its URL), among `stories`. */
export function findFrontStory<T extends FrontStory>(story: string, stories: readonly T[]): T | undefined {
  const wanted = story.replace(/\.md$/, '');
  return stories.find(
    (candidate) => candidate.id === wanted || articlePath(candidate) === wanted || articlePath(candidate) === `${wanted}/`,
  );
}

/** A front as it stands at a build's time: its lead, its top stories and every other story, each once. */
export interface FrontDecision<T> {
  /** The lead story: the editors' when it is published, else the latest. Undefined only for an empty front. */
  lead: T | undefined;
  /** The top stories: `top`, then the unexpired pins, then the latest, up to `topCount` (more when editors chose more). */
  top: T[];
  /** Every other story, newest first. */
  rest: T[];
}

/**
 * What a front shows at `now`, from `stories` (those the build shows, any order) and the editors'
 * `front` (none: the latest stories, as a plain list would).
 *
 * - A chosen story that the build does not show (embargoed, or not a story) is left out, and its
 *   slot fills from the latest stories; it appears at the first build after its time.
 * - A pin counts until its `until`; from the first build at or after it, it is gone.
 * - No story appears twice: the lead, then the top stories, then the rest newest first.
 */
export function decideFront<T extends FrontStory>(
  front: Front | undefined,
  stories: readonly T[],
  now: Date,
  topCount: number = TOP_STORIES,
): FrontDecision<T> {
  const latest = [...stories].sort(compareNewestFirst);
  const pick = (ref: FrontRef | undefined) => (ref === undefined ? undefined : findFrontStory(ref.story, stories));
  const chosenLead = pick(front?.lead);
  const chosenTop = [
    ...(front?.top ?? []).map(pick),
    ...(front?.pinned ?? []).filter((pin) => pin.until.date.getTime() > now.getTime()).map(pick),
  ].filter((story): story is T => story !== undefined);
  const used = new Set<string>();
  const take = (story: T) => {
    used.add(story.id);
    return story;
  };
  const chosenTopIds = new Set(chosenTop.map((story) => story.id));
  const lead = chosenLead ? take(chosenLead) : latest.find((story) => !chosenTopIds.has(story.id));
  if (lead) used.add(lead.id);
  const top: T[] = [];
  for (const story of chosenTop) if (!used.has(story.id)) top.push(take(story));
  for (const story of latest) {
    if (top.length >= topCount) break;
    if (!used.has(story.id)) top.push(take(story));
  }
  return { lead, top, rest: latest.filter((story) => !used.has(story.id)) };
}

/** The stories of a decision in the order the front shows them: lead, top, rest. */
export function frontOrder<T>(decision: FrontDecision<T>): T[] {
  return [...(decision.lead ? [decision.lead] : []), ...decision.top, ...decision.rest];
}

/** A problem of a front file at its place (the shape of the pipeline's `FileProblem`, which `src/lib/` may not import). */
export interface FrontProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  severity: 'error' | 'warning';
  message: string;
}

/** The banner as pages show it. */
export interface ShownBanner {
  text: string;
  href: string;
}

/** What a front's stories and links are checked against. */
export interface FrontContext {
  /** Section slugs. */
  sections: readonly string[];
  timeZone: string;
}

/**
 * Where the banner's `link` leads on this site, or why it cannot: an `https://` address as it is; a
 * story (content id or URL) at its URL; the home page, the search page or a section front.
 */
function resolveBannerLink<T extends FrontStory>(
  link: string,
  stories: readonly T[],
  sections: readonly string[],
): { href: string; story?: T } | { problem: string } {
  if (isExternalUrl(link)) {
    let url: URL | undefined;
    try {
      url = new URL(link);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || url.username || url.password || /\s/.test(link)) {
      return { problem: `the banner’s link “${link}” must be a story, a page of this site or an https:// address` };
    }
    return { href: url.href };
  }
  const story = findFrontStory(link, stories);
  if (story) return { href: articlePath(story), story };
  const path = link.endsWith('/') ? link : `${link}/`;
  const pages = ['/', searchPath(), ...sections.map((section) => sectionPath(section))];
  if (pages.includes(path)) return { href: path };
  return { problem: `the banner’s link “${link}” leads nowhere: no story has that id or URL, and it is not a page of this site` };
}

/**
 * The problems of `front` that need the whole newsroom (`articles`: every valid article, drafts
 * and embargoed ones too), at `now`:
 *
 * - A story no article is (by content id or URL) is an error, with the closest id.
 * - A draft is an error: a front shows only published stories.
 * - An embargoed story is fine: it is left out until the first build after its time.
 * - A pin whose time has passed is a warning (it is no longer shown); so is a banner whose time has passed.
 * - A banner link that leads nowhere (or to a draft) is an error.
 */
export function checkFront<T extends FrontStory & { draft: boolean }>(
  front: Front,
  articles: readonly T[],
  now: Date,
  { sections, timeZone }: FrontContext,
): FrontProblem[] {
  const problems: FrontProblem[] = [];
  const at = (place: { line: number; column: number }, field: string) => ({ file: front.filePath, ...place, field });
  const refs: [FrontRef, string][] = [
    ...(front.lead ? [[front.lead, 'lead'] as [FrontRef, string]] : []),
    ...front.top.map((ref, index): [FrontRef, string] => [ref, `top[${index}]`]),
    ...front.pinned.map((ref, index): [FrontRef, string] => [ref, `pinned[${index}].story`]),
  ];
  const ids = articles.map((article) => article.id);
  for (const [ref, field] of refs) {
    const story = findFrontStory(ref.story, articles);
    if (!story) {
      const close = closestMatch(ref.story.replace(/^\/+|\.md$/g, ''), ids, 3);
      problems.push({
        ...at(ref.at, field),
        severity: 'error',
        message: `no story is “${ref.story}”; name a story by its file without .md (e.g. 2025/03/some-story) or its URL${close ? `; did you mean ${close}?` : ''}`,
      });
    } else if (story.draft) {
      problems.push({
        ...at(ref.at, field),
        severity: 'error',
        message: `“${ref.story}” is a draft, and a front shows only published stories; publish it (draft: false) or take it off the front`,
      });
    }
  }
  front.pinned.forEach((pin, index) => {
    if (pin.until.date.getTime() > now.getTime()) return;
    problems.push({
      ...at(pin.untilAt, `pinned[${index}].until`),
      severity: 'warning',
      message: `the pin of “${pin.story}” ended ${formatDateline(pin.until, timeZone)}, so it is no longer pinned; remove it`,
    });
  });
  if (front.banner) {
    const { banner } = front;
    const resolved = resolveBannerLink(banner.link, articles, sections);
    if ('problem' in resolved) problems.push({ ...at(banner.linkAt, 'banner.link'), severity: 'error', message: resolved.problem });
    else if (resolved.story?.draft) {
      problems.push({
        ...at(banner.linkAt, 'banner.link'),
        severity: 'error',
        message: `the banner links to “${banner.link}”, a draft; publish it or link elsewhere`,
      });
    }
    if (banner.until.date.getTime() <= now.getTime()) {
      problems.push({
        ...at(banner.untilAt, 'banner.until'),
        severity: 'warning',
        message: `the banner ended ${formatDateline(banner.until, timeZone)}, so it is no longer shown; remove it`,
      });
    }
  }
  return problems;
}

/**
 * The banner of `front` as readers see it at `now`, or undefined: not before its link leads
 * somewhere the build has (a story still embargoed keeps it down), and not at or after its `until`.
 */
export function decideBanner<T extends FrontStory>(
  front: Front | undefined,
  stories: readonly T[],
  now: Date,
  sections: readonly string[],
): ShownBanner | undefined {
  const banner = front?.banner;
  if (!banner || banner.until.date.getTime() <= now.getTime()) return undefined;
  const resolved = resolveBannerLink(banner.link, stories, sections);
  return 'problem' in resolved ? undefined : { text: banner.text, href: resolved.href };
}
