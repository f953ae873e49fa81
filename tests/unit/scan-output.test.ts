import { fromHtml } from 'hast-util-from-html';
import { describe, expect, test } from 'vitest';
import { isScriptUrl, scanHtml, scanJson, scanXml } from '../helpers/scan-output.ts';

/** The scanner guards the build-output test; these cases prove it can fail. */
describe('scan-output', () => {
  test.each([
    ['javascript:alert(1)', true],
    [' JaVa\tScript:alert(1)', true],
    ['vbscript:x', true],
    ['data:text/html,<script>', true],
    ['data:image/png;base64,AAAA', false],
    ['https://example.com/javascript:', false],
    ['/national/', false],
  ])('isScriptUrl(%j) is %s', (url, expected) => {
    expect(isScriptUrl(url)).toBe(expected);
  });

  test('finds scripts, handlers, script URLs, frames, forms, base and meta refresh in HTML', () => {
    const html = `<script>alert(1)</script><script src="https://evil.example/x.js"></script>
      <p onclick="x()">a</p><a href="javascript:alert(1)">b</a><img src=" javascript:x"><iframe></iframe>
      <form></form><base href="/"><meta http-equiv="refresh" content="0"><svg><a xlink:href="javascript:x">c</a></svg>`;
    expect(scanHtml(fromHtml(html), 'x.html').map((finding) => finding.what)).toEqual([
      '<script> alert(1)',
      '<script src="https://evil.example/x.js"> ',
      '<p onClick="x()">',
      '<a href="javascript:alert(1)">',
      '<img src=" javascript:x">',
      '<iframe> element',
      '<form> element',
      '<base> element',
      '<meta http-equiv=refresh>',
      '<a xLinkHref="javascript:x">',
    ]);
  });

  test('allows JSON-LD, the site’s own bundles and plain markup', () => {
    const html = `<script type="application/ld+json">{"a":"<\\/script>"}</script><script type="module" src="/_astro/page.js"></script>
      <a href="/national/">ok</a><img src="/media/a.jpg" alt="">`;
    expect(scanHtml(fromHtml(html), 'x.html')).toEqual([]);
  });

  test('finds escaped and CDATA markup in feed items and script URLs in XML links', () => {
    const xml = `<rss><channel><item><title>&lt;script&gt;plain text&lt;/script&gt;</title><description>&lt;img src=x onerror=alert(1)&gt;</description>
      <link>javascript:alert(2)</link><content:encoded><![CDATA[<script>alert(3)</script>]]></content:encoded>
      <enclosure url="javascript:alert(4)"/></item></channel></rss>`;
    expect(scanXml(xml, 'feed.xml').map((finding) => finding.what)).toEqual([
      '<img onError="alert(1)">',
      '<link>javascript:alert(2)</link>',
      '<script> alert(3)',
      '<enclosure url="javascript:alert(4)">',
    ]);
  });

  test('finds script URLs under URL keys in JSON, not in plain text', () => {
    const json = JSON.stringify({ url: 'javascript:alert(1)', keywords: ['javascript:alert(2)'], image: { url: 'https://x' } });
    expect(scanJson(json, 'a.json').map((finding) => finding.what)).toEqual(['"url": "javascript:alert(1)"']);
  });
});
