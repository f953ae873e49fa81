import { z } from 'zod';

/** A parsed frontmatter date: the instant, and whether the author gave a time of day. */
export const NewsroomDateSchema = z.object({
  /** The instant. */
  date: z.date(),
  /** Whether the author gave a time of day (`2025-03-17T12:40`) or only a day (`2025-03-17`). */
  hasTime: z.boolean(),
});

export type NewsroomDate = z.infer<typeof NewsroomDateSchema>;
