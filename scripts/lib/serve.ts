import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { lookup } from 'mrmime';

/**
 * Serves a built site on 127.0.0.1 the way a static host does: `/dir/` → `dir/index.html`,
 * unknown paths → `404.html` with status 404. Never serves files outside `root`.
 */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
    const found =
      inside &&
      (await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ));
    const target = found ? file : join(root, '404.html');
    const type = lookup(target) ?? 'application/octet-stream';
    response.writeHead(found ? 200 : 404, { 'content-type': /^text\/|javascript|json|xml/.test(type) ? `${type}; charset=utf-8` : type });
    createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
