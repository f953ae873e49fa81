import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatHeaders, headerRules } from '../lib/cdn.ts';

/**
 * Writes `_headers` at the end of the build, when every top-level file and folder of the output
 * exists (the search index included): long immutable caching for hashed assets, short for the rest.
 * List it after integrations that add files to the output.
 */
export function cdnHeaders(): AstroIntegration {
  return {
    name: 'dateline-cdn-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const entries = await readdir(outDir, { withFileTypes: true });
        const rules = headerRules(entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() })));
        await writeFile(join(outDir, '_headers'), formatHeaders(rules));
        logger.info(`_headers written with ${rules.length} rules`);
      },
    },
  };
}
