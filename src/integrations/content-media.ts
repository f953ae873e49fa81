import { createReadStream, existsSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

/**
 * Serves the content folder's `media/` at `/media/`, for images and files that article bodies
 * link to (`![Map](/media/route-map.png)`). Lead images go through Astro's image pipeline instead.
 *
 * - Build: copies `<contentDir>/media/` to `<outDir>/media/` (list this before `cdnHeaders()`).
 * - Dev: answers `/media/…` requests from that folder.
 */
export function contentMedia(contentDir: string): AstroIntegration {
  let media = '';
  return {
    name: 'dateline-content-media',
    hooks: {
      'astro:config:setup': ({ config }) => {
        media = join(fileURLToPath(config.root), contentDir, 'media');
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/media/', (request, response, next) => {
          const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          const file = normalize(join(media, path));
          if (!file.startsWith(media + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
          response.setHeader('content-type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
          createReadStream(file).pipe(response);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!existsSync(media)) return;
        await cp(media, join(fileURLToPath(dir), 'media'), { recursive: true });
        logger.info(`copied ${contentDir}/media/ to /media/`);
      },
    },
  };
}
