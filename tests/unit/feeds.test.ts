import { describe, expect, test } from 'vitest';
import { escapeHtmlText, escapeXml, renderFeed, toXmlText, type FeedArticle } from '../../src/lib/feeds.ts';
import { withoutMarkup } from '../../src/lib/strings.ts';
import { makeArticle } from '../helpers/factories.ts';
import { assertWellFormedXml, parseXml, textOf } from '../helpers/xml.ts';

/** Text that tries to break out of elements, attributes, CDATA and entities, with characters XML cannot carry. */
const HOSTILE =
  'Tariffs </title><script>alert(1)</script> & ]]> <![CDATA[x]]> "quoted" \'single\' &amp; &#38; \u0007bell \uD800lone \uFFFE 😀 <dc:creator>creator-0</dc:creator>';
// eslint-disable-next-line no-control-regex -- the test removes the very characters XML forbids
const HOSTILE_CLEAN = HOSTILE.replace(/[\u0007\uD800\uFFFE]/g, '');

const feed = (articles: FeedArticle[], size = 50) =>
  renderFeed({
    title: 'Dateline News: National',
    description: 'The latest National news.',
    link: 'https://news.example.com/national/',
    siteUrl: 'https://news.example.com',
    language: 'en-CA',
    articles,
    size,
  });

const items = (xml: string) => parseXml(xml, ['item', 'category', 'dc:creator'])['rss']['channel']['item'] as Record<string, any>[];

describe('renderFeed', () => {
  test('is an RSS 2.0 channel with absolute links, whole summaries, credits, categories and dates', async () => {
    const article = makeArticle({
      title: 'Carney meets Macron',
      summary: 'A whole summary. It is not cut short, however long it is.',
      slug: 'carney-macron',
      authors: ['Jane Doe', 'John Smith'],
      agency: 'The Canadian Press',
      tags: ['France', 'Trade'],
      at: '2025-03-17T19:40:00Z',
    });
    const xml = await feed([
      { ...article, shareImage: { url: 'https://news.example.com/_astro/a.jpg', width: 1200, height: 800, alt: 'Two flags' } },
    ]);
    const rss = parseXml(xml, ['item', 'category'])['rss'];
    expect(rss['@_version']).toBe('2.0');
    expect(rss['@_xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    expect(rss['channel']).toMatchObject({
      title: 'Dateline News: National',
      link: 'https://news.example.com/national/',
      language: 'en-ca',
    });
    expect(rss['channel']['lastBuildDate']).toBe('Mon, 17 Mar 2025 19:40:00 GMT');
    const [item] = rss['channel']['item'];
    expect(item).toMatchObject({
      title: 'Carney meets Macron',
      link: 'https://news.example.com/national/carney-macron/',
      description: 'A whole summary. It is not cut short, however long it is.',
      pubDate: 'Mon, 17 Mar 2025 19:40:00 GMT',
      category: ['France', 'Trade'],
      'dc:creator': 'Jane Doe and John Smith, The Canadian Press',
    });
    expect(textOf(item.guid)).toBe('https://news.example.com/national/carney-macron/');
    expect(item['media:content']).toMatchObject({
      '@_url': 'https://news.example.com/_astro/a.jpg',
      '@_medium': 'image',
      '@_width': '1200',
      '@_height': '800',
    });
    expect(textOf(item['media:content']['media:description'])).toBe('Two flags');
  });

  test('holds the newest `size` stories in the order given', async () => {
    const articles = [0, 1, 2, 3, 4].map((i) => makeArticle({ slug: `s${i}`, at: `2025-03-1${9 - i}T10:00:00Z` }));
    const xml = await feed(articles, 3);
    expect(items(xml).map((item) => item.link)).toEqual(['s0', 's1', 's2'].map((slug) => `https://news.example.com/national/${slug}/`));
  });

  test('an empty section has a valid feed without items', async () => {
    const channel = parseXml(await feed([]))['rss']['channel'];
    expect(channel['item']).toBeUndefined();
    expect(channel['lastBuildDate']).toBeUndefined();
  });

  test('stays well-formed XML whatever the title, summary, tags, byline and alt text contain', async () => {
    const article = makeArticle({ title: HOSTILE, summary: HOSTILE, tags: [HOSTILE], authors: [HOSTILE], agency: HOSTILE });
    const xml = await feed([
      { ...article, shareImage: { url: 'https://news.example.com/_astro/a.jpg?w=1&h=2', width: 1, height: 1, alt: HOSTILE } },
    ]);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('&lt;script&gt;alert(1)&lt;/script&gt;</description>');
    const [item] = items(xml);
    // Tags are removed (plain-text fields); everything else arrives as text.
    const text = withoutMarkup(HOSTILE_CLEAN);
    expect(text).toContain(']]> <![CDATA[x]]> "quoted"');
    expect(item!.title).toBe(text);
    expect(item!.description).toBe(escapeHtmlText(text));
    expect(item!.category).toEqual([text]);
    expect(item!['dc:creator']).toEqual([withoutMarkup(`${HOSTILE_CLEAN}, ${HOSTILE_CLEAN}`)]);
    expect(textOf(item!['media:content']['media:description'])).toBe(text);
    expect(item!['media:content']['@_url']).toBe('https://news.example.com/_astro/a.jpg?w=1&h=2');
  });

  test('a headline, summary or tag with pasted markup carries its text without the tags, not escaped markup', async () => {
    const article = makeArticle({
      title: 'Mayor <b>resigns</b> after vote',
      summary: 'The <em>council</em> met.<br>It voted.',
      tags: ['<i>Trade</i>'],
    });
    const [item] = items(await feed([article]));
    expect([item!.title, item!.description, item!.category]).toEqual(['Mayor resigns after vote', 'The council met. It voted.', ['Trade']]);
  });

  test('number-like names and alt text are kept exactly as written', async () => {
    const article = makeArticle({ authors: ['007'], agency: undefined });
    const xml = await feed([{ ...article, shareImage: { url: 'https://news.example.com/a.jpg', width: 1, height: 1, alt: '1e3' } }]);
    const [item] = items(xml);
    expect(item!['dc:creator']).toEqual(['007']);
    expect(textOf(item!['media:content']['media:description'])).toBe('1e3');
  });
});

describe('toXmlText and escapeXml', () => {
  test('drop only what XML 1.0 cannot carry', () => {
    expect(toXmlText('a\u0000b\u0008c\u000Bd\u001Fe\tf\ng\rh\uFFFFi\uDC00j😀k')).toBe('abcde\tf\ng\rhij😀k');
  });

  test('escape markup characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('assertWellFormedXml (the checker the feed tests rely on)', () => {
  test.each([
    ['a raw control character', '<a>\u0007</a>'],
    ['an unescaped ampersand', '<a>&</a>'],
    ['an unclosed element', '<a><b></a>'],
    ['an undeclared namespace prefix', '<a><dc:creator>x</dc:creator></a>'],
  ])('rejects %s', (_name, xml) => {
    expect(() => assertWellFormedXml(xml)).toThrow(/not well-formed/);
  });
});

describe('escapeHtmlText', () => {
  test('turns markup into text a feed reader shows literally', () => {
    expect(escapeHtmlText('<script>alert(1)</script> & more')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });
});
