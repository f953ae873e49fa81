import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  CACHE_IMMUTABLE,
  CACHE_SHORT,
  contentSecurityPolicy,
  formatHeaders,
  formatPolicy,
  formatRedirects,
  headerRules,
  inlineScriptHashes,
  RSS_CONTENT_TYPE,
  XML_CONTENT_TYPE,
} from '../../src/lib/cdn.ts';
import { aliasPaths } from '../../src/lib/urls.ts';

const PAGE_POLICY =
  "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const searchPolicy = (hashes: string) =>
  `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'${hashes}; connect-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

describe('contentSecurityPolicy', () => {
  test('pages run no script, load styles and images from the site only and may not be framed', () => {
    expect(formatPolicy(contentSecurityPolicy())).toBe(PAGE_POLICY);
  });

  test('the search page may run the site’s scripts, its inline scripts by hash and WebAssembly, never unsafe-inline', () => {
    const policy = formatPolicy(contentSecurityPolicy({ search: { inlineScriptHashes: ['sha256-abc=', 'sha256-def='] } }));
    expect(policy).toBe(searchPolicy(" 'sha256-abc=' 'sha256-def='"));
    expect(policy).not.toContain('unsafe-inline');
  });

  test('embed hosts are allowed in frames and images', () => {
    const policy = formatPolicy(contentSecurityPolicy({ embedHosts: ['https://www.youtube-nocookie.com'] }));
    expect(policy).toContain("img-src 'self' https://www.youtube-nocookie.com;");
    expect(policy).toContain('frame-src https://www.youtube-nocookie.com;');
  });

  test('in a <meta> element, without the directives only a header can carry', () => {
    expect(formatPolicy(contentSecurityPolicy(), 'meta')).toBe(PAGE_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});

describe('inlineScriptHashes', () => {
  const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

  test('hashes the exact text of each inline script that runs, in page order', () => {
    const html =
      '<head><script type="application/ld+json">{"@type":"NewsArticle"}</script>' +
      '<script src="/pagefind/0/pagefind-ui.js"></script></head>' +
      '<body><script>(function(){ run(); })();\n</script><script type="module">go()</script>' +
      '<script type=\'text/javascript\'>x()</script><script data-src="a">y()</script></body>';
    expect(inlineScriptHashes(html)).toEqual([sha256('(function(){ run(); })();\n'), sha256('go()'), sha256('x()'), sha256('y()')]);
  });

  test('a page with only data blocks and external scripts has no hash', () => {
    expect(inlineScriptHashes('<script type="application/ld+json">{}</script><script src="/a.js"></script>')).toEqual([]);
  });
});

describe('headerRules', () => {
  const rules = headerRules(
    [
      { name: 'national', isDirectory: true },
      { name: '_astro', isDirectory: true },
      { name: 'index.html', isDirectory: false },
      { name: '404.html', isDirectory: false },
      { name: 'rss.xml', isDirectory: false },
      { name: 'sitemap-index.xml', isDirectory: false },
      { name: 'search', isDirectory: true },
      { name: 'pagefind', isDirectory: true },
      { name: '_headers', isDirectory: false },
      { name: '_redirects', isDirectory: false },
    ],
    { searchScriptHashes: ['sha256-abc='] },
  );
  const headerOf = (path: string, name: string) => rules.find((rule) => rule.path === path)?.headers.find(([key]) => key === name)?.[1];

  test('hashed assets are immutable for a year; pages and other files are short-lived', () => {
    expect(headerOf('/_astro/*', 'Cache-Control')).toBe(CACHE_IMMUTABLE);
    expect(headerOf('/national/*', 'Cache-Control')).toBe(CACHE_SHORT);
    expect(headerOf('/', 'Cache-Control')).toBe(CACHE_SHORT);
    expect(headerOf('/index.html', 'Cache-Control')).toBe(CACHE_SHORT);
    expect(headerOf('/rss.xml', 'Cache-Control')).toBe(CACHE_SHORT);
  });

  test('an HTML file also gets its rule at the address hosts serve it at, without .html', () => {
    expect(headerOf('/404', 'Content-Security-Policy')).toBe(PAGE_POLICY);
    expect(headerOf('/404.html', 'Content-Security-Policy')).toBe(PAGE_POLICY);
  });

  test('feeds are RSS and sitemaps XML, section feeds by one placeholder rule that sets nothing else', () => {
    expect(headerOf('/rss.xml', 'Content-Type')).toBe(RSS_CONTENT_TYPE);
    expect(headerOf('/sitemap-index.xml', 'Content-Type')).toBe(XML_CONTENT_TYPE);
    expect(headerOf('/national/*', 'Content-Type')).toBeUndefined();
    expect(rules.at(-1)).toEqual({ path: '/:section/rss.xml', headers: [['Content-Type', RSS_CONTENT_TYPE]] });
  });

  test('the search page and Pagefind get the search policy, every other rule the page policy', () => {
    expect(headerOf('/search/*', 'Content-Security-Policy')).toBe(searchPolicy(" 'sha256-abc='"));
    expect(headerOf('/pagefind/*', 'Content-Security-Policy')).toBe(searchPolicy(" 'sha256-abc='"));
    for (const path of ['/', '/index.html', '/national/*', '/_astro/*', '/rss.xml'])
      expect(headerOf(path, 'Content-Security-Policy')).toBe(PAGE_POLICY);
  });

  test('no catch-all sets a header another rule sets (hosts would join the two), and host files get no rule', () => {
    expect(rules[0]).toEqual({
      path: '/*',
      headers: [
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
        ['Strict-Transport-Security', 'max-age=31536000'],
        [
          'Permissions-Policy',
          'accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
        ],
        ['X-Frame-Options', 'DENY'],
      ],
    });
    const common = new Set(rules[0]!.headers.map(([name]) => name));
    for (const rule of rules.slice(1)) for (const [name] of rule.headers) expect(common.has(name), `${rule.path} ${name}`).toBe(false);
    expect(rules.map((rule) => rule.path)).toEqual([
      '/*',
      '/404',
      '/404.html',
      '/_astro/*',
      '/',
      '/index.html',
      '/national/*',
      '/pagefind/*',
      '/rss.xml',
      '/search/*',
      '/sitemap-index.xml',
      '/:section/rss.xml',
    ]);
  });

  test('formatted as a _headers file', () => {
    const text = formatHeaders(headerRules([{ name: 'rss.xml', isDirectory: false }]));
    expect(text.split('\n').slice(0, 2)).toEqual(['# Cache and security headers, written by Dateline at build time.', '/*']);
    expect(text.split('\n').slice(7)).toEqual([
      '/rss.xml',
      `  Cache-Control: ${CACHE_SHORT}`,
      `  Content-Security-Policy: ${PAGE_POLICY}`,
      `  Content-Type: ${RSS_CONTENT_TYPE}`,
      '',
    ]);
  });
});

describe('aliasPaths', () => {
  test.each([
    ['/old-story/', ['/old-story/', '/old-story']],
    ['/national/old-slug', ['/national/old-slug', '/national/old-slug/']],
    ['/2019/03/story.html', ['/2019/03/story.html']],
    ['/v1.0/story/', ['/v1.0/story/', '/v1.0/story']],
    ['/national/rss.xml/', ['/national/rss.xml/']],
  ])('%s redirects %j', (alias, paths) => {
    expect(aliasPaths(alias)).toEqual(paths);
  });
});

describe('formatRedirects', () => {
  test('a permanent redirect to each article from both shapes of each alias, ordered by path', () => {
    const text = formatRedirects([
      { section: 'national', slug: 'new-name', aliases: ['/national/old-name/', '/2019/story.html'] },
      { section: 'world', slug: 'plain', aliases: [] },
      { section: 'world', slug: 'moved', aliases: ['/national/moved'] },
    ]);
    expect(text).toBe(
      [
        '# Old URLs of renamed or moved articles, written by Dateline at build time.',
        '/2019/story.html /national/new-name/ 301',
        '/national/moved /world/moved/ 301',
        '/national/moved/ /world/moved/ 301',
        '/national/old-name /national/new-name/ 301',
        '/national/old-name/ /national/new-name/ 301',
        '',
      ].join('\n'),
    );
  });

  test('an alias written in both shapes gives each path once', () => {
    expect(
      formatRedirects([{ section: 'world', slug: 'moved', aliases: ['/old/', '/old'] }])
        .split('\n')
        .slice(1),
    ).toEqual(['/old /world/moved/ 301', '/old/ /world/moved/ 301', '']);
  });

  test('without aliases, only the comment line', () => {
    expect(formatRedirects([])).toBe('# Old URLs of renamed or moved articles, written by Dateline at build time.\n');
  });
});
