import { z } from 'zod';

/**
 * An author profile: who a byline name is, for their author page and structured data. Kept in
 * the content folder as one YAML file per person or desk (`content/authors/priya-sandhu.yaml`),
 * validated by `src/pipeline/author.ts`; this is the shape every later step reads.
 */

/** A page elsewhere that is the same person or desk (their own site, a social profile). */
export const AuthorLinkSchema = z.object({
  /** The text of the link, e.g. `Mastodon`; the address's host when the profile gives none. */
  label: z.string(),
  /** An `https://` address. */
  url: z.string(),
});
export type AuthorLink = z.infer<typeof AuthorLinkSchema>;

/** A validated profile. */
export const AuthorProfileSchema = z.object({
  /** The name as bylines write it (`Priya Sandhu`); matched to bylines by its author-page slug. */
  name: z.string(),
  /** The author page's URL segment (`termSlug(name)`). */
  slug: z.string(),
  /** The profile's file, relative to the project root, with `/`. */
  filePath: z.string(),
  /** What they do, e.g. `Health reporter`. */
  role: z.string().optional(),
  /** A few sentences about them, plain text; a blank line starts a new paragraph. */
  bio: z.string().optional(),
  /** Their photo (or a desk's logo): a file in the content folder and its alt text. */
  photo: z.object({ src: z.string(), alt: z.string() }).optional(),
  /** Their pages elsewhere, in order; also their `sameAs` in structured data. */
  links: z.array(AuthorLinkSchema),
});
export type AuthorProfile = z.infer<typeof AuthorProfileSchema>;
