import type { Page } from 'playwright-core';

/** How long every image is held back, so a page without reserved space would have laid out without it. */
const IMAGE_DELAY_MS = 400;

/**
 * Loads `url` with images arriving late, scrolls to the bottom so lazy images load too, and returns
 * the cumulative layout shift (the sum of every layout shift's score, as Chromium reports them).
 */
export async function measureLayoutShift(page: Page, url: string): Promise<number> {
  await observeLayoutShift(page);
  await page.route(/\.(jpe?g|png|webp|avif|gif|svg)$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, IMAGE_DELAY_MS));
    await route.continue();
  });
  await page.goto(url);
  await page.evaluate(async (settleMs) => {
    for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Scrolled past fast, Chromium can miss a lazy image that shares its file with one still on
    // its way (a section's fallback image on several cards): once those have arrived, each image
    // left is brought into view.
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const left = [...document.images].filter((image) => !image.complete);
      if (left.length === 0) break;
      for (const image of left) {
        image.scrollIntoView({ block: 'center' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }, IMAGE_DELAY_MS * 2);
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  await page.waitForTimeout(100);
  return layoutShiftSoFar(page);
}

/** Records every layout shift of the documents `page` loads from now on (see `layoutShiftSoFar`, `layoutShiftSources`). */
export async function observeLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Shift {
      value: number;
      sources: Array<{ node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
    }
    const scores: number[] = [];
    const sources: string[] = [];
    Object.assign(window, { layoutShifts: scores, layoutShiftSources: sources });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Shift[]) {
        scores.push(entry.value);
        for (const { node, previousRect: from, currentRect: to } of entry.sources) {
          const name = node instanceof Element ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}` : String(node?.nodeName);
          sources.push(`${name} ${from.x},${from.y} ${from.width}×${from.height} → ${to.x},${to.y} ${to.width}×${to.height}`);
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** What moved in the current document so far, one line per element and shift (`observeLayoutShift` first). */
export function layoutShiftSources(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { layoutShiftSources: string[] }).layoutShiftSources);
}

/** The cumulative layout shift of the current document so far (`observeLayoutShift` first). */
export function layoutShiftSoFar(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((sum, score) => sum + score, 0));
}
