import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * The axe-core rules a page must pass: every WCAG 2.0, 2.1 and 2.2 level A and AA rule, and axe's
 * best practices (one `<h1>`, one `<main>`, everything inside a landmark, unique landmark names).
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/**
 * The violations axe-core finds on the page as it is now.
 *
 * Runs axe in the page itself (legacy mode): the default mode opens an extra blank page per run to
 * merge the results of iframes, which these pages do not have (the sanitizer removes them), and
 * takes three times as long.
 */
export async function findAccessibilityViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return results.violations;
}

/** One line per violation and element: `color-contrast (serious) Elements must meet… — .byline time`. */
export function formatViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'unknown'}) ${violation.help} — ${node.target.join(' ')}`),
    )
    .join('\n');
}
