import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  BUDGETS,
  checkBudgets,
  classifyPage,
  formatBudgetReport,
  gzipSize,
  measurePages,
  type PageWeight,
} from '../../scripts/quality/budgets.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

const TINY_DIST = join(PROJECT_ROOT, 'tests/fixtures/tiny-dist');
const SECTIONS = ['national', 'world'];
const gz = (file: string) => gzipSize(readFileSync(join(TINY_DIST, file)));

describe('classifyPage', () => {
  test.each([
    ['/', 'home'],
    ['/404.html', 'not-found'],
    ['/national/', 'section-front'],
    ['/world/page/2/', 'section-front'],
    ['/national/carney-macron-security-partnership/', 'article'],
    ['/national/page/two/', 'other'],
    ['/tags/trade/', 'term'],
    ['/authors/', 'term'],
    ['/authors/marcus-lee/page/2/', 'term'],
    ['/search/', 'search'],
    ['/national/story/extra/', 'other'],
    ['/sitemap.xml', 'other'],
  ])('%s is a %s page', (path, type) => {
    expect(classifyPage(path, SECTIONS)).toBe(type);
  });
});

describe('measurePages', () => {
  test('weighs each page’s HTML and the stylesheets and scripts it loads, gzipped', async () => {
    const weights = await measurePages(TINY_DIST, (path) => classifyPage(path, SECTIONS));
    const css = gz('styles/site.css');
    expect(weights).toEqual([
      {
        page: '/404.html',
        type: 'not-found',
        htmlBytes: gz('404.html'),
        cssBytes: css,
        jsBytes: gz('scripts/app.js'),
        totalBytes: gz('404.html') + css + gz('scripts/app.js'),
        scripts: 2,
      },
      { page: '/', type: 'home', htmlBytes: gz('index.html'), cssBytes: css, jsBytes: 0, totalBytes: gz('index.html') + css, scripts: 0 },
      {
        page: '/national/',
        type: 'section-front',
        htmlBytes: gz('national/index.html'),
        cssBytes: css,
        jsBytes: 0,
        totalBytes: gz('national/index.html') + css,
        scripts: 0,
      },
      {
        page: '/national/story/',
        type: 'article',
        htmlBytes: gz('national/story/index.html'),
        cssBytes: css,
        jsBytes: 0,
        totalBytes: gz('national/story/index.html') + css,
        scripts: 0,
      },
    ]);
  });
});

describe('checkBudgets', () => {
  const weight = (overrides: Partial<PageWeight>): PageWeight => ({
    page: '/national/story/',
    type: 'article',
    htmlBytes: 6000,
    cssBytes: 2000,
    jsBytes: 0,
    totalBytes: 8000,
    scripts: 0,
    ...overrides,
  });

  test('a page within its budget passes', () => {
    expect(checkBudgets([weight({})])).toEqual([]);
  });

  test('an article over 20 KB or with a script fails, naming the page and its figures', () => {
    expect(BUDGETS.article).toEqual({ maxBytes: 20 * 1024, maxScripts: 0 });
    expect(checkBudgets([weight({ htmlBytes: 19000, cssBytes: 2000, totalBytes: 21000, scripts: 1, jsBytes: 0 })])).toEqual([
      { page: '/national/story/', type: 'article', message: '20.5 KB gzipped (HTML 18.6 KB + CSS 2.0 KB + JS 0.0 KB), budget 20.0 KB' },
      { page: '/national/story/', type: 'article', message: '1 script(s), budget 0' },
    ]);
  });

  test('exactly at the budget passes', () => {
    expect(checkBudgets([weight({ totalBytes: 20 * 1024 })])).toEqual([]);
  });
});

describe('formatBudgetReport', () => {
  test('prints one row per page type present: pages, heaviest page, its figures, the median and the budget', async () => {
    const weights = await measurePages(TINY_DIST, (path) => classifyPage(path, SECTIONS));
    const report = formatBudgetReport(weights).split('\n');
    expect(report[0]).toBe('Page weight, gzipped (HTML + CSS + JS; images excluded):');
    expect(report[1]).toMatch(/^type +pages +heaviest page +HTML +CSS +JS +total +median +scripts +budget$/);
    expect(report.slice(2).map((line) => line.split(/ {2,}/).slice(0, 3))).toEqual([
      ['home', '1', '/'],
      ['section-front', '1', '/national/'],
      ['article', '1', '/national/story/'],
      ['not-found', '1', '/404.html'],
    ]);
    expect(report[4]).toContain('20.0 KB, 0 scripts');
  });
});
