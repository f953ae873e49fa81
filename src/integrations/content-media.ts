import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { lookup } from 'mrmime';
import { removeOutputs } from '../io/outputs.ts';
import { walkFiles } from '../io/walk.ts';
import { ContentFiles } from '../loader/content-files.ts';
import { BuildState } from '../store/build-state.ts';

/**
 * Serves the content folder's `media/` at `/media/`, for images and files that article bodies
 * link to (`![Map](/media/route-map.png)`). Lead images go through Astro's image pipeline instead.
 *
 * - Build: keeps `<outDir>/media/` equal to the files of `<contentDir>/media/` that the stories the
 *   build shows use (`BuildState.stories()`): copies what is missing or changed, removes what no
 *   shown story uses any more. A file used only by a draft or an embargoed story, or only as a
 *   lead image, stays out; so does any file that is a link leading outside the content folder
 *   (the content check reports those). List this before `cdnHeaders()`.
 * - Dev: answers `/media/…` requests from that folder, under the same rule for links.
 */
export function contentMedia(contentDir: string): AstroIntegration {
  let root = '';
  let cacheDir = '';
  let files: ContentFiles | undefined;
  const mediaFile = (sitePath: string) => `${contentDir.replace(/\/+$/, '')}${sitePath}`;
  return {
    name: 'dateline-content-media',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/media/', (request, response, next) => {
          const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          files ??= new ContentFiles(root, contentDir);
          const found = path.includes('..') ? undefined : files.resolve(mediaFile(`/media${path}`));
          if (!found?.ok) return next();
          response.setHeader('content-type', lookup(found.real) ?? 'application/octet-stream');
          createReadStream(found.real).pipe(response);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const target = join(fileURLToPath(dir), 'media');
        const content = new ContentFiles(root, contentDir);
        const used = new Map<string, string>();
        for (const story of BuildState.open(cacheDir).stories()) {
          for (const path of story.media) {
            const found = content.resolve(mediaFile(path));
            if (found.ok) used.set(path.slice('/media/'.length), found.real);
          }
        }
        const present = existsSync(target) ? walkFiles(target) : [];
        await removeOutputs(
          target,
          present.filter((file) => !used.has(file)),
        );
        let copied = 0;
        for (const [file, source] of used) {
          const copy = join(target, file);
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
