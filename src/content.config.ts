import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { newsLoader } from './pipeline/loader.ts';
import { siteConfig } from './site.config.ts';

const sectionSlugs = siteConfig.sections.map((section) => section.slug) as [string, ...string[]];

/** Every article under the content folder, validated and rendered by Dateline's own pipeline. */
const articles = defineCollection({
  loader: newsLoader({
    base: siteConfig.contentDir,
    sections: sectionSlugs,
    timeZone: siteConfig.timeZone,
    sectionNames: Object.fromEntries(siteConfig.sections.map((section) => [section.slug, section.name])),
  }),
  // An entry is the article's digest (its record is in the article cache, see `syncStore`) and its
  // lead image's file, a path from the article, which `image()` hands to Astro's image pipeline.
  schema: ({ image }) => z.object({ digest: z.string(), image: z.object({ file: image() }).optional() }),
});

export const collections = { articles };
