/**
 * `npm run audit`: a Lighthouse report for the built site (a report, not a test).
 *
 * Serves `dist/` (or `DATELINE_OUT_DIR`) on localhost the way a static host does, runs Lighthouse
 * in the machine's Chromium (`CHROME_PATH`, else `/usr/bin/chromium` or another usual path; never
 * a downloaded browser) on the home page, the first section front and the newest article with a
 * lead image, and prints the four category scores. Lighthouse's default is a mid-range phone on a
 * throttled connection; `--desktop` uses its desktop settings instead. Every audit that cost
 * points is listed.
 *
 * Usage: `node scripts/audit.ts [--desktop] [path …]` (paths such as `/national/` replace the default pages).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launch } from 'chrome-launcher';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import lighthouse, { desktopConfig } from 'lighthouse';
import { siteConfig } from '../src/site.config.ts';
import { CHROMIUM_ARGS, findChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/serve.ts';
import { classifyPage } from './quality/budgets.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Home, the first section front, and the newest article with a lead image (else the newest article) on the home page. */
async function choosePages(distDir: string): Promise<string[]> {
  const sections = siteConfig.sections.map((section) => section.slug);
  const home = fromHtml(await readFile(join(distDir, 'index.html'), 'utf8'));
  const hrefs = (selector: string) => selectAll(selector, home).map((a) => String(a.properties['href']));
  const isArticle = (href: string) => classifyPage(href, sections) === 'article';
  const article = hrefs('main .card-with-thumb a[href]').find(isArticle) ?? hrefs('main a[href]').find(isArticle);
  const front = sections.map((slug) => `/${slug}/`).find((path) => existsSync(join(distDir, path, 'index.html')));
  return ['/', ...(front ? [front] : []), ...(article ? [article] : [])];
}

async function main() {
  const args = process.argv.slice(2);
  const desktop = args.includes('--desktop');
  const distDir = resolve(process.env['DATELINE_OUT_DIR'] ?? 'dist');
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`No built site in ${distDir}: run npm run build first.`);
  const chromePath = findChromium();
  if (!chromePath) throw new Error('No Chromium found: install it (sudo apt-get install chromium) or set CHROME_PATH.');
  const paths = args.filter((arg) => arg.startsWith('/'));
  const pages = paths.length > 0 ? paths : await choosePages(distDir);

  const server = await serveStatic(distDir);
  const chrome = await launch({ chromePath, chromeFlags: CHROMIUM_ARGS });
  const rows: string[][] = [['page', ...CATEGORIES]];
  const lost: string[] = [];
  try {
    for (const path of pages) {
      const result = await lighthouse(
        `${server.url}${path}`,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        desktop ? desktopConfig : undefined,
      );
      if (!result) throw new Error(`Lighthouse returned no result for ${path}`);
      const { lhr } = result;
      rows.push([path, ...CATEGORIES.map((id) => String(Math.round((lhr.categories[id]?.score ?? 0) * 100)))]);
      for (const id of CATEGORIES) {
        for (const ref of lhr.categories[id]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
            lost.push(`  ${path}  ${id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
          }
        }
      }
    }
  } finally {
    chrome.kill();
    await server.close();
  }

  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`Lighthouse ${desktop ? 'desktop' : 'mobile (default)'} scores, ${chromePath}:`);
  for (const row of rows)
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  console.log(lost.length === 0 ? 'No audit cost any points.' : `Audits that cost points:\n${lost.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
