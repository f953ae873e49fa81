import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findDeployProblems } from '../../scripts/check-deploy.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

let dir: string;
const SITE = 'https://news.dateline.test';

/** A built site's home page and robots.txt, for `url`, a preview or not. */
async function site(url: string, { preview = false } = {}) {
  await writeFile(join(dir, 'index.html'), `<!doctype html><html><head><link rel="canonical" href="${url}/"></head><body></body></html>`);
  await writeFile(
    join(dir, 'robots.txt'),
    preview ? 'User-agent: *\nDisallow: /\n' : `User-agent: *\nAllow: /\n\nSitemap: ${url}/sitemap-index.xml\n`,
  );
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-deploy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run check:deploy', { timeout: 60_000 }, () => {
  test('lets a production build for DATELINE_SITE_URL deploy', async () => {
    await site(SITE);
    expect(await findDeployProblems(dir, { DATELINE_SITE_URL: `${SITE}/` })).toEqual([]);
  });

  test('refuses without DATELINE_SITE_URL, or with the example URL', async () => {
    await site('https://news.example.com');
    expect(await findDeployProblems(dir, {})).toEqual([expect.stringMatching(/^DATELINE_SITE_URL is not set/)]);
    expect(await findDeployProblems(dir, { DATELINE_SITE_URL: 'https://news.example.com' })).toEqual([
      expect.stringMatching(/^DATELINE_SITE_URL is the example https:\/\/news\.example\.com/),
    ]);
  });

  test('refuses a preview build', async () => {
    await site(SITE, { preview: true });
    expect(await findDeployProblems(dir, { DATELINE_SITE_URL: SITE })).toEqual([
      expect.stringMatching(/is a preview build .*never of npm run build:preview$/),
    ]);
  });

  test('refuses a site built for another URL', async () => {
    await site('https://news.example.com');
    expect(await findDeployProblems(dir, { DATELINE_SITE_URL: SITE })).toEqual([
      expect.stringMatching(/was built for https:\/\/news\.example\.com\/, not for DATELINE_SITE_URL https:\/\/news\.dateline\.test\//),
    ]);
  });

  test('says why and exits 1, or says it may deploy and exits 0', async () => {
    await site(SITE, { preview: true });
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/check-deploy.ts'), dir], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATELINE_SITE_URL: '', ...env },
      });
    const refused = run({});
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^Not deploying .*:\n {2}DATELINE_SITE_URL is not set.*\n {2}.* is a preview build/);
    await site(SITE);
    const allowed = run({ DATELINE_SITE_URL: SITE });
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain(`may be deployed to ${SITE}`);
  });
});
