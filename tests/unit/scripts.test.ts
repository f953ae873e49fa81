import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatTable, medianRun } from '../../scripts/bench/run.ts';
import { newsroomNow } from '../../scripts/new-article.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', script), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs npm (the one on PATH) from the project root as an editor types it: npm's log level comes
 * from the project's `.npmrc`, not from the npm that runs these tests.
 */
function npm(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_loglevel'));
  const result = spawnSync('npm', args, { cwd: PROJECT_ROOT, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test starts one or more processes (four in some): limits generous enough for a busy 2-core machine.
describe('npm run check', { timeout: 60_000 }, () => {
  test('passes the sample newsroom', () => {
    const { status, stdout } = run('check.ts', []);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^✔ no problems; \d+ article files checked in/m);
  });

  test('lists every problem of every bad file, grouped by file, and exits 1', () => {
    const { status, stdout } = run('check.ts', ['--content', 'tests/fixtures/bad-content']);
    expect(status).toBe(1);
    const blocks = stdout.trim().split('\n\n');
    // Eleven bad articles and one bad front file (fronts/home.yaml).
    expect(blocks).toHaveLength(13);
    expect(blocks[0]).toBe(
      'tests/fixtures/bad-content/draft-yes.md:7:1  draft  draft must be true or false (not yes/no or a quoted string)',
    );
    expect(blocks.at(-1)).toMatch(/^✖ 12 errors, 0 warnings in 12 files; 12 article files checked in/);
  });

  test('checks internal links and body images across the corpus', () => {
    const { status, stdout } = run('check.ts', ['--content', 'tests/fixtures/broken-links']);
    expect(status).toBe(1);
    const file = 'tests/fixtures/broken-links/links-out.md';
    expect(stdout.split('\n').filter((line) => line.startsWith(file))).toEqual([
      `${file}:9:13  body  links to /national/link-target/, but no article has the URL /national/link-target/; did you mean /world/link-target/?`,
      `${file}:9:52  body  links to ../archive/2024-story.md, which is outside the content folder`,
      `${file}:11:15  body  links to /wrld/, but the site has no page /wrld/: sections are national, world, business, community, health, sports; did you mean /world/?`,
      `${file}:13:1  body  shows the image /media/route-map.png, but the site has no file /media/route-map.png`,
      `${file}:13:1  body  the image /media/route-map.png has no alt text: write ![what the image shows](/media/route-map.png) or alt="…"`,
      `${file}:15:1  body  shows the image /media/new-routes.png, but the site has no file /media/new-routes.png`,
    ]);
  });

  test('warnings are reported but do not fail', () => {
    const { status, stdout } = run('check.ts', ['--content', 'tests/fixtures/content-warnings']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      'long-headline.md:2:1  title  the headline is 112 characters; over 110 it is cut off in search results and rails  (warning)',
    );
    expect(stdout).toContain('long-headline.md:6:1  summary  the summary should end with punctuation, e.g. a full stop  (warning)');
    expect(stdout).toContain('✔ 0 errors, 2 warnings in 1 file');
  });

  test('--json gives tools a machine-readable report', () => {
    const { status, stdout } = run('check.ts', ['--json', '--content', 'tests/fixtures/bad-content']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: false, files: 12, errors: 12, warnings: 0 });
    expect(report.problems[0]).toEqual({
      file: 'tests/fixtures/bad-content/draft-yes.md',
      line: 7,
      column: 1,
      field: 'draft',
      severity: 'error',
      message: 'draft must be true or false (not yes/no or a quoted string)',
    });
  });

  test('`npm run check -- --json`, typed as is, prints the JSON report and nothing else on stdout', () => {
    const { status, stdout, stderr } = npm(['run', 'check', '--', '--json', '--content', 'tests/fixtures/bad-content']);
    expect(status, stderr).toBe(1);
    expect(stdout.trimStart().startsWith('{'), stdout.slice(0, 200)).toBe(true);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, errors: 12 });
    expect(stderr).toBe('');
  });

  test('a missing content folder is a clear failure of the check itself', () => {
    const { status, stderr } = run('check.ts', ['--content', 'no-such-folder']);
    expect(status).toBe(2);
    expect(stderr).toContain('could not read the content folder “no-such-folder”');
  });
});

describe('npm run new', { timeout: 120_000 }, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dateline-new-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('creates a valid draft named after the headline, dated in the newsroom zone', async () => {
    const { status, stdout } = run('new-article.ts', [
      '--section',
      'national',
      '--content',
      dir,
      '--date',
      '2025-03-17T12:40',
      'Carney’s trip: Paris & London',
    ]);
    expect(status, stdout).toBe(0);
    const text = await readFile(join(dir, '2025/03/carneys-trip-paris-london.md'), 'utf8');
    expect(text).toBe(
      [
        '---',
        'title: "Carney’s trip: Paris & London"',
        'section: national',
        'byline: Darpan News Desk',
        'date: 2025-03-17T12:40',
        'summary: One or two sentences that sum up the story, shown under the headline and in rails.',
        'draft: true',
        '---',
        '',
        'Write the story here. Set draft: false when it is ready to publish.',
        '',
      ].join('\n'),
    );
    const check = run('check.ts', ['--content', dir]);
    expect(check.status, check.stdout).toBe(0);
  });

  test('its placeholder summary and body cannot be published: with draft: false they are errors', async () => {
    const args = ['--section', 'national', '--content', dir, '--date', '2025-03-17T12:40', 'Ferry fares rise'];
    expect(run('new-article.ts', args).status).toBe(0);
    const file = join(dir, '2025/03/ferry-fares-rise.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('draft: true', 'draft: false'));
    const check = run('check.ts', ['--content', dir]);
    expect(check.status).toBe(1);
    expect(check.stdout.split('\n').filter((line) => line.includes('placeholder'))).toEqual([
      `${relative(PROJECT_ROOT, file)}:6:1  summary  the summary is still the placeholder of npm run new; write one or two sentences that sum up the story, or keep draft: true`,
      `${relative(PROJECT_ROOT, file)}:10:1  body  the body still holds the placeholder of npm run new (“Write the story here. Set draft: false when it is ready to publish.”); replace it with the story, or keep draft: true`,
    ]);
  });

  test('dates a new article now, in the newsroom zone, and files it under that year and month', async () => {
    const expected = newsroomNow(new Date(), 'America/Vancouver');
    const { status } = run('new-article.ts', ['--section', 'world', '--content', dir, 'Now story']);
    expect(status).toBe(0);
    const [file] = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.md'));
    expect(file).toBe(`${expected.slice(0, 4)}/${expected.slice(5, 7)}/now-story.md`);
    const date = /^date: (.*)$/m.exec(await readFile(join(dir, file!), 'utf8'))![1]!;
    expect(Math.abs(Date.parse(`${date}:00Z`) - Date.parse(`${expected}:00Z`))).toBeLessThanOrEqual(60_000);
  });

  test('refuses to overwrite a file or reuse a slug, and refuses unknown sections', async () => {
    const args = ['--section', 'national', '--content', dir, '--date', '2025-03-17T12:40', 'Same headline'];
    expect(run('new-article.ts', args).status).toBe(0);
    const again = run('new-article.ts', args);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists; nothing was written');
    const laterMonth = run('new-article.ts', ['--section', 'world', '--content', dir, '--date', '2025-04-01T08:00', 'Same headline']);
    expect(laterMonth.status).toBe(1);
    expect(laterMonth.stderr).toContain('already uses the slug “same-headline”');
    const badSection = run('new-article.ts', ['--section', 'opinion', '--content', dir, 'Hello']);
    expect(badSection.status).toBe(1);
    expect(badSection.stderr).toContain('“opinion” is not a section');
  });
});

describe('npm ci', { timeout: 60_000 }, () => {
  test('prints nothing of its own: no engine or install-script warnings alarm a newcomer', () => {
    const { status, stdout, stderr } = npm(['ci', '--dry-run', '--offline', '--no-audit', '--no-fund']);
    expect(status, stderr).toBe(0);
    expect(stdout + stderr).toBe('');
  });
});

describe('npm run bench', () => {
  const run = (wall: number, cpu: number) => ({ step: 'edit body', wall, cpu, rssMb: 900, pages: 14050, ok: true });

  test('repeated steps report the median run, with the range of all runs', () => {
    const median = medianRun([run(11.9, 12), run(9.3, 11), run(10.1, 11.5), run(9.6, 11.2), run(12.4, 13)]);
    expect(median).toMatchObject({ wall: 10.1, cpu: 11.5, range: [9.3, 12.4] });
    expect(medianRun([run(9.3, 11)])).not.toHaveProperty('range');
    expect(formatTable(10000, { dateline: [median] })).toContain('| edit body | 10.1 s (9.3–12.4) | 11.5 s | 900 MB | 1391 |');
  });
});
