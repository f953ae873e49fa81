import { defineCollection } from 'astro:content';
import { newsLoader } from './pipeline/loader.ts';
import { siteConfig } from './site.config.ts';

const sectionSlugs = siteConfig.sections.map((section) => section.slug) as [string, ...string[]];

/** Every article under the content folder, validated and rendered by Dateline's own pipeline. */
const articles = defineCollection({
  loader: newsLoader({ base: siteConfig.contentDir, sections: sectionSlugs, timeZone: siteConfig.timeZone }),
});

export const collections = { articles };
