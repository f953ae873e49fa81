import type { BodyImageLayout } from '../schemas/record.ts';
import type { Picture } from './images.ts';

/**
 * Body images, as the page shows them: each `<img>` of the body HTML that the pipeline marked
 * (`data-dateline-image="<layout>"`, see `src/pipeline/body-images.ts`) becomes the `<picture>` the
 * image pipeline cut for it.
 */

/**
 * A marked `<img>` as the body HTML holds it: attributes in double quotes (in which `"` and `&` are
 * character references), the marker last.
 */
const MARKED_IMAGE = /<img((?:\s+[a-zA-Z][\w-]*="[^"]*")*)\s+data-dateline-image="(figure|gallery|poster)">/g;
const ATTRIBUTE = /\s+([a-zA-Z][\w-]*)="([^"]*)"/g;

/** A character reference as hast-util-to-html writes one (`&#x26;`), or a named one of the few an attribute may hold. */
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|quot|lt|gt|apos));/g;
const NAMED: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };

/** The value of an HTML attribute with its character references decoded. */
export function decodeAttribute(value: string): string {
  return value.replace(REFERENCE, (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(hex ? Number.parseInt(hex, 16) : Number(decimal)),
  );
}

/** `value` safe inside a double-quoted HTML attribute. */
export function escapeAttribute(value: string | number): string {
  return String(value).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

/**
 * `picture` as HTML, with `attributes` (already escaped, as the body held them: `alt`, maybe
 * `title`) on its `<img>`.
 */
export function pictureHtml(picture: Picture, attributes: readonly (readonly [string, string])[]): string {
  const sources = picture.sources.map(
    (source) =>
      `<source srcset="${escapeAttribute(source.srcset)}" type="${escapeAttribute(source.type)}" sizes="${escapeAttribute(source.sizes)}">`,
  );
  const own = attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
  const cut = Object.entries(picture.img.attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<picture>${sources.join('')}<img src="${escapeAttribute(picture.img.src)}" srcset="${escapeAttribute(picture.img.srcset)}"${own}${cut}></picture>`;
}

/**
 * The body HTML with every marked image replaced by its cut `<picture>`.
 *
 * - `pictureFor(src, layout)` gives the picture of the image written `src` (decoded), or undefined
 *   when it was not cut (a file outside `/media/`, say): that image stays an `<img>` as written,
 *   without the mark.
 * - The `<img>` keeps the body's `alt` (and `title`); its size, `srcset`, `sizes` and loading come
 *   from the cut, so nothing shifts as it loads.
 */
export function replaceBodyImages(html: string, pictureFor: (src: string, layout: BodyImageLayout) => Picture | undefined): string {
  if (!html.includes('data-dateline-image=')) return html;
  return html.replace(MARKED_IMAGE, (_whole, attributeText: string, layout: BodyImageLayout) => {
    const attributes = [...attributeText.matchAll(ATTRIBUTE)].map(([, name, value]) => [name!, value!] as const);
    const src = attributes.find(([name]) => name === 'src')?.[1];
    const picture = src === undefined ? undefined : pictureFor(decodeAttribute(src), layout);
    if (!picture) return `<img${attributeText}>`;
    return pictureHtml(
      picture,
      attributes.filter(([name]) => name === 'alt' || name === 'title'),
    );
  });
}
