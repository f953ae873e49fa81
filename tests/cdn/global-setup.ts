import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPagesDev } from '../../scripts/preview.ts';
import { buildSite, PROJECT_ROOT, TMP_ROOT } from '../helpers/build.ts';
import { ensureChromium } from '../../scripts/lib/chromium.ts';
import { makeSource } from '../helpers/factories.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The CDN newsroom, served by `wrangler pages dev`. */
    cdn: { url: string; outDir: string; wranglerOutput: string };
    chromiumPath: string;
  }
}

/** The lead story: image, tags, and aliases of every shape. */
export const LEAD_PATH = '/national/lead/';
/** Aliases of the lead story as written: with a trailing slash, without one, and an old `.html` page. */
export const LEAD_ALIASES = ['/old-lead/', '/national/lead-story', '/2019/03/lead.html'] as const;
/** An alias of the World story. */
export const WORLD_PATH = '/world/abroad/';
export const WORLD_ALIASES = ['/world/old-abroad/'] as const;
/** A word only the lead story's text contains, to search for. */
export const SEARCH_WORD = 'quokka';
/** Stories per search shard: the newsroom's 13 stories make two bundles the search page merges. */
const SEARCH_SHARD_SIZE = 8;

/**
 * A small newsroom with every kind of page and file the CDN serves, built at 2025-03-20T12:00Z:
 * twelve National stories (two front pages; the lead with an image, a topic and three aliases),
 * a World story with an alias, a Business story.
 */
async function writeCdnNewsroom(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const write = async (path: string, source: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), source);
  };
  await mkdir(join(dir, 'media'), { recursive: true });
  await copyFile(join(PROJECT_ROOT, 'content/media/carney-macron-paris.jpg'), join(dir, 'media/carney-macron-paris.jpg'));
  await write(
    'national/lead.md',
    makeSource(
      {
        title: 'Council approves the new transit plan',
        byline: 'Dateline Fixture Desk',
        date: '2025-03-19T12:40',
        summary: 'The plan adds three bus routes next year.',
        image: { src: '/media/carney-macron-paris.jpg', alt: 'Two flags side by side', caption: 'The council chamber.', credit: 'Staff' },
        tags: ['Transit'],
        aliases: [...LEAD_ALIASES],
      },
      `The plan adds three bus routes next year, and a ${SEARCH_WORD} mascot for the launch.\n\nCouncil voted 7 to 2.\n`,
    ),
  );
  for (let i = 1; i <= 11; i++) {
    const n = String(i).padStart(2, '0');
    await write(`national/story-${n}.md`, makeSource({ title: `National story ${n}`, date: `2025-03-${n}T10:00`, tags: ['Transit'] }));
  }
  await write(
    'world/abroad.md',
    makeSource({ title: 'Leaders meet abroad', section: 'world', date: '2025-03-18T11:00', aliases: [...WORLD_ALIASES] }),
  );
  await write('business/rates.md', makeSource({ title: 'Rates hold steady', section: 'business', date: '2025-03-17T09:00' }));
}

/**
 * Builds the CDN newsroom, serves it with Cloudflare's Pages emulator on 127.0.0.1 and finds (or
 * installs) Chromium. Fails, with wrangler's output, when the emulator cannot run.
 */
export default async function setup(project: TestProject) {
  const chromiumPath = ensureChromium();
  const content = join(TMP_ROOT, 'cdn-content');
  await writeCdnNewsroom(content);
  const site = await buildSite('cdn', content, { DATELINE_SEARCH_SHARD_SIZE: String(SEARCH_SHARD_SIZE) });
  if (site.status !== 0) throw new Error(`building the CDN newsroom failed:\n${site.output}`);
  const server = await startPagesDev({ dir: site.outDir, workDir: join(TMP_ROOT, 'cdn', 'wrangler') });
  project.provide('cdn', { url: server.url, outDir: site.outDir, wranglerOutput: server.output() });
  project.provide('chromiumPath', chromiumPath);
  return async () => {
    await server.stop();
  };
}
