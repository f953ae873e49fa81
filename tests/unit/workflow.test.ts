import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/build.ts';

describe('the sample GitHub Actions workflow', async () => {
  const workflow = parse(await readFile(join(PROJECT_ROOT, '.github/workflows/site.yml'), 'utf8'));
  const runs = (job: string) => (workflow.jobs[job].steps as { run?: string }[]).flatMap((step) => (step.run ? [step.run] : []));

  test('validates content, builds and runs the tests, in that order, then keeps dist/', () => {
    expect(runs('build')).toEqual(['npm ci --no-audit --no-fund', 'npm run check', 'npm run build', 'npm run check:dist', 'npm test']);
    expect(workflow.jobs.build.steps.at(-1)).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'dist/' } });
  });

  test('deploys only from main, only after the build job passed, and never from a pull request', () => {
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.if).toBe("github.ref == 'refs/heads/main' && github.event_name != 'pull_request'");
    expect(JSON.stringify(workflow.jobs.deploy.steps)).toContain('pages deploy dist');
  });

  test('rebuilds on a schedule, so that embargoed stories go live', () => {
    expect(workflow.on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
  });
});
