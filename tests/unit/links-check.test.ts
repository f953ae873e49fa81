import { describe, expect, test } from 'vitest';
import { checkArticleLinks, type LinkCheckContext, type LinkedArticle } from '../../src/pipeline/links.ts';

const now = new Date('2025-03-20T00:00:00Z');

function article(id: string, section: string, links: string[], overrides: Partial<LinkedArticle> = {}): LinkedArticle {
  const slug = id.slice(id.lastIndexOf('/') + 1);
  return {
    id,
    filePath: `content/${id}.md`,
    section,
    slug,
    draft: false,
    date: { date: new Date('2025-03-01T00:00:00Z'), hasTime: true },
    aliases: [],
    links: links.map((url, index) => ({ url, line: 10 + index, column: 1 })),
    images: [],
    ...overrides,
  };
}

const context: LinkCheckContext = {
  sections: ['national', 'world'],
  siteRoutes: ['search'],
  invalidIds: new Set(['2025/03/broken']),
  siteFile: (path) => ({ found: path === '/media/chart.png', outside: path === '/media/secret.png' ? '/etc/secret.png' : undefined }),
  now,
};

function messages(articles: LinkedArticle[]) {
  return checkArticleLinks(articles, context).map((p) => `${p.file}:${p.line} ${p.severity}: ${p.message}`);
}

describe('checkArticleLinks', () => {
  test('accepts links to articles, fronts, pages, the home page, site routes and files', () => {
    const source = article('2025/03/a', 'national', [
      '/world/b/',
      '../03/b.md',
      './b.md#quote',
      '/national/',
      '/national/page/2/',
      '/',
      '/search/',
      '/media/chart.png',
      '/world/b/#reaction',
      '../../world/b/',
    ]);
    expect(messages([source, article('2025/03/b', 'world', [])])).toEqual([]);
  });

  test('reports each broken link with file, line and a hint', () => {
    const source = article('2025/03/a', 'national', [
      '/national/b/',
      '/nationl/',
      '/national/missing/',
      '../02/gone.md',
      '../../../../etc/passwd.md',
      '/media/missing.png',
      '/world/b',
      '../03/broken.md',
    ]);
    expect(messages([source, article('2025/03/b', 'world', [])])).toEqual([
      'content/2025/03/a.md:10 error: links to /national/b/, but no article has the URL /national/b/; did you mean /world/b/?',
      'content/2025/03/a.md:11 error: links to /nationl/, but the site has no page /nationl/: sections are national, world; did you mean /national/?',
      'content/2025/03/a.md:12 error: links to /national/missing/, but no article has the URL /national/missing/',
      'content/2025/03/a.md:13 error: links to ../02/gone.md, but there is no article file 2025/02/gone.md',
      'content/2025/03/a.md:14 error: links to ../../../../etc/passwd.md, which is outside the content folder',
      'content/2025/03/a.md:15 error: links to /media/missing.png, but the site has no file /media/missing.png',
      'content/2025/03/a.md:16 error: links to /world/b: page addresses end with a slash (/world/b/)',
    ]);
  });

  test('a broken link suggests the closest article URL', () => {
    const source = article('a', 'national', ['/national/carney-in-pars/', '/wrld/carney-in-paris/', '/national/something-else-entirely/']);
    expect(messages([source, article('carney-in-paris', 'national', []), article('budget-vote', 'national', [])])).toEqual([
      'content/a.md:10 error: links to /national/carney-in-pars/, but no article has the URL /national/carney-in-pars/; did you mean /national/carney-in-paris/?',
      'content/a.md:11 error: links to /wrld/carney-in-paris/, but the site has no page /wrld/carney-in-paris/: sections are national, world; did you mean /world/carney-in-paris/?',
      'content/a.md:12 error: links to /national/something-else-entirely/, but no article has the URL /national/something-else-entirely/',
    ]);
  });

  test('a link to an alias is a link to its article, in either shape the host redirects', () => {
    const target = article('b', 'world', [], { aliases: ['/national/old-b/', '/2019/03/b.html'] });
    const source = article('a', 'national', ['/national/old-b/', '/national/old-b', '/2019/03/b.html']);
    expect(messages([source, target])).toEqual([]);
    const draft = article('b', 'world', [], { aliases: ['/national/old-b/'], draft: true });
    expect(messages([article('a', 'national', ['/national/old-b/']), draft])).toEqual([
      'content/a.md:10 error: links to /national/old-b/, a draft (content/b.md): readers would get a page not found',
    ]);
  });

  test('a published story linking to a draft is an error; to an embargoed story, a warning', () => {
    const source = article('a', 'national', ['/world/draft/', '/world/later/']);
    const draft = article('draft', 'world', [], { draft: true });
    const later = article('later', 'world', [], { date: { date: new Date('2025-04-01T00:00:00Z'), hasTime: true } });
    expect(messages([source, draft, later])).toEqual([
      'content/a.md:10 error: links to /world/draft/, a draft (content/draft.md): readers would get a page not found',
      'content/a.md:11 warning: links to /world/later/, which is embargoed until its date (content/later.md): the link shows as plain text, its words kept, until a build after that time publishes the story',
    ]);
  });

  test('local body images must be files the site serves', () => {
    const source = article('a', 'national', [], {
      images: [
        { url: '/media/chart.png', line: 3, column: 1, layout: 'figure' },
        { url: '/media/lost.jpg', line: 5, column: 1, layout: 'figure' },
      ],
    });
    expect(messages([source])).toEqual(['content/a.md:5 error: shows the image /media/lost.jpg, but the site has no file /media/lost.jpg']);
  });

  test('drafts may link to drafts', () => {
    const source = article('a', 'national', ['/world/draft/'], { draft: true });
    expect(messages([source, article('draft', 'world', [], { draft: true })])).toEqual([]);
  });
});
