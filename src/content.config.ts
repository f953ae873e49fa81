import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { authorsLoader } from './loader/astro-authors-loader.ts';
import { fallbacksLoader } from './loader/astro-fronts-loader.ts';
import { newsLoader } from './loader/astro-loader.ts';
import { AuthorProfileSchema } from './schemas/author.ts';
import { FallbackImageSchema } from './schemas/front.ts';
import { schemaContext, siteConfig } from './site.config.ts';

/** Every article under the content folder, validated and rendered by Dateline's own pipeline. */
const articles = defineCollection({
  loader: newsLoader({
    base: siteConfig.contentDir,
    ...schemaContext,
    sectionNames: Object.fromEntries(siteConfig.sections.map((section) => [section.slug, section.name])),
  }),
  // An entry holds, when the build shows the article, its lead image's file and its body images'
  // files (by site path), which `image()` hands to Astro's image pipeline; its record is in the
  // build state (see `syncStore`).
  schema: ({ image }) =>
    z.object({
      image: z.object({ file: image() }).optional(),
      bodyImages: z.array(z.object({ path: z.string(), file: image() })).optional(),
    }),
});

/** Author profiles (`content/authors/*.yaml`), checked with the articles; each with its photo's file when the author has a page. */
const authors = defineCollection({
  loader: authorsLoader({ base: siteConfig.contentDir }),
  schema: ({ image }) => z.object({ profile: AuthorProfileSchema, photo: z.object({ file: image() }).optional() }),
});

/** The sections' fallback images (`content/fronts/<section>.jpg`), checked with the articles; each with its file. */
const fallbacks = defineCollection({
  loader: fallbacksLoader(),
  schema: ({ image }) => z.object({ fallback: FallbackImageSchema, image: z.object({ file: image() }) }),
});

export const collections = { articles, authors, fallbacks };
