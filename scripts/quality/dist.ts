import { walkFiles } from '../../src/io/walk.ts';

/**
 * Files of a built site, named the way the quality checks report them.
 */

/** Every file under `distDir`, relative with `/`, sorted by code unit so reports are stable. */
export async function listDistFiles(distDir: string): Promise<string[]> {
  return walkFiles(distDir);
}

/**
 * The URL path a static host serves a file at.
 *
 * - `index.html` in a folder is that folder's URL: `national/index.html` → `/national/`.
 * - Any other file keeps its name: `404.html` → `/404.html`, `sitemap-index.xml` → `/sitemap-index.xml`.
 */
export function urlPathOf(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

/**
 * The file a static host serves for a URL path, or undefined when it serves none.
 *
 * - `/national/` → `national/index.html`; `/favicon.svg` → `favicon.svg`.
 * - A path is percent-decoded first (`/media/caf%C3%A9.jpg` → `media/café.jpg`).
 */
export function fileOf(urlPath: string, files: ReadonlySet<string>): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = (path.endsWith('/') ? `${path}index.html` : path).replace(/^\/+/, '');
  return files.has(file) ? file : undefined;
}
