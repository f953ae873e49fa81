import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { bioParagraphs, profileKeyParts } from '../../src/lib/authors.ts';
import { articleJsonLd, profilePageJsonLd } from '../../src/lib/jsonld.ts';
import { loadCorpus } from '../../src/loader/corpus.ts';
import { processAuthorFile } from '../../src/pipeline/author.ts';
import { formatProblem } from '../../src/pipeline/problems.ts';
import { makeArticle, makeSource, pngHeader, SECTION_SLUGS, TIME_ZONE } from '../helpers/factories.ts';

const file = (source: string) => ({ path: 'content/authors/x.yaml', source, digest: 'd' });
const messages = (source: string) => {
  const result = processAuthorFile(file(source));
  return result.problems.map((problem) => formatProblem({ ...problem, file: 'content/authors/x.yaml' }));
};

describe('processAuthorFile', () => {
  test('a profile: links without a label show their host; the slug is the author page’s', () => {
    const result = processAuthorFile(
      file(
        'name: Priya Sandhu\nrole: Community reporter\nbio: |\n  One.\n  Two.\n\n  Three.\nphoto:\n  src: ./priya.jpg\n  alt: Priya\nlinks:\n  - https://social.example/@priya\n  - label: Website\n    url: https://priya.example\n',
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      problems: [],
      profile: {
        name: 'Priya Sandhu',
        slug: 'priya-sandhu',
        filePath: 'content/authors/x.yaml',
        role: 'Community reporter',
        photo: { src: './priya.jpg', alt: 'Priya' },
        links: [
          { label: 'social.example', url: 'https://social.example/@priya' },
          { label: 'Website', url: 'https://priya.example' },
        ],
      },
    });
    if (result.ok) expect(bioParagraphs(result.profile.bio)).toEqual(['One. Two.', 'Three.']);
  });

  test('every mistake at its line and field, all at once', () => {
    expect(
      messages(
        'nmae: Typo\nrole: 12\nphoto:\n  src: https://cdn.example/p.jpg\nlinks:\n  - javascript:alert(1)\n  - http://plain.example\n  - label: X\n    url: https://user:pw@x.example/\n',
      ),
    ).toEqual([
      'content/authors/x.yaml:1:1  name  name is required',
      'content/authors/x.yaml:2:1  role  role must be text: put numbers and true/false in quotes',
      'content/authors/x.yaml:4:3  photo.src  photo.src must be a file in the content folder, such as /media/photo.jpg or ./photo.jpg; images from other sites are not allowed: save the file in the content folder so the build can size it and serve it from this site',
      'content/authors/x.yaml:3:1  photo.alt  photo.alt is required: describe the photo for readers who cannot see it',
      'content/authors/x.yaml:6:5  links[0]  link: “javascript:alert(1)” must be an https:// address',
      'content/authors/x.yaml:7:5  links[1]  link: “http://plain.example” must be an https:// address',
      'content/authors/x.yaml:9:5  links[2].url  link url: “https://user:pw@x.example/” must not carry a user name or password',
      'content/authors/x.yaml:1:1  nmae  unknown field “nmae”; did you mean “name”?',
    ]);
  });

  test('YAML is read as front matter is: duplicate keys are errors; markup and a long bio are warnings', () => {
    expect(messages('name: A\nname: B\n')[0]).toMatch(
      /^content\/authors\/x\.yaml:2:1 {2}the profile is not valid YAML: Map keys must be unique/,
    );
    expect(messages(`name: <b>Priya</b>\nbio: ${'word '.repeat(130)}\n`)).toEqual([
      'content/authors/x.yaml:1:1  name  the name contains HTML markup (<b>): it is plain text, shown as written, tags and all; remove the markup  (warning)',
      'content/authors/x.yaml:2:1  bio  the bio is 649 characters; keep it short (under 600): two or three sentences  (warning)',
    ]);
  });
});

describe('author profiles in the content check', () => {
  let root: string;
  const options = { base: 'content', sections: SECTION_SLUGS, timeZone: TIME_ZONE, cacheDir: 'cache' };
  const write = async (path: string, text: string | Uint8Array) => {
    await mkdir(dirname(join(root, 'content', path)), { recursive: true });
    await writeFile(join(root, 'content', path), text);
  };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dateline-authors-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('valid profiles are returned; one no byline credits, two for one page, a missing or outside photo are reported', async () => {
    await write('story.md', makeSource({ byline: 'Priya Sandhu and Darpan News Desk' }));
    await write('authors/priya.yaml', 'name: priya sandhu\nphoto:\n  src: ./priya.png\n  alt: Priya\n');
    await write('authors/priya.png', pngHeader(40, 40));
    await write('authors/desk.yml', 'name: Darpan News Desk\n');
    await write('authors/desk-again.yaml', 'name: Darpan news desk\n');
    await write('authors/nobody.yaml', 'name: Priya Sandu\n');
    await write('authors/lost.yaml', 'name: Lost Photo\nphoto:\n  src: /media/gone.jpg\n  alt: x\n');
    await writeFile(join(root, 'secret.png'), pngHeader(10, 10));
    await write('authors/leak.yaml', 'name: Leak\nphoto:\n  src: ./leak.png\n  alt: x\n');
    await symlink(join(root, 'secret.png'), join(root, 'content/authors/leak.png'));
    await write('authors/notes.txt', 'not a profile');
    const { problems, authors } = await loadCorpus(root, options);
    expect(authors.map((author) => author.slug)).toEqual(['priya-sandu', 'priya-sandhu']);
    expect(problems.map((problem) => formatProblem(problem))).toEqual([
      'content/authors/desk-again.yaml:1:1  name  “Darpan news desk” also has a profile in content/authors/desk.yml: keep one file per person or desk',
      'content/authors/desk.yml:1:1  name  “Darpan News Desk” also has a profile in content/authors/desk-again.yaml: keep one file per person or desk',
      'content/authors/leak.yaml:1:1  name  no story’s byline credits “Leak”, so no author page shows this profile; write the name as the bylines do  (warning)',
      `content/authors/leak.yaml:3:3  photo.src  photo.src “./leak.png”: content/authors/leak.png is a link to ${join(root, 'secret.png')}, outside the content folder: the build never reads it; copy the file into the content folder instead`,
      'content/authors/lost.yaml:1:1  name  no story’s byline credits “Lost Photo”, so no author page shows this profile; write the name as the bylines do  (warning)',
      'content/authors/lost.yaml:3:3  photo.src  photo.src “/media/gone.jpg” does not exist: no file content/media/gone.jpg; add the image there or correct the path',
      'content/authors/nobody.yaml:1:1  name  no story’s byline credits “Priya Sandu”, so no author page shows this profile; write the name as the bylines do; did you mean “Priya Sandhu”?  (warning)',
    ]);
  });
});

describe('structured data of profiled authors', () => {
  const profile = {
    role: 'Community reporter',
    bio: 'Covers Surrey.\n\nSays hello.',
    links: [{ label: 'Mastodon', url: 'https://social.example/@priya' }],
  };

  test('an article names a profiled person with her role and pages elsewhere; names without a profile as before', () => {
    const article = makeArticle({ slug: 'story', authors: ['Priya Sandhu', 'Darpan News Desk'] });
    const [news] = articleJsonLd(
      article,
      'National',
      undefined,
      {
        siteName: 'D',
        siteUrl: 'https://news.example.com',
        locale: 'en-CA',
        timeZone: TIME_ZONE,
        logo: { src: '/logo.png', width: 1, height: 1 },
      },
      (name) => (name === 'Priya Sandhu' ? profile : undefined),
    );
    expect(news!['author']).toEqual([
      {
        '@type': 'Person',
        name: 'Priya Sandhu',
        url: 'https://news.example.com/authors/priya-sandhu/',
        jobTitle: 'Community reporter',
        sameAs: ['https://social.example/@priya'],
      },
      { '@type': 'Organization', name: 'Darpan News Desk', url: 'https://news.example.com/authors/darpan-news-desk/' },
    ]);
  });

  test('an author page is a ProfilePage of the person', () => {
    expect(
      profilePageJsonLd({
        name: 'Priya Sandhu',
        profile,
        url: 'https://news.example.com/authors/priya-sandhu/',
        siteUrl: 'https://news.example.com',
        image: { url: 'https://news.example.com/_astro/p.jpg', width: 240, height: 240 },
      }),
    ).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      url: 'https://news.example.com/authors/priya-sandhu/',
      mainEntity: {
        '@type': 'Person',
        name: 'Priya Sandhu',
        url: 'https://news.example.com/authors/priya-sandhu/',
        jobTitle: 'Community reporter',
        sameAs: ['https://social.example/@priya'],
        description: 'Covers Surrey. Says hello.',
        image: { '@type': 'ImageObject', url: 'https://news.example.com/_astro/p.jpg', width: 240, height: 240 },
      },
    });
  });

  test('the cache key parts of a profile change with anything the page shows', () => {
    const base = { name: 'P', slug: 'p', links: [], role: 'R' };
    expect(profileKeyParts({ ...base, role: 'S' })).not.toEqual(profileKeyParts(base));
    expect(profileKeyParts({ ...base, photoKey: '/_astro/b.jpg' })).not.toEqual(profileKeyParts({ ...base, photoKey: '/_astro/a.jpg' }));
    expect(profileKeyParts(undefined)).toBeNull();
  });
});
