/**
 * `npm run bench [-- --n 10000] [-- --only dateline]`: builds Dateline and the plain-Astro
 * baseline (`scripts/bench/baseline/`) on one synthetic corpus and prints a table.
 *
 * Steps, in order, each timed with GNU time (wall, CPU = user + system, peak RSS):
 * 1. cold: every cache and output removed;
 * 2. warm: the same build again, caches kept;
 * 3. edit body: one article's body changed;
 * 4. edit headline: one article's headline changed (it appears on other pages too);
 * 5. check: `npm run check` (Dateline only), with an empty article cache and with the builds' one.
 * With `--runs K`, steps 2–4 are each run K times (a new edit each time) and the run with the
 * median wall time is reported, with the range: single runs on a shared machine vary by 10–20 %.
 * For Dateline's builds the table also gives how many files the deploy manifest names (what a CDN
 * upload of that build sends or deletes). Results also go to `bench-corpus/results-<n>.json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { walkFiles } from '../../src/io/walk.ts';
import { writeCorpus } from './corpus.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

/**
 * The command of `npm run <name>` as `package.json` has it (`node [flags] <file> [arguments]`),
 * run with this Node from the project root: the benchmark times what editors and CI run, without
 * npm's own start.
 */
async function npmScript(name: string): Promise<{ command: string; args: string[] }> {
  const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [program, ...args] = (scripts[name] ?? '').trim().split(/\s+/);
  if (program !== 'node') throw new Error(`the benchmark runs npm scripts that start with node; “${name}” is “${scripts[name]}”`);
  return { command: process.execPath, args };
}

interface Measure {
  step: string;
  wall: number;
  /** With `--runs`, the fastest and slowest wall times of the step's runs. */
  range?: [number, number];
  cpu: number;
  rssMb: number;
  pages: number;
  /** Dateline: how many files the build's deploy manifest names (added, changed and removed). */
  deployFiles?: number;
  ok: boolean;
}

interface Target {
  name: 'dateline' | 'baseline';
  build: () => { command: string; args: string[]; env: Record<string, string>; cwd: string };
  outDir: string;
  caches: string[];
  /** Where the build writes its deploy manifest, if it does. */
  manifest?: string;
}

/** Runs a command under GNU time and returns its figures. */
function timed(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Omit<Measure, 'step' | 'pages'> & { output: string } {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', command, ...args], {
    cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', SOURCE_DATE_EPOCH: '1767225600', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const line = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(output);
  if (!line) throw new Error(`could not time ${command} ${args.join(' ')}:\n${output.slice(-2000)}`);
  return {
    wall: Number(line[1]),
    cpu: Number(line[2]) + Number(line[3]),
    rssMb: Math.round(Number(line[4]) / 1024),
    ok: result.status === 0,
    output,
  };
}

/** How many files a deploy manifest names to upload or delete. */
async function countDeployFiles(manifest: string | undefined): Promise<number | undefined> {
  if (!manifest || !existsSync(manifest)) return undefined;
  const { added, changed, removed } = JSON.parse(await readFile(manifest, 'utf8')) as Record<'added' | 'changed' | 'removed', string[]>;
  return added.length + changed.length + removed.length;
}

async function countPages(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  return walkFiles(dir).filter((file) => file.endsWith('.html')).length;
}

/** Edits the body (or the headline) of one fixed article of the corpus. */
async function editArticle(corpus: string, what: 'body' | 'headline', round: number): Promise<void> {
  const files = walkFiles(corpus).filter((file) => file.endsWith('.md'));
  const file = join(corpus, files[Math.floor(files.length / 2)]!);
  const text = await readFile(file, 'utf8');
  const edited =
    what === 'body'
      ? text.replace(/\n\n([^\n]+)\n/, `\n\n$1 An editor added this sentence (${round}).\n`)
      : text.replace(/^title: "(.*)"$/m, `title: "$1 (updated ${round})"`);
  if (edited === text) throw new Error(`could not edit ${file}`);
  await writeFile(file, edited);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '1000' },
      only: { type: 'string' },
      seed: { type: 'string', default: '42' },
      runs: { type: 'string', default: '1' },
    },
  });
  const n = Number(values.n);
  const runs = Number(values.runs);
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a whole number above 0, not ${values.runs}`);
  const work = join(ROOT, 'bench-corpus', `run-${n}`);
  const [buildScript, checkScript] = await Promise.all([npmScript('build'), npmScript('check')]);
  const corpus = join(work, 'content');
  await mkdir(work, { recursive: true });
  const targets: Target[] = [
    {
      name: 'dateline',
      outDir: join(work, 'dateline-dist'),
      caches: [join(work, 'dateline-cache')],
      manifest: join(work, 'dateline-cache', 'dateline', 'deploy', 'manifest.json'),
      build: () => ({
        ...buildScript,
        cwd: ROOT,
        env: {
          DATELINE_CONTENT_DIR: relative(ROOT, corpus),
          DATELINE_OUT_DIR: join(work, 'dateline-dist'),
          DATELINE_CACHE_DIR: join(work, 'dateline-cache'),
        },
      }),
    },
    {
      name: 'baseline',
      outDir: join(work, 'baseline-dist'),
      caches: [join(work, 'baseline-cache'), join(ROOT, 'scripts/bench/baseline/.astro')],
      build: () => ({
        command: process.execPath,
        args: [ASTRO, 'build', '--root', join(ROOT, 'scripts/bench/baseline')],
        cwd: ROOT,
        env: { BENCH_CONTENT: corpus, BENCH_OUT_DIR: join(work, 'baseline-dist'), BENCH_CACHE_DIR: join(work, 'baseline-cache') },
      }),
    },
  ].filter((target) => !values.only || target.name === values.only) as Target[];

  const results: Record<string, Measure[]> = {};
  for (const target of targets) {
    await writeCorpus(corpus, { n, seed: Number(values.seed) });
    for (const dir of [target.outDir, ...target.caches]) await rm(dir, { recursive: true, force: true });
    const measures: Measure[] = [];
    const build = async (step: string, times = 1, before: (round: number) => Promise<void> = async () => {}) => {
      const { command, args, env, cwd } = target.build();
      const taken: Measure[] = [];
      for (let round = 1; round <= times; round++) {
        await before(round);
        const measure = timed(command, args, env, cwd);
        if (!measure.ok) throw new Error(`${target.name} ${step} failed:\n${measure.output.slice(-3000)}`);
        const deployFiles = await countDeployFiles(target.manifest);
        taken.push({
          step,
          wall: measure.wall,
          cpu: measure.cpu,
          rssMb: measure.rssMb,
          pages: await countPages(target.outDir),
          ...(deployFiles === undefined ? {} : { deployFiles }),
          ok: true,
        });
        console.error(`${target.name} ${step}${times > 1 ? ` (${round}/${times})` : ''}: ${measure.wall} s`);
      }
      measures.push(medianRun(taken));
    };
    await build('cold');
    await build('warm', runs);
    await build('edit body', runs, (round) => editArticle(corpus, 'body', round));
    await build('edit headline', runs, (round) => editArticle(corpus, 'headline', round));
    if (target.name === 'dateline') {
      // `npm run check` with an empty article cache, then with the one the builds left.
      for (const [step, cacheDir] of [
        ['check (cold)', join(work, 'check-cache')],
        ['check (warm)', join(work, 'dateline-cache')],
      ] as const) {
        await rm(join(work, 'check-cache'), { recursive: true, force: true });
        const check = timed(
          checkScript.command,
          [...checkScript.args, '--content', relative(ROOT, corpus)],
          { DATELINE_CACHE_DIR: cacheDir },
          ROOT,
        );
        measures.push({ step, wall: check.wall, cpu: check.cpu, rssMb: check.rssMb, pages: 0, ok: check.ok });
        console.error(`dateline ${step}: ${check.wall} s`);
      }
    }
    results[target.name] = measures;
  }
  await writeFile(join(ROOT, 'bench-corpus', `results-${n}.json`), `${JSON.stringify({ n, results }, null, 2)}\n`);
  console.log(formatTable(n, results));
}

/** The run with the median wall time (the slower middle one of an even count), with the range of all. */
export function medianRun(taken: readonly Measure[]): Measure {
  const sorted = [...taken].sort((a, b) => a.wall - b.wall);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return taken.length > 1 ? { ...median, range: [sorted[0]!.wall, sorted.at(-1)!.wall] } : median;
}

/** The benchmark table, Markdown. */
export function formatTable(n: number, results: Record<string, Measure[]>): string {
  const lines = [
    `Articles: ${n}`,
    '',
    '| step | Dateline wall | CPU | peak RSS | pages/s | baseline wall | CPU | peak RSS | pages/s | Dateline/baseline | Dateline files to deploy |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const steps = ['cold', 'warm', 'edit body', 'edit headline', 'check (cold)', 'check (warm)'];
  const cell = (m: Measure | undefined) =>
    m
      ? [
          `${m.wall.toFixed(1)} s${m.range ? ` (${m.range[0].toFixed(1)}–${m.range[1].toFixed(1)})` : ''}`,
          `${m.cpu.toFixed(1)} s`,
          `${m.rssMb} MB`,
          m.pages ? `${Math.round(m.pages / m.wall)}` : '–',
        ]
      : ['–', '–', '–', '–'];
  for (const step of steps) {
    const d = results['dateline']?.find((m) => m.step === step);
    const b = results['baseline']?.find((m) => m.step === step);
    if (!d && !b) continue;
    const ratio = d && b ? (d.wall / b.wall).toFixed(2) : '–';
    lines.push(`| ${step} | ${[...cell(d), ...cell(b), ratio, d?.deployFiles?.toString() ?? '–'].join(' | ')} |`);
  }
  return lines.join('\n');
}

if (import.meta.main) await main();
