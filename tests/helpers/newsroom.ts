import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeSource } from './factories.ts';
import { PROJECT_ROOT } from './build.ts';

/** The sample newsroom's articles. */
export const SAMPLE_CONTENT = join(PROJECT_ROOT, 'content');

/** The 900-word story of the extended newsroom, the one the article budget is measured on. */
export const LONG_READ_PATH = '/national/inside-the-trade-corridor/';

/** How long the long read is, at least: the length the article budget is stated for. */
export const LONG_READ_WORDS = 900;

/** Words as the pipeline counts them. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/**
 * Writes the extended newsroom into `dir`: the sample newsroom plus the pages it lacks for the
 * quality gates. The additions are dated December 2024, before every sample story, so every
 * sample page except the National front looks as it does in the sample build.
 *
 * - A 900-word National long read (`LONG_READ_PATH`) with lead image, agency, update, subheads,
 *   a quote, a list, an inline figure and a link to another story; its prose is taken from the
 *   sample's National stories so it compresses like real copy.
 * - Three short National stories, two of them filed at the same minute, so National has a second
 *   front page and a tie to order.
 */
export async function writeExtendedNewsroom(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await cp(SAMPLE_CONTENT, dir, { recursive: true });
  await mkdir(join(dir, 'extended'), { recursive: true });
  await writeFile(
    join(dir, 'extended', 'inside-the-trade-corridor.md'),
    makeSource(
      {
        title: 'Inside the trade corridor: how a season of tariffs reached every town on the border',
        section: 'national',
        byline: 'Dateline Fixture Desk',
        agency: 'The Canadian Press',
        date: '2024-12-20T09:00',
        updated: '2024-12-20T17:30',
        summary:
          'Exporters, shift workers and mayors describe a season of tariff threats, and what they are doing to prepare for the next one.',
        image: {
          src: '/media/tariff-steel-chart.jpg',
          alt: 'Illustration: grey bars rising from left to right with a red arrow curving sharply upward over them.',
          caption: 'Steel and aluminum have been at the centre of the dispute.',
          credit: 'Dateline sample illustration',
        },
        tags: ['Tariffs', 'Trade'],
      },
      await longReadBody(),
    ),
  );
  const short = [
    { file: 'council-budget-hearing.md', title: 'Council schedules a public hearing on the transit budget', date: '2024-12-12T10:00' },
    { file: 'ferry-fares-freeze.md', title: 'Ferry fares frozen for the winter season', date: '2024-12-11T08:30' },
    { file: 'food-inspection-report.md', title: 'Food inspection report finds fewer violations', date: '2024-12-11T08:30' },
  ];
  for (const story of short) {
    await writeFile(
      join(dir, 'extended', story.file),
      makeSource(
        {
          title: story.title,
          section: 'national',
          byline: 'Dateline Fixture Desk',
          date: story.date,
          summary: `${story.title}, officials said.`,
        },
        `${story.title}, officials said on Wednesday.\n\nMore details are expected later this week.\n`,
      ),
    );
  }
}

/**
 * Markdown of at least `LONG_READ_WORDS` words: paragraphs of the sample stories in file order,
 * with the structure a long read has (subheads, a quote, a list, a figure, a link).
 */
async function longReadBody(): Promise<string> {
  const paragraphs = await sampleParagraphs();
  const blocks: string[] = [];
  let words = 0;
  for (const [index, paragraph] of paragraphs.entries()) {
    if (words >= LONG_READ_WORDS) break;
    if (index === 1) blocks.push('Skip to [what changed](#what-changed), further down.');
    if (index === 2) {
      blocks.push(
        '<figure><img src="/media/carney-macron-paris.jpg" alt="Illustration: French and Canadian colours with a maple leaf outline." width="1200" height="800"><figcaption>Trade partners beyond the border are part of the plan.</figcaption></figure>',
      );
    }
    if (index > 0 && index % 5 === 0)
      blocks.push(`## ${['What changed', 'On the factory floor', 'Looking abroad', 'What comes next'][index / 5 - 1] ?? 'More'}`);
    if (index === 7) blocks.push('> "We plan for the worst and hope to be wrong," one exporter said.');
    if (index === 11) blocks.push('- Steel and aluminum\n- Energy exported to three states\n- Goods outside CUSMA rules');
    if (index === 13)
      blocks.push('For the dates so far, see [our explainer on tariff deadlines](/national/tariff-deadlines-what-we-know/).');
    blocks.push(paragraph);
    words += countWords(paragraph);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Plain paragraphs of the sample's National stories, files in path order. */
async function sampleParagraphs(): Promise<string[]> {
  const files = (await readdir(SAMPLE_CONTENT, { recursive: true })).filter((file) => file.endsWith('.md')).sort();
  const paragraphs: string[] = [];
  for (const file of files) {
    const source = await readFile(join(SAMPLE_CONTENT, file), 'utf8');
    if (!/^section: national$/m.test(source)) continue;
    const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
    for (const block of body.split(/\r?\n\s*\r?\n/)) {
      const text = block.trim();
      if (text && /^[A-Z"“‘']/.test(text) && !text.includes('\n')) paragraphs.push(text);
    }
  }
  return paragraphs;
}
