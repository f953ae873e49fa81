import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.md', base: process.env.BENCH_CONTENT ?? './content' }),
  schema: z.object({
    title: z.string(),
    section: z.string(),
    byline: z.string(),
    date: z.coerce.date(),
    summary: z.string(),
    image: z.object({ src: z.string(), alt: z.string(), caption: z.string().optional() }).optional(),
    tags: z.array(z.string()).default([]),
  }),
});

export const collections = { articles };
