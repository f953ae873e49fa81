import type { AstroIntegration } from 'astro';

/**
 * Decides once, from the Astro command, whether pages preview unpublished stories, and records it
 * in `process.env.DATELINE_PREVIEW` (`'1'` or `'0'`) for `isPreview()` in `src/lib/build-time.ts`.
 *
 * - `astro dev`: always preview.
 * - `astro build`: preview only with `DATELINE_PREVIEW=1` (`npm run build:preview`).
 *
 * Decided from the command rather than `import.meta.env.DEV`, which `NODE_ENV` can switch on in a
 * production build.
 */
export function previewMode(): AstroIntegration {
  return {
    name: 'dateline-preview-mode',
    hooks: {
      'astro:config:setup': ({ command }) => {
        process.env['DATELINE_PREVIEW'] = command === 'dev' || process.env['DATELINE_PREVIEW'] === '1' ? '1' : '0';
      },
    },
  };
}
