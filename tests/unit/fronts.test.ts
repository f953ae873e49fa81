import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatEditionDate } from '../../src/lib/dates.ts';
import { checkFront, decideBanner, decideFront, frontOrder } from '../../src/lib/fronts.ts';
import { loadCorpus } from '../../src/loader/corpus.ts';
import { processFrontFile } from '../../src/pipeline/front.ts';
import { formatProblem } from '../../src/pipeline/problems.ts';
import type { Front } from '../../src/schemas/front.ts';
import { makeArticle, makeSource, pngHeader, SECTION_SLUGS, TIME_ZONE } from '../helpers/factories.ts';

const FILE = 'content/fronts/home.yaml';
const NOW = new Date('2025-03-18T12:00:00Z');
const CONTEXT = { sections: SECTION_SLUGS, timeZone: TIME_ZONE };

/** The front of `source` as home.yaml (or `name`.yaml), which must be valid. */
function front(source: string, name = 'home'): Front {
  const result = processFrontFile({ path: `content/fronts/${name}.yaml`, source, digest: 'd' }, { name, timeZone: TIME_ZONE });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.front;
}

/** The printed problems of `source` read as home.yaml (or `name`.yaml). */
function fileProblems(source: string, name = 'home'): string[] {
  const result = processFrontFile({ path: `content/fronts/${name}.yaml`, source, digest: 'd' }, { name, timeZone: TIME_ZONE });
  return result.problems.map((problem) => formatProblem({ ...problem, file: `content/fronts/${name}.yaml` }));
}

// Newest first: a (18 Mar 10:00 UTC) … e (14 Mar); f is a draft, g is embargoed (after NOW).
const a = makeArticle({ slug: 'a', at: '2025-03-18T10:00:00Z' });
const b = makeArticle({ slug: 'b', at: '2025-03-17T10:00:00Z' });
const c = makeArticle({ slug: 'c', at: '2025-03-16T10:00:00Z', section: 'world' });
const d = makeArticle({ slug: 'd', at: '2025-03-15T10:00:00Z' });
const e = makeArticle({ slug: 'e', at: '2025-03-14T10:00:00Z' });
const f = makeArticle({ slug: 'f', at: '2025-03-13T10:00:00Z', draft: true });
const g = makeArticle({ slug: 'g', at: '2025-03-19T10:00:00Z' });
const ALL = [a, b, c, d, e, f, g];
/** What a production build at NOW shows. */
const SHOWN = [a, b, c, d, e];
const ids = (stories: readonly { slug: string }[]) => stories.map((story) => story.slug);

describe('processFrontFile', () => {
  test('reads lead, top, pins and the banner, each with its line; dates in the newsroom zone', () => {
    const result = front(
      'lead: 2025/03/c\ntop:\n  - 2025/03/d\n  - /national/e/\npinned:\n  - story: 2025/03/b\n    until: 2025-03-20T18:00\nbanner:\n  text: Polls close at 8 p.m.\n  link: /national/\n  until: 2025-03-18T20:00\n',
    );
    expect(result).toMatchObject({
      name: 'home',
      filePath: FILE,
      lead: { story: '2025/03/c', at: { line: 1, column: 1 } },
      top: [
        { story: '2025/03/d', at: { line: 3 } },
        { story: '/national/e/', at: { line: 4 } },
      ],
      pinned: [{ story: '2025/03/b', at: { line: 6 }, untilAt: { line: 7 }, until: { date: new Date('2025-03-21T01:00:00Z') } }],
      banner: {
        text: 'Polls close at 8 p.m.',
        link: '/national/',
        linkAt: { line: 10 },
        until: { date: new Date('2025-03-19T03:00:00Z') },
      },
    });
  });

  test('an empty file is a front that chooses nothing', () => {
    expect(front('')).toMatchObject({ top: [], pinned: [] });
  });

  test.each([
    [
      'an unknown field, with a suggestion',
      'lede: 2025/03/a\n',
      'content/fronts/home.yaml:1:1  lede  unknown field “lede”; did you mean “lead”?',
    ],
    ['a pin without an end', 'pinned:\n  - story: 2025/03/a\n', 'content/fronts/home.yaml:2:5  pinned[0].until  until is required'],
    [
      'an impossible date',
      'pinned:\n  - story: 2025/03/a\n    until: 2025-02-30\n',
      'content/fronts/home.yaml:3:5  pinned[0].until  pinned[0].until: “2025-02-30” does not exist',
    ],
    [
      'a banner without a link',
      'banner:\n  text: Breaking\n  until: 2025-03-18T20:00\n',
      'content/fronts/home.yaml:1:1  banner.link  banner.link is required',
    ],
    ['top that is not a list', 'top: 2025/03/a\n', 'content/fronts/home.yaml:1:1  top  top must be a list of stories'],
  ])('%s is an error at its line', (_, source, expected) => {
    expect(fileProblems(source).join('\n')).toContain(expected);
  });

  test('a banner belongs in home.yaml only', () => {
    expect(fileProblems('banner:\n  text: Hi\n  link: /\n  until: 2025-03-18\n', 'national')).toEqual([
      'content/fronts/national.yaml:1:1  banner  the breaking-news banner belongs in home.yaml, which puts it on the home page and every section front; move it there',
    ]);
  });
});

describe('checkFront', () => {
  const problems = (source: string) => checkFront(front(source), ALL, NOW, CONTEXT).map(formatProblem);

  test('an unknown story is an error at its line, with the closest id', () => {
    expect(problems('lead: 2025/03/a\ntop:\n  - 2025/03/bb\n')).toEqual([
      'content/fronts/home.yaml:3:5  top[0]  no story is “2025/03/bb”; name a story by its file without .md (e.g. 2025/03/some-story) or its URL; did you mean 2025/03/b?',
    ]);
  });

  test('a draft is an error at its line', () => {
    expect(problems('lead: 2025/03/f\n')).toEqual([
      'content/fronts/home.yaml:1:1  lead  “2025/03/f” is a draft, and a front shows only published stories; publish it (draft: false) or take it off the front',
    ]);
  });

  test('an embargoed story is no problem; an expired pin is a warning', () => {
    expect(problems('lead: 2025/03/g\npinned:\n  - story: 2025/03/b\n    until: 2025-03-18T04:00\n')).toEqual([
      'content/fronts/home.yaml:4:5  pinned[0].until  the pin of “2025/03/b” ended 18 Mar, 2025 4:00 AM, so it is no longer pinned; remove it  (warning)',
    ]);
  });

  test('a banner link that leads nowhere is an error; an ended banner a warning', () => {
    expect(problems('banner:\n  text: Hi\n  link: /nowhere/\n  until: 2025-03-18T04:00\n')).toEqual([
      'content/fronts/home.yaml:3:3  banner.link  the banner’s link “/nowhere/” leads nowhere: no story has that id or URL, and it is not a page of this site',
      'content/fronts/home.yaml:4:3  banner.until  the banner ended 18 Mar, 2025 4:00 AM, so it is no longer shown; remove it  (warning)',
    ]);
    expect(problems('banner:\n  text: Hi\n  link: http://example.com/\n  until: 2025-03-19\n')).toHaveLength(1);
    expect(problems('banner:\n  text: Hi\n  link: https://example.com/live\n  until: 2025-03-19\n')).toEqual([]);
  });
});

describe('decideFront', () => {
  test('without a front file: the latest story leads, then the next latest', () => {
    const decision = decideFront(undefined, SHOWN, NOW, 2);
    expect([decision.lead?.slug, ids(decision.top), ids(decision.rest)]).toEqual(['a', ['b', 'c'], ['d', 'e']]);
  });

  test('the editors’ lead and top come first; the rest fills from the latest, never the same story twice', () => {
    const decision = decideFront(front('lead: 2025/03/d\ntop: [/national/e/, 2025/03/d, 2025/03/a]\n'), SHOWN, NOW, 3);
    expect(decision.lead?.slug).toBe('d');
    expect(ids(decision.top)).toEqual(['e', 'a', 'b']);
    expect(ids(decision.rest)).toEqual(['c']);
    expect(ids(frontOrder(decision))).toEqual(['d', 'e', 'a', 'b', 'c']);
  });

  test('a pin counts until its time, then the front fills from the latest', () => {
    const source = 'pinned:\n  - story: 2025/03/e\n    until: 2025-03-18T12:00Z\n';
    expect(ids(decideFront(front(source), SHOWN, new Date('2025-03-18T11:59:00Z'), 2).top)).toEqual(['e', 'b']);
    expect(ids(decideFront(front(source), SHOWN, NOW, 2).top)).toEqual(['b', 'c']);
  });

  test('an embargoed lead is left out (the latest leads) until the first build after its time', () => {
    const decision = decideFront(front('lead: 2025/03/g\ntop: [2025/03/c]\n'), SHOWN, NOW, 2);
    expect([decision.lead?.slug, ids(decision.top)]).toEqual(['a', ['c', 'b']]);
    const later = decideFront(front('lead: 2025/03/g\ntop: [2025/03/c]\n'), [...SHOWN, g], new Date('2025-03-19T10:00:00Z'), 2);
    expect([later.lead?.slug, ids(later.top)]).toEqual(['g', ['c', 'a']]);
  });

  test('an empty newsroom has no lead', () => {
    expect(decideFront(front('lead: 2025/03/a\n'), [], NOW)).toEqual({ lead: undefined, top: [], rest: [] });
  });
});

describe('decideBanner', () => {
  const banner = (link: string, until = '2025-03-18T20:00') => front(`banner:\n  text: Breaking\n  link: ${link}\n  until: ${until}\n`);

  test('shown with its link until its time', () => {
    expect(decideBanner(banner('2025/03/c'), SHOWN, NOW, SECTION_SLUGS)).toEqual({ text: 'Breaking', href: '/world/c/' });
    expect(decideBanner(banner('/national'), SHOWN, NOW, SECTION_SLUGS)).toEqual({ text: 'Breaking', href: '/national/' });
    expect(decideBanner(banner('2025/03/c', '2025-03-18T05:00'), SHOWN, NOW, SECTION_SLUGS)).toBeUndefined();
  });

  test('a banner linking to an embargoed story waits for it', () => {
    expect(decideBanner(banner('2025/03/g'), SHOWN, NOW, SECTION_SLUGS)).toBeUndefined();
  });
});

describe('formatEditionDate', () => {
  test('the calendar day of the build in the newsroom zone', () => {
    // 06:30 UTC on 18 December is still 17 December in Vancouver.
    expect(formatEditionDate(new Date('2025-12-18T06:30:00Z'), TIME_ZONE)).toBe('Wednesday, December 17, 2025');
  });
});

describe('fronts in the content check', () => {
  let root: string;
  const options = { base: 'content', sections: SECTION_SLUGS, timeZone: TIME_ZONE, cacheDir: 'cache', now: NOW };
  const write = async (path: string, text: string | Uint8Array) => {
    await mkdir(dirname(join(root, 'content', path)), { recursive: true });
    await writeFile(join(root, 'content', path), text);
  };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dateline-fronts-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('valid fronts and fallback images are returned; a misnamed file, an unknown story and a draft are reported', async () => {
    await write('2025/03/story.md', makeSource({ date: '2025-03-17T10:00' }));
    await write('2025/03/draft.md', makeSource({ date: '2025-03-16T10:00', draft: true }));
    await write('fronts/home.yaml', 'lead: 2025/03/story\ntop:\n  - 2025/03/stroy\n');
    await write('fronts/national.yaml', 'lead: 2025/03/draft\nfallbackAlt: A maple leaf.\n');
    await write('fronts/national.png', pngHeader(60, 40));
    await write('fronts/nationl.yaml', 'lead: 2025/03/story\n');
    await write('fronts/weather.jpg', pngHeader(60, 40));
    const { problems, fronts } = await loadCorpus(root, options);
    expect(fronts.fronts.map((front) => front.name)).toEqual(['home', 'national']);
    expect(fronts.fallbacks).toEqual([{ section: 'national', filePath: 'content/fronts/national.png', alt: 'A maple leaf.' }]);
    expect(problems.map((problem) => formatProblem(problem))).toEqual([
      'content/fronts/home.yaml:3:5  top[0]  no story is “2025/03/stroy”; name a story by its file without .md (e.g. 2025/03/some-story) or its URL; did you mean 2025/03/story?',
      'content/fronts/national.yaml:1:1  lead  “2025/03/draft” is a draft, and a front shows only published stories; publish it (draft: false) or take it off the front',
      `content/fronts/nationl.yaml  a front file is named home.yaml or after a section (${SECTION_SLUGS.join(', ')}); did you mean national.yaml?`,
      `content/fronts/weather.jpg  a fallback image is named after a section (${SECTION_SLUGS.join(', ')}), e.g. national.jpg`,
    ]);
  });
});
