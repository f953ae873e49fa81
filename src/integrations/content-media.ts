import { createReadStream, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
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
 * - Build: copies the files of `<contentDir>/media/` that built pages reference to
 *   `<outDir>/media/` (list this before `cdnHeaders()`); originals used only as lead images stay out.
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
        const outDir = fileURLToPath(dir);
        const referenced = new Set<string>();
        for (const file of await readdir(outDir, { recursive: true })) {
          if (!String(file).endsWith('.html')) continue;
          const html = await readFile(join(outDir, String(file)), 'utf8');
          for (const match of html.matchAll(/(?:src|href)="\/media\/([^"#?]+)"/g)) referenced.add(decodeURIComponent(match[1]!));
        }
        for (const path of referenced) {
          const source = normalize(join(media, path));
          if (!source.startsWith(media + sep) || !existsSync(source)) continue;
          const target = join(outDir, 'media', path);
          await mkdir(dirname(target), { recursive: true });
          await copyFile(source, target);
        }
        if (referenced.size > 0) logger.info(`${referenced.size} files of ${contentDir}/media/ copied to /media/`);
      },
    },
  };
}
