import { getImage } from 'astro:assets';
import type { Article } from './content.ts';
import { shareImageWidth } from './lib/images.ts';
import type { ShareImage } from './lib/meta.ts';
import { absoluteUrl } from './lib/urls.ts';
import { siteConfig } from './site.config.ts';

const shareImages = new Map<string, Promise<ShareImage | undefined>>();

/**
 * The story's lead image as one JPEG up to 1200 px wide, for link previews (OpenGraph, Twitter),
 * feeds and structured data: formats every consumer reads, at an absolute URL.
 *
 * The only caller of `getImage`; memoised per article, so each image is cut once per build.
 */
export function getShareImage(article: Article): Promise<ShareImage | undefined> {
  let image = shareImages.get(article.id);
  if (!image) {
    image = (async () => {
      if (!article.image) return undefined;
      const { file, alt } = article.image;
      const result = await getImage({ src: file, width: shareImageWidth(file), format: 'jpg' });
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
