/**
 * Adapter: reads an imported image's fields (its emitted `src`, width, height) without making
 * Astro keep the original file in the output.
 *
 * Astro hands content images to pages as a proxy that records every field read in
 * `globalThis.astroAsset.referencedImages`; an original recorded there is kept in `_astro/` beside
 * its resized copies, where no page links to it (a phone photo is megabytes). Astro's own
 * `getImage` reads the proxy through its hidden `clone` field, which records nothing. This module
 * is the one place that does the same; `tests/unit/adapters.test.ts` fails loudly when an upgrade
 * changes the proxy.
 */
import type { ImageMetadata } from 'astro';

/** The fields of `image`, read without recording the original as used. */
export function imageFields(image: ImageMetadata): ImageMetadata {
  return (image as ImageMetadata & { clone?: ImageMetadata }).clone ?? image;
}
