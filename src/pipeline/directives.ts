import type { Image, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { checkPostUrl, checkVideoId, postLabel, watchLabel, type VideoDirective } from './embeds.ts';
import { describeImageSrcProblem } from './image-path.ts';

/**
 * Block directives in article bodies: a line (or block) that starts with `::` or `:::`.
 *
 *     ::youtube[What the video shows]{id=dQw4w9WgXcQ}        a video (also ::vimeo), as a facade
 *     ::post[The words of the post]{url=https://…}             a social post, as a quote and a link
 *
 *     :::figure{credit="Photo: Jane Doe"}                       an image with its caption and credit
 *     ![What the image shows](/media/photo.jpg)
 *     The caption, with *emphasis* and [links] if needed.
 *     :::
 *
 *     :::gallery{credit="Photos: Dateline staff"}               several images, each with an optional
 *     ![First image](/media/a.jpg "Its own caption")           caption (the image's title), then the
 *     ![Second image](/media/b.jpg)                            gallery's caption
 *     The gallery's caption.
 *     :::
 *
 * Each is turned into the elements it stands for here, before the sanitizer, which lets through
 * only what these produce (see `sanitize-schema.ts`). A directive with a mistake (an unknown name
 * or attribute, a bad id or address, a missing title) is left out and reported with its line.
 * Text directives (`:name` inside a line) are not part of the syntax: "Re:Build" stays text.
 */

/** A mistake in a directive, at its position in the body. */
export interface DirectiveProblem {
  line?: number | undefined;
  column?: number | undefined;
  message: string;
}

/** The directives there are, for messages. */
export const DIRECTIVE_NAMES = ['youtube', 'vimeo', 'post', 'figure', 'gallery'] as const;

/** At most this many images in one gallery. */
export const GALLERY_MAX_IMAGES = 24;

type Directive = ContainerDirective | LeafDirective;

/** An mdast node that remark-rehype turns into the element `tagName` (through `data.hName`). */
function element(tagName: string, properties: Record<string, unknown>, children: readonly unknown[], from?: Nodes): RootContent {
  return {
    type: 'datelineElement',
    data: { hName: tagName, hProperties: properties },
    children: children.filter((child) => child !== undefined),
    ...(from?.position ? { position: from.position } : {}),
  } as unknown as RootContent;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** Replaces every block directive in the body, recording its problems in `file.data.directiveProblems`. */
export function remarkDirectiveElements() {
  return (tree: Root, file: VFile) => {
    const data = file.data as { directiveProblems?: DirectiveProblem[] };
    replaceIn(tree, (data.directiveProblems ??= []));
  };
}

function replaceIn(parent: Parent, problems: DirectiveProblem[]): void {
  const children: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'leafDirective' || child.type === 'containerDirective') {
      const replaced = convert(child, problems);
      if (replaced) children.push(replaced);
      continue;
    }
    if (child.type === 'textDirective') {
      // Not parsed (see the module comment); kept as the text it was, should one ever appear.
      children.push(text(`:${child.name}`));
      continue;
    }
    if (child.type === 'paragraph' && looksLikeDirective(child)) {
      problems.push({
        line: child.position?.start.line,
        column: child.position?.start.column,
        message: `this line starts like a directive but could not be read as one: write ::name[text]{attribute=value} on a line of its own, and put a value with spaces, quotes or any of = ? & # in double quotes, e.g. ::post{url="https://…?a=b"}`,
      });
      continue;
    }
    if ('children' in child) replaceIn(child, problems);
    children.push(child);
  }
  parent.children = children as Parent['children'];
}

/** Whether a paragraph starts with `::name` or `:::name`: a directive micromark could not read (a bad attribute, say). */
function looksLikeDirective(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  return first?.type === 'text' && /^:{2,}[A-Za-z]/.test(first.value);
}

function convert(node: Directive, problems: DirectiveProblem[]): RootContent | undefined {
  const report = (message: string, at: Nodes = node) => {
    problems.push({ line: at.position?.start.line, column: at.position?.start.column, message });
    return undefined;
  };
  const name = node.name;
  const known = (DIRECTIVE_NAMES as readonly string[]).includes(name);
  if (!known) {
    return report(
      `unknown directive “${node.type === 'leafDirective' ? '::' : ':::'}${name}”; the directives are ${DIRECTIVE_NAMES.map((n) => (n === 'figure' || n === 'gallery' ? `:::${n}` : `::${n}`)).join(', ')}`,
    );
  }
  const block = name === 'figure' || name === 'gallery';
  if (block && node.type !== 'containerDirective') {
    return report(
      `:::${name} is a block: open it with :::${name} on a line of its own, put the images and caption inside, and close it with ::: on a line of its own`,
    );
  }
  if (!block && node.type !== 'leafDirective') return report(`::${name} takes one line: ::${name}[…]{…}, without a closing :::`);
  const attributes = node.attributes ?? {};
  const allowed = { youtube: ['id', 'poster'], vimeo: ['id', 'poster'], post: ['url'], figure: ['credit'], gallery: ['credit'] }[
    name as (typeof DIRECTIVE_NAMES)[number]
  ];
  const unknown = Object.keys(attributes).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const shown = unknown.map((key) => (key === 'class' ? '.class' : key === 'id' ? '#id' : key)).join(', ');
    return report(`${block ? ':::' : '::'}${name} does not take ${shown}; it takes ${allowed.join(', ')}`);
  }
  if (node.type === 'leafDirective') {
    if (name === 'post') return post(node, report);
    return video(node, name as VideoDirective, report);
  }
  return name === 'figure' ? figure(node, report) : gallery(node, report);
}

type Report = (message: string, at?: Nodes) => undefined;

function video(node: LeafDirective, directive: VideoDirective, report: Report): RootContent | undefined {
  const attributes = node.attributes ?? {};
  const id = checkVideoId(directive, attributes['id']);
  if (!id.ok) return report(id.message);
  const title = toString(node).replace(/\s+/g, ' ').trim();
  if (title === '') {
    return report(
      `::${directive} needs the video’s title in brackets, for every reader and for screen readers: ::${directive}[What the video shows]{id=${id.value.id}}`,
    );
  }
  const poster = attributes['poster'];
  if (poster !== undefined && poster !== null) {
    const problem = describeMediaImage(poster, 'poster');
    if (problem) return report(problem);
  }
  const posterImage: Image | undefined = poster
    ? { type: 'image', url: poster, alt: '', ...(node.position ? { position: node.position } : {}) }
    : undefined;
  return element(
    'figure',
    { className: ['embed', 'embed-video'] },
    [
      element('a', { href: id.value.url, className: ['embed-link'] }, [
        posterImage,
        element('strong', { className: ['embed-title'] }, [text(title)]),
        // A space, so that the link's name reads "Title Watch on YouTube", not "TitleWatch…".
        text(' '),
        element('small', { className: ['embed-source'] }, [text(watchLabel(directive))]),
      ]),
    ],
    node,
  );
}

function post(node: LeafDirective, report: Report): RootContent | undefined {
  const url = node.attributes?.['url'];
  if (!url) return report('::post needs the post’s address: ::post{url=https://…}, copied from the post’s “Copy link”');
  const checked = checkPostUrl(url);
  if (!checked.ok) return report(checked.message);
  const words = node.children.length > 0 && toString(node).trim() !== '';
  return element(
    'figure',
    { className: ['embed', 'embed-post'] },
    [
      words
        ? element('blockquote', { cite: checked.value.url }, [{ type: 'paragraph', children: node.children } satisfies Paragraph])
        : undefined,
      element('figcaption', {}, [{ type: 'link', url: checked.value.url, children: [text(postLabel(checked.value))] }]),
    ],
    node,
  );
}

/** Why `src` cannot be a body image that goes through the image pipeline (a poster, a figure's or gallery's image). */
export function describeMediaImage(src: string, field: string): string | undefined {
  const problem = describeImageSrcProblem(src, field);
  if (problem) return problem;
  if (!src.startsWith('/media/')) return `${field} must be a file of the content folder’s media/ folder, written /media/name.jpg`;
  return undefined;
}

/** The images of a paragraph made only of images (and the line breaks between them), or undefined. */
function imagesOf(node: RootContent): Image[] | undefined {
  if (node.type !== 'paragraph') return undefined;
  const images = node.children.filter((child) => child.type === 'image');
  const rest = node.children.filter(
    (child) => child.type !== 'image' && !(child.type === 'text' && child.value.trim() === '') && child.type !== 'break',
  );
  return images.length > 0 && rest.length === 0 ? images : undefined;
}

/** The caption of a figure or gallery: its paragraphs' text, lines apart, then the credit. */
function caption(paragraphs: readonly Paragraph[], credit: string | null | undefined): RootContent | undefined {
  const content: PhrasingContent[] = [];
  paragraphs.forEach((paragraph, index) => {
    if (index > 0) content.push({ type: 'break' });
    content.push(...paragraph.children);
  });
  const creditText = credit?.trim();
  if (creditText) {
    if (content.length > 0) content.push(text(' '));
    content.push(element('span', { className: ['credit'] }, [text(creditText)]) as PhrasingContent);
  }
  return content.length > 0 ? element('figcaption', {}, content) : undefined;
}

/** Checks that every block of a figure or gallery after its images is a caption paragraph. */
function captionParagraphs(blocks: readonly RootContent[], name: string, report: Report): Paragraph[] | undefined {
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    if (block.type !== 'paragraph')
      return report(`:::${name} holds images, then caption paragraphs; move this ${describeBlock(block)} out of it`, block);
    if (imagesOf(block)) return report(`:::${name}: put every image before the caption`, block);
    if (block.children.some((child) => child.type === 'image'))
      return report(`:::${name}: an image inside the caption; put each image on a line of its own before the caption`, block);
    paragraphs.push(block);
  }
  return paragraphs;
}

function describeBlock(block: RootContent): string {
  if (block.type === 'leafDirective' || block.type === 'containerDirective') return `::${block.name}`;
  return (
    { heading: 'heading', list: 'list', blockquote: 'quote', table: 'table', code: 'code block', html: 'HTML' }[block.type as string] ??
    block.type
  );
}

function figure(node: ContainerDirective, report: Report): RootContent | undefined {
  const [first, ...rest] = node.children as RootContent[];
  const images = first && imagesOf(first);
  if (!images)
    return report(':::figure starts with its image on a line of its own: ![What the image shows](/media/photo.jpg)', first ?? node);
  if (images.length > 1) return report(`:::figure holds one image; for ${images.length}, use :::gallery`, first);
  const image = images[0]!;
  const problem = describeMediaImage(image.url, 'the image');
  if (problem) return report(problem, image);
  const paragraphs = captionParagraphs(rest, 'figure', report);
  if (!paragraphs) return undefined;
  return element('figure', { className: ['figure'] }, [image, caption(paragraphs, node.attributes?.['credit'])], node);
}

function gallery(node: ContainerDirective, report: Report): RootContent | undefined {
  const blocks = node.children as RootContent[];
  const images: Image[] = [];
  let index = 0;
  for (; index < blocks.length; index++) {
    const found = imagesOf(blocks[index]!);
    if (!found) break;
    images.push(...found);
  }
  if (images.length < 2)
    return report(':::gallery holds two images or more, each on a line of its own; for one image, use :::figure', node);
  if (images.length > GALLERY_MAX_IMAGES)
    return report(`:::gallery holds at most ${GALLERY_MAX_IMAGES} images; this one has ${images.length}`, node);
  for (const image of images) {
    const problem = describeMediaImage(image.url, 'the image');
    if (problem) return report(problem, image);
  }
  const paragraphs = captionParagraphs(blocks.slice(index), 'gallery', report);
  if (!paragraphs) return undefined;
  const items = images.map((image) => {
    const title = image.title?.trim();
    const img: Image = { ...image, title: null };
    return element('figure', { className: ['gallery-item'] }, [img, title ? element('figcaption', {}, [text(title)]) : undefined], image);
  });
  return element('figure', { className: ['gallery'] }, [...items, caption(paragraphs, node.attributes?.['credit'])], node);
}
