import type { Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * The allowlist for article bodies: what news copy needs, nothing that can run.
 *
 * Applied after `rehype-raw`, so it covers raw HTML pasted into Markdown as well as Markdown
 * itself. Anything not listed is removed: elements are unwrapped (their text stays) except those
 * in `strip`, which go with their content. No `style`, no `class` from authors, no event
 * handlers, no `<script>`, `<iframe>`, `<form>`, `<base>`, `<meta>`, `<svg>` or `<math>`.
 */
export const sanitizeSchema: SanitizeSchema = {
  tagNames: [
    // Paragraphs, breaks and section headings (h1 is the headline; body h1s are demoted before this step).
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    // Inline emphasis and edits that copy editors use.
    'a',
    'strong',
    'em',
    'b',
    'i',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'small',
    'mark',
    'abbr',
    'cite',
    'q',
    'time',
    'code',
    'kbd',
    'pre',
    // Quotes and lists.
    'blockquote',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    // Tables of figures: results, budgets, schedules (GFM tables).
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    // Photos and charts with captions inside the story.
    'figure',
    'figcaption',
    'img',
    // GFM footnotes.
    'section',
    // The credit in a figure's or gallery's caption (`:::figure{credit=…}`), styled like the lead image's.
    'span',
  ],
  attributes: {
    // Links: the target, a tooltip; footnote references carry their ARIA link to the label.
    a: [
      'href',
      'title',
      'ariaDescribedBy',
      'ariaLabel',
      'dataFootnoteRef',
      'dataFootnoteBackref',
      // A video's facade, a card linking to the video (`::youtube`, `::vimeo`; see `directives.ts`).
      ['className', 'data-footnote-backref', 'embed-link'],
      ['id', /^fnref-[\w-]+$/],
    ],
    // Images: where, what for blind readers, and their intrinsic size so the page does not shift.
    img: ['src', 'alt', 'title', 'width', 'height'],
    // Sources of quotes and edits.
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'dateTime'],
    ins: ['cite', 'dateTime'],
    time: ['dateTime'],
    abbr: ['title'],
    // Numbered lists that continue after a break.
    ol: ['start', 'reversed'],
    // Table cells that span and scope; GFM column alignment arrives as one of three fixed classes.
    th: ['colSpan', 'rowSpan', 'scope', ['className', 'align-left', 'align-center', 'align-right']],
    td: ['colSpan', 'rowSpan', ['className', 'align-left', 'align-center', 'align-right']],
    // Syntax-highlighting hint on code blocks from Markdown fences.
    code: [['className', /^language-[\w-]+$/]],
    // What the directives produce (see `directives.ts`), one fixed class each: figures, galleries
    // and their images, video and post embeds; a video facade's title and where it plays; a credit.
    figure: [['className', 'figure', 'gallery', 'gallery-item', 'embed', 'embed-video', 'embed-post']],
    strong: [['className', 'embed-title']],
    small: [['className', 'embed-source']],
    span: [['className', 'credit']],
    // GFM footnotes: the section, its visually hidden heading and the items' ids.
    section: ['dataFootnotes', ['className', 'footnotes']],
    li: [['id', /^fn-[\w-]+$/]],
    sup: [],
    // Headings are anchors (`[see below](#the-figures)`): an id from their text (rehype-slug) or
    // as written, always prefixed (see `clobber`); the footnotes' heading is visually hidden.
    h2: ['id', ['className', 'sr-only']],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
  },
  required: {},
  // Only web and mail links; relative links (`/national/…`, `#…`) are always allowed.
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
  // Elements removed together with their content rather than unwrapped.
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'title'],
  // Every id, and every reference to one, gets this prefix: a story's anchors never take the name
  // of the page's own elements (`main`, `headline`), nor of a global a script could reach.
  clobber: ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy'],
  clobberPrefix: 'user-content-',
  // Comments are editors' notes, not for readers.
  allowComments: false,
  allowDoctypes: false,
};
