import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { stringify } from 'yaml';
import type { ArticleRecord } from '../../src/schemas/record.ts';
import { createArticleSchema } from '../../src/pipeline/schema.ts';
import { siteConfig } from '../../src/site.config.ts';

export const TIME_ZONE = 'America/Vancouver';
export const SECTION_SLUGS = siteConfig.sections.map((section) => section.slug) as [string, ...string[]];

/** The schema as the sample newsroom configures it. */
export function makeSchema() {
  return createArticleSchema({ sections: SECTION_SLUGS, timeZone: TIME_ZONE });
}

/** Valid frontmatter fields, with overrides; `undefined` removes a field. */
export function makeFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    title: 'Council approves new transit plan',
    section: 'national',
    byline: 'Darpan News Desk',
    date: '2025-03-17T12:40',
    summary: 'The plan adds three bus routes next year.',
    ...overrides,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** A whole article file: `---`, YAML of `fields` (dates kept as written), `---`, body. */
export function makeSource(overrides: Record<string, unknown> = {}, body = 'First paragraph.\n'): string {
  return `---\n${stringify(makeFields(overrides)).replace(/^(date|updated): ['"](.*)['"]$/gm, '$1: $2')}---\n\n${body}`;
}

let counter = 0;

/** A stored article record (with a body) for query tests. */
export function makeArticle(overrides: Partial<ArticleRecord> & { at?: string; html?: string } = {}): ArticleRecord & { html: string } {
  counter++;
  const { at, ...rest } = overrides;
  const slug = rest.slug ?? `story-${counter}`;
  return {
    id: rest.id ?? `2025/03/${slug}`,
    filePath: `content/2025/03/${slug}.md`,
    title: `Story ${counter}`,
    section: 'national',
    slug,
    byline: 'Darpan News Desk',
    authors: ['Darpan News Desk'],
    date: { date: new Date(at ?? '2025-03-17T19:40:00Z'), hasTime: true },
    summary: 'A summary.',
    tags: [],
    corrections: [],
    aliases: [],
    draft: false,
    links: [],
    images: [],
    wordCount: 100,
    html: '<p>Body</p>',
    ...rest,
  };
}

/**
 * The bytes of a PNG file whose header says `width` × `height` (its pixel data is one byte): enough
 * for anything that reads image sizes from the header, however large the size.
 */
export function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A new temporary folder holding `files` (relative paths), each file's text its own path. */
export async function writeTree(files: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dateline-tree-'));
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), file);
  }
  return dir;
}
