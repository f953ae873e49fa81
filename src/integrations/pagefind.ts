import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';

/**
 * Builds the Pagefind full-text search index from the finished HTML, at the end of every build,
 * into `<outDir>/pagefind/` next to Pagefind's own search UI files.
 *
 * Only article pages (`/<section>/<slug>/`, given the configured section slugs) are read, and of
 * them only what is marked `data-pagefind-body`: fronts, topic and author pages hold nothing an
 * article does not, and skipping them saves a third of the indexing time.
 */
export function pagefindIndex(sections: readonly string[]): AstroIntegration {
  return {
    name: 'dateline-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { index, errors } = await createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: outDir, glob: `{${sections.join(',')}}/*/index.html` });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          await rm(join(outDir, 'pagefind'), { recursive: true, force: true });
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`search index of ${added.page_count} pages written to pagefind/`);
        } finally {
          await close();
        }
      },
    },
  };
}
