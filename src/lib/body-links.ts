/**
 * Links in a rendered article body, rewritten when pages render it (see `readArticleBody`).
 *
 * The body HTML is what the sanitizer wrote (`src/pipeline/markdown.ts`): every attribute value in
 * double quotes, `&` and `"` in it as character references, and no link inside another.
 */

const LINK = /<a\b([^>]*)>([\s\S]*?)<\/a>/g;
const HREF = /\shref="([^"]*)"/;

/** An attribute value as written by the serializer, decoded: `&#x26;` and `&amp;` → `&`, and so on. */
function decodeAttribute(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt|apos));/gi, (whole, hex: string, dec: string, name: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" }[name.toLowerCase()] ?? whole;
  });
}

/** `text` safe inside a double-quoted attribute. */
function encodeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * `html` with each link's `href` passed to `resolve` (decoded, as written in the Markdown):
 * - a string: the link now leads there;
 * - `null`: the link is taken away and its content (text, emphasis) kept in its place;
 * - `undefined`: the link is left exactly as it was.
 */
export function rewriteLinks(html: string, resolve: (href: string) => string | null | undefined): string {
  if (!html.includes('<a')) return html;
  return html.replace(LINK, (whole, attributes: string, content: string) => {
    const href = HREF.exec(attributes);
    if (!href) return whole;
    const written = decodeAttribute(href[1]!);
    const to = resolve(written);
    if (to === undefined || to === written) return whole;
    if (to === null) return content;
    return `<a${attributes.replace(HREF, ` href="${encodeAttribute(to)}"`)}>${content}</a>`;
  });
}
