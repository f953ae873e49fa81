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
  // The pipeline has validated every field already; this schema only hands the lead image's file
  // (`image.file`, a path from the article) to Astro's image pipeline, which makes it an `ImageMetadata`.
  schema: ({ image }) => z.looseObject({ image: z.looseObject({ file: image() }).optional() }),
});

export const collections = { articles };
