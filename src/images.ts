import type { ImageMetadata, UnresolvedImageTransform } from 'astro';
import { getImage } from 'astro:assets';
import { imageFields } from './adapters/astro-image-metadata.ts';
import {
  cropHeight,
  cutWidths,
  FALLBACK_FORMAT,
  fallbackWidth,
  IMAGE_FORMATS,
  PICTURE_CUTS,
  shareImageWidth,
  type Picture,
  type PictureKind,
} from './lib/images.ts';
import type { ShareImage } from './lib/meta.ts';
import { absoluteUrl } from './lib/urls.ts';
import { siteConfig } from './site.config.ts';

/**
 * Every image cut of the site, through Astro's image pipeline; the only caller of `getImage`.
 * Each result is memoised, so an image is cut once per build however many pages show it.
 */

export type { Picture, PictureKind };

const LAZY = { loading: 'lazy', decoding: 'async' } as const;

/**
 * How each kind of picture loads: the lead image first and at once (`priority`), an author's
 * photo at the top of their page eagerly; thumbnails and body images as the reader scrolls to
 * them. Cropped kinds (`PICTURE_CUTS[kind].aspect`) are cut to cover.
 */
const PICTURE_OPTIONS: Record<PictureKind, Omit<UnresolvedImageTransform, 'src'>> = {
  lead: { priority: true },
  thumbnail: { fit: 'cover', ...LAZY },
  figure: LAZY,
  gallery: LAZY,
  poster: { fit: 'cover', ...LAZY },
  portrait: { fit: 'cover', loading: 'eager', decoding: 'async' },
};

const pictures = new Map<string, Promise<Picture>>();

/** The emitted file's address of an imported image: a key that changes with its bytes. */
export function imageKey(file: ImageMetadata): string {
  return imageFields(file).src;
}

/**
 * The `<picture>` of `file` cut as `kind` (what Astro's `<Picture>` renders, minus `alt`).
 *
 * Only what the picture names is cut and shipped: each format at the widths of `cutWidths`, the
 * modern formats' `src` being their largest width (a file the `srcset` names anyway), the JPEG
 * fallback's `src` the mid-size one (`fallbackWidth`), never the full-size original.
 */
export function getPicture(file: ImageMetadata, kind: PictureKind): Promise<Picture> {
  const original = imageFields(file);
  const key = `${kind} ${original.src}`;
  let picture = pictures.get(key);
  if (!picture) {
    picture = (async () => {
      const widths = cutWidths(kind, original.width);
      const options = { src: file, ...PICTURE_OPTIONS[kind], widths, sizes: PICTURE_CUTS[kind].sizes };
      // A cropped kind's height follows the width asked for (the srcset keeps that aspect).
      const size = (width: number) => {
        const height = cropHeight(kind, width);
        return height === undefined ? { width } : { width, height };
      };
      const sources = await Promise.all(
        IMAGE_FORMATS.map(async (format) => {
          const image = await getImage({ ...options, ...size(Math.max(...widths)), format });
          return { type: `image/${format}`, srcset: image.srcSet.attribute, sizes: options.sizes };
        }),
      );
      const fallback = await getImage({ ...options, ...size(fallbackWidth(kind, widths)), format: FALLBACK_FORMAT });
      const { sizes, ...given } = fallback.attributes as Record<string, string | number | undefined>;
      // Astro lists attributes it leaves unset (`fetchpriority` of a lazy image) as undefined.
      const attributes = Object.fromEntries(
        Object.entries(given).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
      );
      return {
        sources,
        img: { src: fallback.src, srcset: fallback.srcSet.attribute, attributes: { sizes: sizes ?? options.sizes, ...attributes } },
      };
    })();
    pictures.set(key, picture);
  }
  return picture;
}

/**
 * Cuts every lead image and thumbnail of `articles`, their body images, the photos of
 * `profiles` that have one registered (authors with a page), and the `others` (fallback images
 * as fronts and cards show them), up front, once per build.
 *
 * Astro's incremental build records, for each page it renders, the image cuts made while
 * rendering it, and replays them when the page is later reused; at newsroom scale that record
 * grows to over 100 MB. Cut here, from `getStaticPaths()` (outside any page's render), the images
 * are registered with every build whichever pages are reused, and pages record none.
 */
export async function preparePictures(
  articles: readonly {
    image?: { file: ImageMetadata } | undefined;
    bodyImages: ReadonlyMap<string, { file: ImageMetadata; layouts: readonly PictureKind[] }>;
  }[],
  profiles: Iterable<{ photoFile?: ImageMetadata | undefined }> = [],
  others: Iterable<{ file: ImageMetadata; kind: PictureKind }> = [],
): Promise<void> {
  const cuts: Promise<Picture>[] = [];
  for (const { file, kind } of others) cuts.push(getPicture(file, kind));
  for (const article of articles) {
    if (article.image) cuts.push(getPicture(article.image.file, 'lead'), getPicture(article.image.file, 'thumbnail'));
    for (const { file, layouts } of article.bodyImages.values()) for (const layout of layouts) cuts.push(getPicture(file, layout));
  }
  for (const profile of profiles) if (profile.photoFile) cuts.push(getPicture(profile.photoFile, 'portrait'));
  await Promise.all(cuts);
}

const shareImages = new Map<string, Promise<ShareImage | undefined>>();

/**
 * The story's lead image as one JPEG up to 1200 px wide, for link previews (OpenGraph, Twitter),
 * feeds and structured data: formats every consumer reads, at an absolute URL.
 */
export function getShareImage(article: {
  id: string;
  image?: { file: ImageMetadata; alt: string } | undefined;
}): Promise<ShareImage | undefined> {
  let image = shareImages.get(article.id);
  if (!image) {
    image = (async () => {
      if (!article.image) return undefined;
      const { file, alt } = article.image;
      const result = await getImage({ src: file, width: shareImageWidth(imageFields(file)), format: 'jpg' });
      return {
        url: absoluteUrl(result.src, siteConfig.url),
        width: Number(result.attributes['width']),
        height: Number(result.attributes['height']),
        alt,
      };
    })();
    shareImages.set(article.id, image);
  }
  return image;
}
