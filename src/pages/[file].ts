import type { APIRoute } from 'astro';
import { getNewsroom } from '../content.ts';
import { formatRedirects } from '../lib/cdn.ts';

/** `/_redirects`: old URLs (`aliases`) of published articles, for hosts that read the file. */
export function getStaticPaths() {
  return [{ params: { file: '_redirects' } }];
}

export const GET: APIRoute = async () => {
  const room = await getNewsroom();
  return new Response(formatRedirects(room.articles), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
