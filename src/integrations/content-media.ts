import { createReadStream, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readBuildReport } from '../lib/build-report.ts';
import { listOutputFiles, removeOutputs } from '../lib/outputs.ts';

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
 * - Build: keeps `<outDir>/media/` equal to the files of `<contentDir>/media/` that the built
 *   stories' bodies use, as listed in the build report (`src/lib/build-report.ts`): copies what is
 *   missing or changed, removes what no story uses any more. Originals used only as lead images
 *   stay out. List this before `cdnHeaders()`.
 * - Dev: answers `/media/…` requests from that folder.
 */
export function contentMedia(contentDir: string, cacheDir: string): AstroIntegration {
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
        const target = join(fileURLToPath(dir), 'media');
        const used = new Set<string>();
        for (const story of (await readBuildReport(cacheDir)).stories) {
          for (const path of story.media) {
            const relativePath = path.slice('/media/'.length);
            const source = normalize(join(media, relativePath));
            if (source.startsWith(media + sep) && existsSync(source)) used.add(relativePath);
          }
        }
        const present = existsSync(target) ? await listOutputFiles(target) : [];
        await removeOutputs(
          target,
          present.filter((file) => !used.has(file)),
        );
        let copied = 0;
        for (const file of used) {
          const [source, copy] = [join(media, file), join(target, file)];
          const [from, to] = await Promise.all([stat(source), stat(copy).catch(() => undefined)]);
          if (to && to.size === from.size && to.mtimeMs >= from.mtimeMs) continue;
          await mkdir(dirname(copy), { recursive: true });
          await copyFile(source, copy);
          copied++;
        }
        if (used.size > 0) logger.info(`${used.size} files of ${contentDir}/media/ in /media/ (${copied} copied)`);
      },
    },
  };
}
