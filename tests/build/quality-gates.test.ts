import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { BUDGETS, checkBudgets, classifyPage, formatBudgetReport, measurePages, type PageWeight } from '../../scripts/quality/budgets.ts';
import { listDistFiles, urlPathOf } from '../../scripts/quality/dist.ts';
import { formatHtmlProblems, validateBuild } from '../../scripts/quality/html.ts';
import { findBrokenLinks, formatBrokenLinks } from '../../scripts/quality/links.ts';
import { siteConfig } from '../../src/site.config.ts';
import { buildSite, hashTree, readPage } from '../helpers/build.ts';
import { SECTION_SLUGS } from '../helpers/factories.ts';
import { countWords, LONG_READ_PATH, LONG_READ_WORDS } from '../helpers/newsroom.ts';

/** One build of the extended newsroom (sample + long read + a second National page), shared by every gate. */
const build = inject('qualityBuild');

test('the build has every kind of page the gates are meant to see', async () => {
  const pages = (await listDistFiles(build.outDir)).filter((file) => file.endsWith('.html')).map(urlPathOf);
  expect(pages).toEqual(
    expect.arrayContaining([
      '/',
      '/404.html',
      '/national/',
      '/national/page/2/',
      LONG_READ_PATH,
      '/national/carney-macron-security-partnership/',
    ]),
  );
  expect(pages.length).toBeGreaterThan(35);
});

describe('valid HTML', () => {
  test('every page passes html-validate and has its language, one <h1> and the landmarks', async () => {
    const problems = await validateBuild(build.outDir, { lang: siteConfig.locale });
    expect(problems, formatHtmlProblems(problems)).toEqual([]);
  });
});

describe('links', () => {
  test('every internal href and src in every page resolves to a built file', async () => {
    const broken = await findBrokenLinks(build.outDir, { siteUrl: siteConfig.url });
    expect(broken, formatBrokenLinks(broken)).toEqual([]);
  });
});

describe('page budgets', () => {
  let weights: PageWeight[];
  beforeAll(async () => {
    weights = await measurePages(build.outDir, (path) => classifyPage(path, SECTION_SLUGS));
    console.log(formatBudgetReport(weights));
  });

  test('every page type of the build is measured', () => {
    expect(new Set(weights.map((weight) => weight.type))).toEqual(
      new Set(['home', 'section-front', 'article', 'term', 'search', 'not-found']),
    );
  });

  test('every page is within the budget of its type', () => {
    const failures = checkBudgets(weights);
    expect(failures, failures.map((f) => `${f.page} (${f.type}): ${f.message}`).join('\n')).toEqual([]);
  });

  test(`a ${LONG_READ_WORDS}-word story with lead image and full rail ships no JavaScript and at most 20 KB`, async () => {
    const { tree } = await readPage(build.outDir, LONG_READ_PATH);
    expect(countWords(toText(select('.article-body', tree)!))).toBeGreaterThanOrEqual(LONG_READ_WORDS);
    expect(select('.lead-image img', tree)).toBeDefined();
    expect(selectAll('.rail .card', tree)).toHaveLength(siteConfig.railSize);
    const weight = weights.find((w) => w.page === LONG_READ_PATH);
    expect(weight).toMatchObject({ type: 'article', scripts: 0, jsBytes: 0 });
    expect(weight!.totalBytes).toBeLessThanOrEqual(BUDGETS.article.maxBytes);
    expect(BUDGETS.article.maxBytes).toBe(20 * 1024);
  });
});

describe('nothing shifts as a page loads', () => {
  test('every image in every page has its width and height', async () => {
    const missing: string[] = [];
    let images = 0;
    for (const file of (await listDistFiles(build.outDir)).filter((f) => f.endsWith('.html'))) {
      const tree = fromHtml(await readFile(join(build.outDir, file), 'utf8'));
      for (const img of selectAll('img', tree)) {
        images++;
        if (!img.properties['width'] || !img.properties['height']) missing.push(`${urlPathOf(file)}  ${String(img.properties['src'])}`);
      }
    }
    expect(images).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

describe('reproducible builds', () => {
  test('a second build with the same SOURCE_DATE_EPOCH, reusing the content cache, is byte-identical', async () => {
    const again = await buildSite('quality-again', build.contentDir, { DATELINE_CACHE_DIR: build.cacheDir });
    expect(again.status, again.output).toBe(0);
    const [first, second] = [await hashTree(build.outDir), await hashTree(again.outDir)];
    expect(Object.keys(first).length).toBeGreaterThan(35);
    expect(second).toEqual(first);
  });

  test('stories filed at the same minute are ordered by id on fronts', async () => {
    const { tree } = await readPage(build.outDir, '/national/page/2/');
    expect(selectAll('.card-title a', tree).map((a) => a.properties['href'])).toEqual([
      '/national/ferry-fares-freeze/',
      '/national/food-inspection-report/',
    ]);
  });
});
