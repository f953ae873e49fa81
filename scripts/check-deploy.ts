/**
 * `npm run check:deploy [-- <folder>]`: whether a built site may be deployed. The sample workflow
 * runs it right before its deploy step; the default folder is `DATELINE_OUT_DIR`, else `dist`.
 *
 * Refuses (exit 1), saying why and what to do, when:
 * - `DATELINE_SITE_URL` is not set, or is the example URL: every canonical link, feed, sitemap
 *   and link preview would point at the example;
 * - the folder is a preview build (`npm run build:preview`): it holds drafts and embargoed
 *   stories, and its robots.txt shuts crawlers out (`isPreviewRobotsTxt`);
 * - the site was built for another URL than `DATELINE_SITE_URL` (its home page's canonical link).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isPreviewRobotsTxt } from '../src/lib/sitemaps.ts';
import { EXAMPLE_SITE_URL } from '../src/site.config.ts';

/** Why the built site in `dir` may not be deployed with the environment `env`; empty when it may. */
export async function findDeployProblems(dir: string, env: Record<string, string | undefined>): Promise<string[]> {
  const problems: string[] = [];
  const siteUrl = env['DATELINE_SITE_URL']?.trim().replace(/\/+$/, '');
  if (!siteUrl) {
    problems.push(
      'DATELINE_SITE_URL is not set: set it to the site’s address (a repository variable in the sample workflow) and build again',
    );
  } else if (siteUrl === EXAMPLE_SITE_URL) {
    problems.push(`DATELINE_SITE_URL is the example ${EXAMPLE_SITE_URL}: set it to the site’s own address and build again`);
  }
  if (!existsSync(join(dir, 'index.html'))) {
    problems.push(`${dir} holds no built site (no index.html): run npm run build first`);
    return problems;
  }
  const robots = existsSync(join(dir, 'robots.txt')) ? await readFile(join(dir, 'robots.txt'), 'utf8') : '';
  if (isPreviewRobotsTxt(robots)) {
    problems.push(
      `${dir} is a preview build (drafts and embargoed stories; its robots.txt shuts crawlers out): deploy the output of npm run build, never of npm run build:preview`,
    );
  }
  const home = await readFile(join(dir, 'index.html'), 'utf8');
  const canonical = /<link\s+rel="canonical"\s+href="([^"]*)"/.exec(home)?.[1];
  if (siteUrl && canonical !== undefined && canonical !== `${siteUrl}/`) {
    problems.push(
      `${dir} was built for ${canonical}, not for DATELINE_SITE_URL ${siteUrl}/: build again with DATELINE_SITE_URL set for the build step too`,
    );
  }
  return problems;
}

async function main() {
  const dir = resolve(process.argv[2] ?? process.env['DATELINE_OUT_DIR'] ?? 'dist');
  const problems = await findDeployProblems(dir, process.env);
  if (problems.length === 0) {
    console.log(`${dir} may be deployed to ${process.env['DATELINE_SITE_URL']}.`);
    return;
  }
  console.error(`Not deploying ${dir}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  process.exitCode = 1;
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`npm run check:deploy: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
