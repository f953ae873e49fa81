import { describe, expect, test } from 'vitest';
import { decodeAttribute, replaceBodyImages } from '../../src/lib/body-images.ts';
import type { Picture } from '../../src/lib/images.ts';
import { bodyImagePath } from '../../src/pipeline/body-images.ts';

const PICTURE: Picture = {
  sources: [{ type: 'image/avif', srcset: '/_astro/a_1.avif 480w, /_astro/a_2.avif 800w', sizes: '42rem' }],
  img: {
    src: '/_astro/a_2.jpg',
    srcset: '/_astro/a_1.jpg 480w, /_astro/a_2.jpg 800w',
    attributes: { sizes: '42rem', loading: 'lazy', decoding: 'async', width: 800, height: 533 },
  },
};

describe('bodyImagePath', () => {
  test.each([
    ['/media/a.jpg', '/national/story/', '/media/a.jpg'],
    ['../../media/a%20b.png', '/national/story/', '/media/a b.png'],
    ['/media/chart.gif', '/national/story/', undefined],
    ['/logo.png', '/national/story/', undefined],
    ['https://example.com/media/a.jpg', '/national/story/', undefined],
  ])('%s on %s', (url, page, expected) => {
    expect(bodyImagePath(url, page)).toBe(expected);
  });
});

describe('replaceBodyImages', () => {
  test('a marked image becomes its cut picture, keeping the alt text as the body escaped it', () => {
    const html = '<p><img src="/media/a&#x26;b.jpg" alt="Tom &#x26; &#x22;Jerry&#x22; > cat" data-dateline-image="figure"></p>';
    const seen: [string, string][] = [];
    expect(
      replaceBodyImages(html, (src, layout) => {
        seen.push([src, layout]);
        return PICTURE;
      }),
    ).toBe(
      '<p><picture><source srcset="/_astro/a_1.avif 480w, /_astro/a_2.avif 800w" type="image/avif" sizes="42rem"><img src="/_astro/a_2.jpg" srcset="/_astro/a_1.jpg 480w, /_astro/a_2.jpg 800w" alt="Tom &#x26; &#x22;Jerry&#x22; > cat" sizes="42rem" loading="lazy" decoding="async" width="800" height="533"></picture></p>',
    );
    expect(seen).toEqual([['/media/a&b.jpg', 'figure']]);
  });

  test('an image that was not cut stays as written, without the mark', () => {
    expect(replaceBodyImages('<img src="/logo.png" alt="Logo" width="10" height="10" data-dateline-image="figure">', () => undefined)).toBe(
      '<img src="/logo.png" alt="Logo" width="10" height="10">',
    );
  });

  test('decodes the character references an attribute may hold', () => {
    expect(decodeAttribute('a&#x26;b&#34;c&amp;d')).toBe('a&b"c&d');
  });
});
