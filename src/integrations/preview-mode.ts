import type { AstroIntegration } from 'astro';

/**
 * Decides once, from the Astro command, whether pages preview unpublished stories, and records it
 * for `isPreview()` in `src/runtime.ts`:
 *
 * - `astro dev`: always preview, recorded as `DATELINE_DEV=1`. `DATELINE_PREVIEW` is left as the
 *   editor set it: it also chooses the cache folder (`buildFolders`), and the configuration is
 *   evaluated again by the dev server's module graph after this hook, which must choose the same
 *   folder as the content loader did.
 * - `astro build`: preview only with `DATELINE_PREVIEW=1` (`npm run build:preview`), recorded as
 *   `DATELINE_PREVIEW` `'1'` or `'0'`.
 *
 * Decided from the command rather than `import.meta.env.DEV`, which `NODE_ENV` can switch on in a
 * production build.
 */
export function previewMode(): AstroIntegration {
  return {
    name: 'dateline-preview-mode',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command === 'dev') process.env['DATELINE_DEV'] = '1';
        else {
          // A build never previews because of a variable left in the environment.
          delete process.env['DATELINE_DEV'];
          process.env['DATELINE_PREVIEW'] = process.env['DATELINE_PREVIEW'] === '1' ? '1' : '0';
        }
      },
    },
  };
}
