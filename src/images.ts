import type { ImageMetadata, UnresolvedImageTransform } from 'astro';
import { getImage } from 'astro:assets';
import { imageFields } from './adapters/astro-image-metadata.ts';
import { cutWidths, FALLBACK_FORMAT, fallbackWidth, IMAGE_FORMATS, LEAD_IMAGE, shareImageWidth, THUMBNAIL } from './lib/images.ts';
import type { ShareImage } from './lib/meta.ts';
import { absoluteUrl } from './lib/urls.ts';
import { siteConfig } from './site.config.ts';

/**
 * Every image cut of the site, through Astro's image pipeline; the only caller of `getImage`.
 * Each result is memoised, so an image is cut once per build however many pages show it.
 */

/** A responsive `<picture>`: one `<source>` per modern format, and the `<img>` fallback (all but `alt`). */
export interface Picture {
  sources: { type: string; srcset: string; sizes: string }[];
  img: { src: string; srcset: string; attributes: Record<string, string | number> };
}

/** How a picture is cut: the lead image at the top of a story, or a thumbnail in rails and lists. */
export type PictureKind = 'lead' | 'thumbnail';

const PICTURE_OPTIONS: Record<PictureKind, Omit<UnresolvedImageTransform, 'src'> & { sizes: string }> = {
  lead: { sizes: LEAD_IMAGE.sizes, priority: true },
  thumbnail: { height: THUMBNAIL.height, fit: 'cover', sizes: THUMBNAIL.sizes, loading: 'lazy', decoding: 'async' },
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
      const options = { src: file, ...PICTURE_OPTIONS[kind], widths };
      const sources = await Promise.all(
        IMAGE_FORMATS.map(async (format) => {
          const image = await getImage({ ...options, width: Math.max(...widths), format });
          return { type: `image/${format}`, srcset: image.srcSet.attribute, sizes: options.sizes };
        }),
      );
      const fallback = await getImage({ ...options, width: fallbackWidth(kind, widths), format: FALLBACK_FORMAT });
      const { sizes, ...attributes } = fallback.attributes as Record<string, string | number>;
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
 * Cuts every lead image and thumbnail of `articles` up front, once per build.
 *
 * Astro's incremental build records, for each page it renders, the image cuts made while
 * rendering it, and replays them when the page is later reused; at newsroom scale that record
 * grows to over 100 MB. Cut here, from `getStaticPaths()` (outside any page's render), the images
 * are registered with every build whichever pages are reused, and pages record none.
 */
export async function preparePictures(articles: readonly { image?: { file: ImageMetadata } | undefined }[]): Promise<void> {
  await Promise.all(
    articles.flatMap((article) =>
      article.image ? [getPicture(article.image.file, 'lead'), getPicture(article.image.file, 'thumbnail')] : [],
    ),
  );
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
