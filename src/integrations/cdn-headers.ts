import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatHeaders, headerRules, inlineScriptHashes, MAX_HEADER_RULES } from '../lib/cdn.ts';
import { searchPath } from '../lib/urls.ts';

/**
 * Writes `_headers` at the end of the build, when every top-level file and folder of the output
 * exists (the search index included): caching, content types and security headers (see
 * `headerRules`). The search page's policy allows its inline scripts by hash, read from the built
 * page. List it after integrations that add files to the output.
 */
export function cdnHeaders(): AstroIntegration {
  return {
    name: 'dateline-cdn-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const entries = await readdir(outDir, { withFileTypes: true });
        const searchPage = join(outDir, searchPath(), 'index.html');
        const searchScriptHashes = existsSync(searchPage) ? inlineScriptHashes(await readFile(searchPage, 'utf8')) : [];
        const rules = headerRules(
          entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() })),
          { searchScriptHashes },
        );
        await writeFile(join(outDir, '_headers'), formatHeaders(rules));
        logger.info(`_headers written with ${rules.length} rules`);
        if (rules.length > MAX_HEADER_RULES) {
          logger.warn(
            `_headers has ${rules.length} rules; Cloudflare Pages reads the first ${MAX_HEADER_RULES} only, so some folders would be served without their cache and security headers`,
          );
        }
      },
    },
  };
}
