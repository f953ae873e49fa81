import type { AuthorProfile } from '../schemas/author.ts';

/**
 * Author profiles as pages show them: the profile of a byline name, a bio's paragraphs.
 */

/** The paragraphs of a bio: split at blank lines, each one's lines joined with single spaces. */
export function bioParagraphs(bio: string | undefined): string[] {
  if (!bio) return [];
  return bio
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** What a page or a cache key needs of a profile: every field it shows, and its photo's cut key. */
export type ShownProfile = Omit<AuthorProfile, 'filePath'> & {
  /** The emitted photo's address (changes with its bytes), when the author's photo is shown. */
  photoKey?: string | undefined;
};

/** The fields of `profile` that pages show, in a stable order, for cache keys. */
export function profileKeyParts(profile: ShownProfile | undefined): unknown {
  if (!profile) return null;
  return [
    profile.slug,
    profile.name,
    profile.role ?? null,
    profile.bio ?? null,
    profile.photo?.alt ?? null,
    profile.photoKey ?? null,
    profile.links.map((link) => [link.label, link.url]),
  ];
}
