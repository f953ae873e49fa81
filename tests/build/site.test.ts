import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll, select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import type { Root } from 'hast';
import { beforeAll, describe, expect, test } from 'vitest';
import { BuildState } from '../../src/store/build-state.ts';
import { buildSite, hashTree, listFiles, PROJECT_ROOT, readPage, TMP_ROOT, type BuildResult } from '../helpers/build.ts';
import { makeSource } from '../helpers/factories.ts';

/**
 * A small newsroom written for these assertions:
 * - national: 12 stories an hour apart (two front pages, full rails), the newest with image, agency and update;
 * - world: one published story (no rail), one draft, one dated after the build time (embargoed);
 * - health and the other sections: empty;
 * - fronts: the home page leads with national story 5, with the world story and a pinned story
 *   on top (another pin has ended) and a banner; the National front names an embargoed lead.
 */
const CONTENT = join(TMP_ROOT, 'basic-content');

async function writeArticle(path: string, source: string) {
  await mkdir(dirname(join(CONTENT, path)), { recursive: true });
  await writeFile(join(CONTENT, path), source);
}

const text = (tree: Root, selector: string) => {
  const node = select(selector, tree);
  if (!node) throw new Error(`no ${selector}`);
  return toText(node, { whitespace: 'normal' }).replace(/\s+/g, ' ').trim();
};
const texts = (tree: Root, selector: string) => selectAll(selector, tree).map((node) => toText(node).replace(/\s+/g, ' ').trim());
const hrefs = (tree: Root, selector: string) => selectAll(selector, tree).map((node) => String(node.properties['href']));

let site: BuildResult;

beforeAll(async () => {
  await rm(CONTENT, { recursive: true, force: true });
  await mkdir(join(CONTENT, 'media'), { recursive: true });
  await copyFile(join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg'), join(CONTENT, 'media/carney-macron-paris.jpg'));
  for (let i = 0; i < 12; i++) {
    const hour = String(23 - i).padStart(2, '0');
    const extra =
      i === 0
        ? {
            agency: 'The Canadian Press',
            updated: '2025-03-18T08:05',
            image: { src: '/media/carney-macron-paris.jpg', alt: 'Two flags', caption: 'Leaders met in Paris.', credit: 'Staff' },
            corrections: [
              { date: '2025-03-18T09:15', text: 'An earlier version misstated the day of the meeting.' },
              { date: '2025-03-17T20:00', text: 'The headline misspelt a name.' },
            ],
          }
        : {};
    await writeArticle(
      `national/story-${String(i).padStart(2, '0')}.md`,
      makeSource(
        { title: `National story ${i}`, date: `2025-03-16T${hour}:40`, summary: `Summary of national story ${i}.`, ...extra },
        `Paragraph of story ${i}.\n\n<script>alert(${i})</script>\n`,
      ),
    );
  }
  await writeArticle('world/alone.md', makeSource({ title: 'World story', section: 'world', date: '2025-03-10' }));
  await writeArticle('world/draft.md', makeSource({ title: 'Secret draft', section: 'world', draft: true }));
  await writeArticle('world/embargoed.md', makeSource({ title: 'Embargoed story', section: 'world', date: '2025-04-01T06:00' }));
  await writeArticle(
    'fronts/home.yaml',
    [
      'lead: national/story-05',
      'top: [/world/alone/]',
      'pinned:',
      '  - story: national/story-09',
      '    until: 2025-03-25T00:00',
      '  - story: national/story-10',
      '    until: 2025-03-19T00:00',
      'banner:',
      '  text: Polls close at 8 p.m.',
      '  link: world/alone',
      '  until: 2025-03-21T00:00',
      '',
    ].join('\n'),
  );
  await writeArticle('fronts/national.yaml', 'lead: world/embargoed\ntop: [national/story-11]\n');
  site = await buildSite('basic', CONTENT, { TZ: 'UTC' });
  if (site.status !== 0) throw new Error(`build failed:\n${site.output}`);
});

describe('article page', () => {
  test('shows section label, headline, dek, byline with agency and newsroom time, update, lead image and body', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-00/');
    expect(hrefs(tree, '.kicker a')).toEqual(['/national/']);
    expect(texts(tree, 'h1')).toEqual(['National story 0']);
    expect(text(tree, '.standfirst')).toBe('Summary of national story 0.');
    expect(text(tree, '.byline')).toBe('Darpan News Desk The Canadian Press, 16 Mar, 2025 11:40 PM Updated 18 Mar, 2025 8:05 AM');
    expect(selectAll('.byline time', tree).map((node) => node.properties['dateTime'])).toEqual([
      '2025-03-16T23:40:00-07:00',
      '2025-03-18T08:05:00-07:00',
    ]);
    const img = select('.lead-image picture img', tree)!;
    // The <img> fallback is the mid-size JPEG (800 px), never the original.
    expect(img.properties).toMatchObject({ alt: 'Two flags', width: 800, height: 533, loading: 'eager', fetchPriority: 'high' });
    expect(text(tree, '.lead-image figcaption')).toBe('Leaders met in Paris. (Staff)');
    expect(text(tree, '.article-body')).toBe('Paragraph of story 0.');
  });

  test('the rail lists the six latest other national stories, newest first, never the article itself', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-00/');
    expect(text(tree, '.rail h2')).toBe('More National Articles');
    expect(hrefs(tree, '.rail .card-title a')).toEqual([1, 2, 3, 4, 5, 6].map((i) => `/national/story-0${i}/`));
    expect(texts(tree, '.rail .card-summary')[0]).toBe('Summary of national story 1.');
    const older = await readPage(site.outDir, '/national/story-03/');
    expect(hrefs(older.tree, '.rail .card-title a')).toEqual([0, 1, 2, 4, 5, 6].map((i) => `/national/story-0${i}/`));
  });

  test('rail items show a thumbnail only when the story has an image', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-01/');
    expect(selectAll('.rail .card', tree).map((card) => select('img', card) !== undefined)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test('corrections are listed, oldest first, with their times, at the end of the story', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-00/');
    expect(text(tree, '.corrections h2')).toBe('Corrections');
    expect(texts(tree, '.corrections li')).toEqual([
      '17 Mar, 2025 8:00 PM: The headline misspelt a name.',
      '18 Mar, 2025 9:15 AM: An earlier version misstated the day of the meeting.',
    ]);
    const other = await readPage(site.outDir, '/national/story-01/');
    expect(select('.corrections', other.tree)).toBeUndefined();
  });

  test('the only story of a section has no rail', async () => {
    const { tree } = await readPage(site.outDir, '/world/alone/');
    expect(select('.rail', tree)).toBeUndefined();
    expect(text(tree, '.byline')).toBe('Darpan News Desk, 10 Mar, 2025');
  });

  test('ad slots are reserved and labelled ADVT', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-00/');
    expect(texts(tree, '.ad-slot')).toEqual(['ADVT', 'ADVT']);
  });
});

describe('images', () => {
  const IMAGE_SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
    'image/avif': (bytes) => bytes.subarray(4, 12).toString('latin1') === 'ftypavif',
    'image/webp': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
    'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8,
  };
  /** Every `url width` pair of a srcset, with the file checked to exist and to be of `type`. */
  async function candidates(srcset: unknown, type: string): Promise<number[]> {
    const widths: number[] = [];
    for (const candidate of String(srcset).split(', ')) {
      const [url, descriptor] = candidate.split(' ');
      expect(url, candidate).toMatch(/^\/_astro\/[\w.-]+\.(avif|webp|jpg)$/);
      const bytes = await readFile(join(site.outDir, url!));
      expect(IMAGE_SIGNATURES[type]!(bytes), `${url} is ${type}`).toBe(true);
      widths.push(Number(descriptor!.replace(/w$/, '')));
    }
    return widths;
  }

  test('the lead image is offered as AVIF, WebP and JPEG at three widths, sized, eager and first in priority', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-00/');
    const picture = select('.lead-image picture', tree)!;
    const sources = selectAll('source', picture);
    expect(sources.map((source) => source.properties['type'])).toEqual(['image/avif', 'image/webp']);
    for (const source of sources) {
      expect(await candidates(source.properties['srcSet'], String(source.properties['type']))).toEqual([480, 800, 1200]);
      expect(source.properties['sizes']).toBe('(min-width: 60rem) 48rem, calc(100vw - 2rem)');
    }
    const img = select('img', picture)!;
    expect(await candidates(img.properties['srcSet'], 'image/jpeg')).toEqual([480, 800, 1200]);
    expect(img.properties).toMatchObject({ width: 800, height: 533, loading: 'eager', fetchPriority: 'high' });
    expect(existsSync(join(site.outDir, String(img.properties['src'])))).toBe(true);
  });

  test('thumbnails are 3:2, decorative, lazy and offered at 150 and 300 px', async () => {
    const { tree } = await readPage(site.outDir, '/national/story-01/');
    const thumbs = selectAll('.card-thumb picture', tree);
    expect(thumbs).toHaveLength(1);
    const img = select('img', thumbs[0]!)!;
    expect(img.properties).toMatchObject({ alt: '', width: 300, height: 200, loading: 'lazy' });
    expect(await candidates(img.properties['srcSet'], 'image/jpeg')).toEqual([150, 300]);
    expect(selectAll('source', thumbs[0]!).map((source) => source.properties['type'])).toEqual(['image/avif', 'image/webp']);
  });

  test('originals are not published as they are: every image is a converted file under /_astro/', async () => {
    const files = await listFiles(site.outDir);
    expect(files.filter((file) => /\.(jpe?g|png|webp|avif)$/.test(file) && !file.startsWith('_astro/'))).toEqual(['logo.png']);
  });
});

describe('section fronts', () => {
  test('list the section newest first over numbered pages with prev/next links', async () => {
    const first = await readPage(site.outDir, '/national/');
    expect(texts(first.tree, 'h1')).toEqual(['National']);
    // The front's order: its embargoed lead is left out, so the latest leads; its top story next.
    expect(hrefs(first.tree, '.front-lead-title a, .card-title a')).toEqual(
      [0, 11, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `/national/story-${String(i).padStart(2, '0')}/`),
    );
    expect(hrefs(first.tree, '.pagination a')).toEqual(['/national/page/2/']);
    const second = await readPage(site.outDir, '/national/page/2/');
    expect(hrefs(second.tree, '.card-title a')).toEqual(['/national/story-09/', '/national/story-10/']);
    expect(select('.date-strip', second.tree)).toBeUndefined();
    expect(hrefs(second.tree, '.pagination a')).toEqual(['/national/']);
    expect(text(second.tree, '.pagination')).toContain('Page 2 of 2');
  });

  test('an empty section shows a friendly message', async () => {
    const { tree } = await readPage(site.outDir, '/health/');
    expect(text(tree, '.empty-state')).toContain('No Health stories have been published yet.');
  });

  test('every configured section has a front', async () => {
    for (const section of ['national', 'world', 'business', 'community', 'health', 'sports']) {
      expect(existsSync(join(site.outDir, section, 'index.html'))).toBe(true);
    }
  });
});

describe('home page and 404', () => {
  test('the home page leads with the editors’ lead, then their top and pinned stories, then the latest; no story twice', async () => {
    const { tree } = await readPage(site.outDir, '/');
    expect(hrefs(tree, '.front-lead-title a')).toEqual(['/national/story-05/']);
    expect(hrefs(tree, '.front-top-list .card-title a')).toEqual([
      '/world/alone/',
      '/national/story-09/',
      '/national/story-00/',
      '/national/story-01/',
    ]);
    expect(hrefs(tree, '.home-latest .card-title a').slice(0, 2)).toEqual(['/national/story-02/', '/national/story-03/']);
    const stories = hrefs(tree, '.front-top a, .home-latest a, .home-section a').filter((href) =>
      /^\/(national|world)\/[^/]+\/$/.test(href),
    );
    expect(stories).toHaveLength(13);
    expect(new Set(stories).size).toBe(stories.length);
    // A lead without an image of its own, in a section without a fallback image, has none.
    expect(select('.front-lead-image', tree)).toBeUndefined();
    // The National front's lead has one: the large, eager image, described.
    const national = await readPage(site.outDir, '/national/');
    expect(select('.front-lead-image img', national.tree)?.properties).toMatchObject({
      alt: 'Two flags',
      loading: 'eager',
      fetchPriority: 'high',
    });
  });

  test('the banner and the date strip are on the home page and fronts, not on story pages; an ended pin is a warning', async () => {
    for (const path of ['/', '/national/']) {
      const { tree } = await readPage(site.outDir, path);
      expect(hrefs(tree, '.breaking-banner a'), path).toEqual(['/world/alone/']);
      expect(text(tree, '.breaking-banner'), path).toBe('Breaking Polls close at 8 p.m.');
      expect(select('.date-strip time', tree)?.properties['dateTime'], path).toBe('2025-03-20');
      expect(text(tree, '.date-strip'), path).toBe('Thursday, March 20, 2025');
    }
    const { tree } = await readPage(site.outDir, '/national/story-00/');
    expect(select('.breaking-banner', tree)).toBeUndefined();
    expect(select('.date-strip', tree)).toBeUndefined();
    expect(site.output).toContain('fronts/home.yaml:7:5  pinned[1].until  the pin of “national/story-10” ended 19 Mar, 2025 12:00 AM');
  });

  test('a 404 page exists with links back into the site', async () => {
    const { tree } = await readPage(site.outDir, '/404.html');
    expect(texts(tree, 'h1')).toEqual(['Page not found']);
    expect(hrefs(tree, 'main a')).toContain('/');
  });
});

describe('what never reaches readers', () => {
  test('drafts and embargoed stories appear nowhere in the output', async () => {
    const files = await listFiles(site.outDir);
    expect(files.filter((file) => /draft|embargoed/.test(file))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(join(site.outDir, file), 'utf8');
      expect(html, file).not.toMatch(/Secret draft|Embargoed story/);
    }
  });

  test('only the search page runs JavaScript (its own and Pagefind’s); other pages carry only JSON-LD, and script from content is removed', async () => {
    const files = await listFiles(site.outDir);
    const ownScripts = files.filter((file) => file.endsWith('.js') && !file.startsWith('pagefind/'));
    expect(ownScripts).toEqual([expect.stringMatching(/^_astro\/search\.[\w.-]+\.js$/)]);
    const pages = files.filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages.filter((page) => page !== 'search/index.html')) {
      const html = await readFile(join(site.outDir, file), 'utf8');
      expect(html, file).not.toMatch(/alert\(/);
      const scripts = selectAll('script', fromHtml(html));
      expect(
        scripts.map((script) => script.properties['type']),
        file,
      ).toEqual(scripts.map(() => 'application/ld+json'));
      expect(scripts.every((script) => script.properties['src'] === undefined)).toBe(true);
    }
    const { tree } = await readPage(site.outDir, '/search/');
    // One script, the search page's own, built by Astro into a file of the site.
    const scripts = selectAll('script', tree).map((script) => [script.properties['type'], String(script.properties['src'])]);
    expect(scripts).toEqual([['module', `/${ownScripts[0]}`]]);
  });
});

describe('build determinism', () => {
  test('the machine time zone changes nothing: a build under TZ=Pacific/Auckland is byte-identical', async () => {
    const other = await buildSite('basic-auckland', CONTENT, { TZ: 'Pacific/Auckland' });
    expect(other.status, other.output).toBe(0);
    expect(await hashTree(other.outDir)).toEqual(await hashTree(site.outDir));
  });

  test('a preview build shows drafts and embargoed stories with banners, marked noindex', async () => {
    const preview = await buildSite('basic-preview', CONTENT, { DATELINE_PREVIEW: '1' });
    expect(preview.status, preview.output).toBe(0);
    const draft = await readPage(preview.outDir, '/world/draft/');
    expect(text(draft.tree, '.status-banner')).toBe('DRAFT — not published. Set draft: false to publish.');
    const embargoed = await readPage(preview.outDir, '/world/embargoed/');
    expect(text(embargoed.tree, '.status-banner')).toBe(
      'EMBARGOED until 1 Apr, 2025 6:00 AM — it appears on the first build after that time.',
    );
    const published = await readPage(preview.outDir, '/world/alone/');
    expect(select('.status-banner', published.tree)).toBeUndefined();
    expect(select('meta[name="robots"]', published.tree)?.properties['content']).toBe('noindex, nofollow');
    const front = await readPage(preview.outDir, '/world/');
    expect(texts(front.tree, '.status-label')).toEqual(['EMBARGOED', 'DRAFT']);
    const production = await readPage(site.outDir, '/world/alone/');
    expect(select('meta[name="robots"]', production.tree)).toBeUndefined();
    // Nothing in it invites a crawler or a feed reader to an unpublished story, and its log says what it is.
    expect(await readFile(join(preview.outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    const files = await listFiles(preview.outDir);
    expect(files.filter((file) => /sitemap-(?:index|\d+)\.xml$/.test(file))).toEqual([]);
    for (const feed of ['rss.xml', 'world/rss.xml', 'news-sitemap.xml']) {
      const xml = await readFile(join(preview.outDir, feed), 'utf8');
      expect(xml, feed).not.toMatch(/Secret draft|Embargoed story|\/world\/(?:draft|embargoed)\//);
    }
    expect(await readFile(join(preview.outDir, 'world/rss.xml'), 'utf8')).toContain('World story');
    expect(preview.output.match(/PREVIEW BUILD in .*: drafts and embargoed stories are included.*Never deploy it\./g)).toHaveLength(2);
    expect(preview.output).not.toContain('THE SITE URL IS THE EXAMPLE');
  });

  test('a production build with the example site URL warns, at its start and its end; with its own URL it does not', async () => {
    expect(site.output.match(/THE SITE URL IS THE EXAMPLE https:\/\/news\.example\.com: .*DATELINE_SITE_URL/g)).toHaveLength(2);
    expect(site.output).not.toContain('PREVIEW BUILD');
  });

  test('ads can be switched off', async () => {
    const noAds = await buildSite('basic-no-ads', CONTENT, { DATELINE_ADS: 'off', DATELINE_SITE_URL: 'https://news.dateline.test' });
    expect(noAds.status, noAds.output).toBe(0);
    const { html } = await readPage(noAds.outDir, '/national/story-00/');
    expect(html).not.toContain('ad-slot');
    expect(noAds.output).not.toContain('THE SITE URL IS THE EXAMPLE');
  });
});

describe('bad content', () => {
  test('fails the build and prints every bad file, line and field once, in one run', async () => {
    const bad = await buildSite('bad', join(PROJECT_ROOT, 'tests/fixtures/bad-content'));
    expect(bad.status).not.toBe(0);
    const expected = [
      'tests/fixtures/bad-content/draft-yes.md:7:1  draft  draft must be true or false',
      'tests/fixtures/bad-content/duplicate-one.md:1:1  slug  the URL /world/same-story/ is also used by tests/fixtures/bad-content/duplicate-two.md',
      'tests/fixtures/bad-content/duplicate-two.md:1:1  slug  the URL /world/same-story/ is also used by tests/fixtures/bad-content/duplicate-one.md',
      'tests/fixtures/bad-content/empty-file.md:1:1  the file is empty',
      'tests/fixtures/bad-content/fronts/home.yaml:2:1  lead  no story is “world/story-that-was-never-written”',
      'tests/fixtures/bad-content/impossible-date.md:5:1  date  “2025-02-30T10:00” does not exist',
      'tests/fixtures/bad-content/javascript-frontmatter.md:1:1  front matter must be YAML',
      'tests/fixtures/bad-content/latin1-encoding.md:2:1  the file is not valid UTF-8',
      'tests/fixtures/bad-content/missing-alt.md:7:1  image.alt  image.alt is required',
      'tests/fixtures/bad-content/missing-closing.md:1:1  the front matter has no closing line',
      'tests/fixtures/bad-content/missing-image.md:8:3  image.src  image.src “/media/ferry-that-was-never-saved.jpg” does not exist',
      'tests/fixtures/bad-content/unknown-section.md:3:1  section  section must be one of',
    ];
    // Each problem once: the report is printed as it is, with no location read out of it and no stack trace.
    for (const line of expected) expect(bad.output.split(line).length - 1, line).toBe(1);
    expect(bad.output.match(/12 content errors in 12 files:\n/g)).toHaveLength(1);
    expect(bad.output).not.toMatch(/Location:|Stack trace:|\bat \w+ \(/);
    expect(bad.output).toContain('npm run check` lists the same problems in seconds');
    expect(bad.output).not.toContain('good-article.md');
    expect(existsSync('/tmp/dateline-pwned')).toBe(false);
  });
});

describe('content cache', () => {
  test("Astro's content store holds no records: headlines, summaries and the digests records are kept under are in the build state only", async () => {
    const store = await readFile(join(site.cacheDir, 'data-store.json'), 'utf8');
    expect(store).not.toContain('World story');
    expect(store).not.toContain('Secret draft');
    BuildState.forgetAll();
    const entries = BuildState.open(site.cacheDir).articles().entries();
    expect([...entries.values()].map((entry) => entry.record.title)).toContain('World story');
    // Every article has an entry in Astro's store, by its id; the digest its record is kept under is not there.
    expect(entries.size).toBe(15);
    for (const [digest, { record }] of entries) {
      expect(store).toContain(JSON.stringify(record.id));
      expect(store).not.toContain(digest);
    }
  });

  test('a rebuild from a warm cache, after another newsroom was built, reuses every article and still finds its images', async () => {
    const before = await hashTree(site.outDir);
    // Another newsroom, without images, rewrites Astro's list of image imports (shared by every build of the project)…
    const otherContent = join(TMP_ROOT, 'other-content');
    await rm(otherContent, { recursive: true, force: true });
    await mkdir(otherContent, { recursive: true });
    await writeFile(join(otherContent, 'plain.md'), makeSource({ title: 'Plain story' }));
    const other = await buildSite('other', otherContent);
    expect(other.status, other.output).toBe(0);
    // …so the unchanged articles of this one must register theirs again.
    const warm = await buildSite('basic', CONTENT, { TZ: 'UTC' }, { keepCache: true });
    expect(warm.status, warm.output).toBe(0);
    expect(warm.output).toContain('0 processed, 15 unchanged');
    expect(await hashTree(site.outDir)).toEqual(before);
  });
});
