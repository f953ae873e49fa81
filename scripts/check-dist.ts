/**
 * `npm run check:dist`: the build-level quality gates over a built site, for CI after
 * `npm run build` or for a newsroom checking its own content.
 *
 * Validates every page with html-validate and the outline checks, follows every internal link and
 * weighs every page against its budget, printing each report; exits with 1 when any gate fails.
 * What each gate learns from a page is kept by the page's bytes in `<cacheDir>/check-dist/`
 * (`PageMemo`), so a check after a small change parses only the pages that changed.
 *
 * Usage: `node scripts/check-dist.ts [dist]` (default `DATELINE_OUT_DIR`, else `dist`).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { siteConfig } from '../src/site.config.ts';
import { checkBudgets, classifyPage, createBudgetsMemo, formatBudgetReport, measurePages } from './quality/budgets.ts';
import { createHtmlMemo, formatHtmlProblems, validateBuild } from './quality/html.ts';
import { createLinksMemo, findBrokenLinks, formatBrokenLinks } from './quality/links.ts';

async function main() {
  const distDir = resolve(process.argv[2] ?? process.env['DATELINE_OUT_DIR'] ?? 'dist');
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`No built site in ${distDir}: run npm run build first.`);
  const sections = siteConfig.sections.map((section) => section.slug);

  // What each gate learned from each page is kept by the page's bytes in the cache folder (which
  // the sample workflow restores): pages unchanged since the last check are not parsed again.
  const memoDir = join(resolve(siteConfig.cacheDir), 'check-dist');
  const outline = { lang: siteConfig.locale };
  const memos = {
    html: createHtmlMemo(join(memoDir, 'html.json'), outline),
    links: createLinksMemo(join(memoDir, 'links.json')),
    budgets: createBudgetsMemo(join(memoDir, 'budgets.json')),
  };
  const html = await validateBuild(distDir, outline, memos.html);
  console.log(formatHtmlProblems(html));
  const links = await findBrokenLinks(distDir, { siteUrl: siteConfig.url }, memos.links);
  console.log(formatBrokenLinks(links));
  const weights = await measurePages(distDir, (path) => classifyPage(path, sections), memos.budgets);
  console.log(formatBudgetReport(weights));
  const overBudget = checkBudgets(weights);
  console.log(
    overBudget.length === 0
      ? 'Every page is within its budget.'
      : `${overBudget.length} page(s) over budget:\n${overBudget.map((f) => `  ${f.page} (${f.type})  ${f.message}`).join('\n')}`,
  );
  for (const memo of Object.values(memos)) memo.save();
  console.log(`${memos.html.misses} pages parsed, ${memos.html.hits} unchanged since the last check (kept in ${memoDir}).`);
  if (html.length + links.length + overBudget.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
