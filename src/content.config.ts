import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { newsLoader } from './loader/astro-loader.ts';
import { schemaContext, siteConfig } from './site.config.ts';

/** Every article under the content folder, validated and rendered by Dateline's own pipeline. */
const articles = defineCollection({
  loader: newsLoader({
    base: siteConfig.contentDir,
    ...schemaContext,
    sectionNames: Object.fromEntries(siteConfig.sections.map((section) => [section.slug, section.name])),
  }),
  // An entry is the article's digest (its record is in the build state, see `syncStore`) and, when
  // the build shows the article, its lead image's file, which `image()` hands to Astro's image pipeline.
  schema: ({ image }) => z.object({ digest: z.string(), image: z.object({ file: image() }).optional() }),
});

export const collections = { articles };
