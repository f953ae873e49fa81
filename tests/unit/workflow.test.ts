import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/build.ts';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}

describe('the sample GitHub Actions workflow', async () => {
  const workflow = parse(await readFile(join(PROJECT_ROOT, '.github/workflows/site.yml'), 'utf8'));
  const steps = (job: string) => workflow.jobs[job].steps as Step[];
  const runs = (job: string) => steps(job).flatMap((step) => (step.run ? [step.run] : []));
  const indexOf = (job: string, match: (step: Step) => boolean) => steps(job).findIndex(match);
  const onMainOnly = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'";

  test('publishes with check, build and check:dist, the caches restored first, and never the test suite', () => {
    expect(runs('publish')).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run check',
      'npm run build',
      'npm run check:dist',
      'npm run check:deploy',
    ]);
    const restore = indexOf('publish', (step) => step.uses === 'actions/cache/restore@v4');
    expect(restore).toBeGreaterThan(indexOf('publish', (step) => step.run?.startsWith('npm ci') === true));
    expect(restore).toBeLessThan(indexOf('publish', (step) => step.run === 'npm run check'));
    expect(steps('publish')[restore]!.with!['path']).toBe('node_modules/.astro\ndist\n');
    const save = steps('publish').find((step) => step.uses === 'actions/cache/save@v4')!;
    expect(save.with!['key']).toBe(steps('publish')[restore]!.with!['key']);
  });

  test('runs on a push to main, on pull requests, by hand and every 15 minutes, so that embargoed stories go live', () => {
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect(workflow.jobs.publish.if).toBeUndefined();
  });

  test('deploys only from main, never from a pull request, and only after check:deploy accepted dist/', () => {
    const deploy = indexOf('publish', (step) => step.uses?.startsWith('cloudflare/wrangler-action') === true);
    const guard = indexOf('publish', (step) => step.run === 'npm run check:deploy');
    expect(deploy).toBe(steps('publish').length - 1);
    expect(guard).toBe(deploy - 1);
    expect(steps('publish')[deploy]!.if).toBe(onMainOnly);
    expect(steps('publish')[guard]!.if).toBe(onMainOnly);
    expect(steps('publish')[deploy]!.with!['command']).toMatch(/^pages deploy dist /);
    // The site URL comes from the repository variable only: without it, check:deploy refuses.
    expect(workflow.jobs.publish.env.DATELINE_SITE_URL).toBe('${{ vars.DATELINE_SITE_URL }}');
  });

  test('tests run as their own job on pushes and pull requests, not on the schedule', () => {
    expect(runs('test')).toEqual(['npm ci --no-audit --no-fund', 'npm run lint', 'npm test']);
    expect(workflow.jobs.test.if).toBe("github.event_name == 'push' || github.event_name == 'pull_request'");
    expect(workflow.jobs.test.needs).toBeUndefined();
    expect(workflow.jobs.publish.needs).toBeUndefined();
  });
});
