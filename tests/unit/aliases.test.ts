import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RESERVED_SEGMENTS, siteFilePaths } from '../../src/lib/urls.ts';
import { describeAliasProblem } from '../../src/pipeline/alias-path.ts';
import { findAliasConflicts } from '../../src/pipeline/aliases.ts';
import { loadCorpus } from '../../src/loader/corpus.ts';
import { fieldPath } from '../../src/loader/locate.ts';
import { formatProblem } from '../../src/pipeline/problems.ts';
import { makeArticle, makeSource, SECTION_SLUGS, TIME_ZONE } from '../helpers/factories.ts';

const site = {
  sections: SECTION_SLUGS,
  reserved: RESERVED_SEGMENTS,
  files: [...siteFilePaths(SECTION_SLUGS), '/favicon.svg', '/logo.png'],
};

describe('describeAliasProblem', () => {
  test.each(['/national/old-slug/', '/news/2025/03/story.html', '/national/caf%C3%A9/', "/o'brien-story"])('accepts %s', (path) => {
    expect(describeAliasProblem(path)).toBeUndefined();
  });

  test.each([
    ['a full URL', 'https://news.example.com/old/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a relative path', 'national/old/'],
    ['a query', '/old/?id=3'],
    ['a fragment', '/old/#top'],
    ['a wildcard', '/old/*'],
    ['a placeholder', '/old/:slug'],
    ['a space', '/old story/'],
    ['a line break', '/old/\n/evil/ /x 200'],
    ['a dot-dot segment', '/national/../world/'],
  ])('refuses %s', (_name, path) => {
    expect(describeAliasProblem(path)).toBeDefined();
  });
});

describe('findAliasConflicts', () => {
  const story = (slug: string, aliases: string[], section = 'national') => makeArticle({ slug, section, aliases, id: slug });

  test('aliases of different articles that take no live URL are fine', () => {
    expect(findAliasConflicts([story('a', ['/old-a/']), story('b', ['/national/old-b/', '/world/b.html'])], site)).toEqual([]);
  });

  const cases: [string, ReturnType<typeof story>[], string][] = [
    ['its own URL', [story('a', ['/national/a/'])], 'is this article’s own URL'],
    ['its own URL without the slash, in capitals', [story('a', ['/National/A'])], 'is this article’s own URL'],
    ['another article’s URL', [story('a', ['/national/b/']), story('b', [])], 'is the URL of content/2025/03/b.md'],
    ['the home page', [story('a', ['/'])], 'home page or section front'],
    ['a section front', [story('a', ['/world/'])], 'home page or section front'],
    ['a page of a section front', [story('a', ['/world/page/2/'])], 'home page or section front'],
    ['a topic page', [story('a', ['/tags/trade/'])], 'under /tags/'],
    ['a page of its own, written with index.html', [story('a', ['/national/a/index.html'])], 'is this article’s own URL'],
    ['a /media/ file', [story('a', ['/media/photo.jpg'])], 'under /media/'],
    ...(
      [
        ['/rss.xml', '/rss.xml'],
        ['/national/rss.xml', '/national/rss.xml'],
        ['/World/RSS.xml', '/world/rss.xml'],
        ['/robots.txt', '/robots.txt'],
        ['/sitemap-index.xml', '/sitemap-index.xml'],
        ['/sitemap-0.xml', '/sitemap-0.xml'],
        ['/news-sitemap.xml', '/news-sitemap.xml'],
        ['/404.html', '/404.html'],
        ['/404', '/404/'],
        ['/_headers', '/_headers'],
        ['/_redirects', '/_redirects'],
        ['/favicon.svg', '/favicon.svg'],
        ['/logo.png/', '/logo.png'],
      ] as const
    ).map(([alias, file]): [string, ReturnType<typeof story>[], string] => [
      `the file ${alias}`,
      [story('a', [alias])],
      `is ${file}, a file the site writes itself`,
    ]),
  ];

  test.each(cases)('an alias may not be %s', (_name, articles, message) => {
    const problems = findAliasConflicts(articles, site);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/2025/03/a.md', field: 'aliases[0]' });
    expect(problems[0]!.message).toContain(message);
  });

  test('two articles may not claim one old URL: both are told', () => {
    const problems = findAliasConflicts([story('a', ['/x/', '/old/']), story('b', ['/OLD'])], site);
    expect(problems.map(({ file, field, message }) => [file, field, message])).toEqual([
      [
        'content/2025/03/a.md',
        'aliases[1]',
        'the alias /old/ is also declared by content/2025/03/b.md; an old URL can redirect to one article only',
      ],
      [
        'content/2025/03/b.md',
        'aliases[0]',
        'the alias /OLD is also declared by content/2025/03/a.md; an old URL can redirect to one article only',
      ],
    ]);
  });
});

// loadCorpus starts worker threads that each load the pipeline.
describe('aliases in a corpus', { timeout: 60_000 }, () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dateline-aliases-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(root, 'content', path)), { recursive: true });
    await writeFile(join(root, 'content', path), text);
  };

  test('are validated, de-duplicated, stored, and conflicts are reported at the alias’s own line', async () => {
    await write('renamed.md', makeSource({ slug: 'renamed', aliases: ['/national/first-name/', '/national/first-name/', '/old.html'] }));
    await write('other.md', makeSource({ slug: 'other', aliases: ['/x/', '/national/renamed/'] }));
    await write('bad.md', makeSource({ slug: 'bad', aliases: ['https://old.example/story'] }));
    await write('feed.md', makeSource({ slug: 'feed', aliases: ['/national/rss.xml', '/favicon.svg'] }));
    await mkdir(join(root, 'public'), { recursive: true });
    await writeFile(join(root, 'public', 'favicon.svg'), '<svg/>');
    const { articles, problems } = await loadCorpus(root, {
      base: 'content',
      sections: SECTION_SLUGS,
      timeZone: TIME_ZONE,
      cacheDir: 'cache',
    });
    expect(articles.find((article) => article.slug === 'renamed')?.aliases).toEqual(['/national/first-name/', '/old.html']);
    expect(problems.map((problem) => formatProblem(problem))).toEqual([
      expect.stringMatching(/^content\/bad\.md:9:5 {2}aliases\[0\] {2}each alias must be a path on this site/),
      'content/feed.md:9:5  aliases[0]  the alias /national/rss.xml is /national/rss.xml, a file the site writes itself; an alias must be an old URL that no longer has a page',
      'content/feed.md:10:5  aliases[1]  the alias /favicon.svg is /favicon.svg, a file the site writes itself; an alias must be an old URL that no longer has a page',
      'content/other.md:10:5  aliases[1]  the alias /national/renamed/ is the URL of content/renamed.md; an alias must be an old URL that no longer has a page',
    ]);
  });
});

describe('fieldPath', () => {
  test.each([
    ['image.src', ['image', 'src']],
    ['aliases[1]', ['aliases', 1]],
    ['title', ['title']],
  ])('%s', (field, path) => {
    expect(fieldPath(field)).toEqual(path);
  });
});
