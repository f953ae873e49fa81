/**
 * A deterministic synthetic newsroom for benchmarks: `n` articles across the configured sections,
 * 600–900-word bodies with headings, lists, links and quotes, dates spread over four years, some
 * with lead images. The same seed and `n` always write the same bytes.
 *
 *     node scripts/bench/corpus.ts --n 1000 --out /tmp/corpus [--seed 42]
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfig } from '../../src/site.config.ts';

/** mulberry32: a small, fast, seedable PRNG. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'council budget transit housing library school hospital clinic province federal minister mayor ' +
  'community volunteers residents business tariff trade steel aluminum export market farmers harvest ' +
  'festival temple cricket hockey basketball coach team season playoff final weather storm river ' +
  'bridge highway ferry airport policy report survey data funding grant program service plan vote ' +
  'election candidate riding caucus committee hearing court ruling police safety fire crews ' +
  'students teachers parents seniors families workers union wages prices inflation rent mortgage'
).split(' ');
const NAMES = ['Priya Sandhu', 'Marcus Lee', 'Harjit Gill', 'Amelia Chen', 'Daniel Okafor', 'Sofia Martins'];
const PLACES = ['Surrey', 'Burnaby', 'Richmond', 'Abbotsford', 'Delta', 'Langley', 'Coquitlam', 'Victoria'];
const IMAGES = ['/media/carney-macron-paris.jpg', '/media/tariff-steel-chart.jpg', '/media/spring-fun-run.jpg'];

export interface CorpusOptions {
  n: number;
  seed?: number;
}

/** The files of a synthetic corpus: relative path → text. */
export function* generateCorpus({ n, seed = 42 }: CorpusOptions): Generator<[path: string, text: string]> {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const sentence = (min = 8, max = 22) => {
    const words = Array.from({ length: int(min, max) }, () => pick(WORDS));
    words[0] = `${words[0]![0]!.toUpperCase()}${words[0]!.slice(1)}`;
    return `${words.join(' ')}${pick(['.', '.', '.', '?'])}`;
  };
  const sections = siteConfig.sections.map((section) => section.slug);
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  const slugs: { section: string; slug: string }[] = [];
  for (let i = 0; i < n; i++) {
    const section = pick(sections);
    const title = `${pick(PLACES)} ${sentence(5, 10).replace(/[.?]$/, '')}`;
    const slug = `${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .split('-')
      .slice(0, 6)
      .join('-')}-${i}`;
    const at = new Date(start + Math.floor(random() * span));
    // Dates are written without an offset, so they are newsroom time; no story is put at 02:xx,
    // which does not exist on the morning the clocks go forward (the build rejects such a date).
    const date = at.toISOString().slice(0, 16).replace(/T02:/, 'T03:');
    const target = words(750);
    const body: string[] = [];
    let count = 0;
    while (count < target) {
      const roll = random();
      let block: string;
      if (roll < 0.08) block = `## ${sentence(3, 7).replace(/[.?]$/, '')}`;
      else if (roll < 0.15) block = Array.from({ length: int(3, 5) }, () => `- ${sentence(4, 10)}`).join('\n');
      else if (roll < 0.2) block = `> "${sentence(10, 20)}" said ${pick(NAMES)}.`;
      else if (roll < 0.26 && slugs.length > 0) {
        const other = pick(slugs);
        block = `${sentence()} Read more in [our earlier story](/${other.section}/${other.slug}/). ${sentence()}`;
      } else if (roll < 0.3) block = `${sentence()} Details are on the [city website](https://example.com/${pick(WORDS)}). ${sentence()}`;
      else block = Array.from({ length: int(2, 4) }, () => sentence()).join(' ');
      body.push(block);
      count += block.split(/\s+/).length;
    }
    const image =
      random() < 0.3
        ? `image:\n  src: ${pick(IMAGES)}\n  alt: "Illustration for a ${section} story"\n  caption: "${sentence(6, 12)}"\n`
        : '';
    const text =
      `---\ntitle: "${title}"\nsection: ${section}\nbyline: ${pick(NAMES)}\ndate: ${date}\n` +
      `summary: "${sentence(15, 30)}"\n${image}tags: [${pick(PLACES)}, ${pick(WORDS)}]\n---\n\n${body.join('\n\n')}\n`;
    slugs.push({ section, slug });
    yield [`${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}.md`, text];
  }

  function words(mean: number) {
    return int(mean - 150, mean + 150);
  }
}

/** Writes a corpus into `out`, replacing what was there, with the sample images its articles use in `media/`. */
export async function writeCorpus(out: string, options: CorpusOptions): Promise<number> {
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'media'), { recursive: true });
  const sampleMedia = resolve(import.meta.dirname, '../../content/media');
  for (const image of IMAGES) await copyFile(join(sampleMedia, image.replace('/media/', '')), join(out, image));
  let count = 0;
  for (const [path, text] of generateCorpus(options)) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), text);
    count++;
  }
  return count;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { n: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } },
  });
  if (!values.out) throw new Error('--out <folder> is required');
  const count = await writeCorpus(values.out, { n: Number(values.n), seed: Number(values.seed) });
  console.log(`wrote ${count} articles to ${values.out}`);
}
