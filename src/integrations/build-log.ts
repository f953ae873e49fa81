/**
 * Astro's console log, with its line per page and per image condensed (`logger` in `astro.config.ts`).
 *
 * Astro writes one line for every page and every optimised image: 14,000 lines for a
 * 10,000-story newsroom, nearly all of them "(cached)" on a publish, which buried the log's few
 * useful lines (and filled CI logs with megabytes). This log keeps everything else as Astro
 * writes it and, for pages and images:
 * - lists the ones made, up to `listRendered` of them per group, then counts the rest;
 * - counts the ones reused from the previous build instead of listing them;
 * - keeps Astro's note on a page that rendered slowly or empty.
 *
 * Loaded by Astro with Node's own loader (no Vite): it imports nothing from the project. It is the
 * one place that reads Astro's log text; `tests/unit/adapters.test.ts` fails when an upgrade
 * changes the lines it recognises.
 */
import { stripVTControlCharacters } from 'node:util';
import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';
import nodeDestination from 'astro/logger/node';

export interface BuildLogOptions {
  /** Rendered pages listed one by one per group before the rest are counted. */
  listRendered?: number;
}

const plain = (text: string) => stripVTControlCharacters(text);

/** A page line: `  ├─ /national/slug/index.html`, written without a newline; its status follows in a second message. */
const isPageLine = (event: AstroLoggerMessage) =>
  event.label === null && !event.newLine && plain(event.message).trimStart().startsWith('├─');
/** An image line: `  ▶ /_astro/photo.hash.webp (reused cache entry) (+1ms) (3/165)`, in one message. */
const isImageLine = (event: AstroLoggerMessage) =>
  event.label === null && event.newLine && plain(event.message).trimStart().startsWith('▶');
/** How Astro reports a page it did not render: left in place from the previous build, or restored from the build cache. */
const reuseOf = (status: AstroLoggerMessage) => (['(cached)', '(restored)'] as const).find((word) => plain(status.message).trim() === word);
/** Astro marks a render over its slow threshold in red, and an empty page with a note. */
const isNotable = (status: AstroLoggerMessage) => status.message.includes('\u001b[31m') || plain(status.message).includes('not created');

/** How the summary says where unchanged pages and images came from. */
const REUSED = {
  '(cached)': '(cached): left in place from the previous build',
  '(restored)': '(restored): copied from the build cache',
  image: '(reused from the image cache)',
} as const;

const count = (n: number, what: string) => `${n.toLocaleString('en-CA')} ${what}${n === 1 ? '' : 's'}`;

/**
 * Wraps `destination` so that its page and image lines are condensed as described above.
 *
 * Astro writes a reused page's line and its "(cached)" status one right after the other, but
 * renders several pages at once (`build.concurrency`), so a rendered page's status comes later,
 * after other pages' lines: a page line not followed at once by "(cached)" is a rendered page.
 * Render times cannot be told apart, so they are left out, except a slow or empty page's.
 */
export function condensePageLines(
  destination: AstroLoggerDestination,
  { listRendered = 20 }: BuildLogOptions = {},
): AstroLoggerDestination {
  let group: { kind: 'page' | 'image'; made: number; reused: Record<string, number> } | undefined;
  /** The last page line, until its status shows whether it was reused. */
  let pending: AstroLoggerMessage | undefined;
  const line = (message: string): AstroLoggerMessage => ({ label: null, level: 'info', message, newLine: true });
  const enter = (kind: 'page' | 'image') => {
    if (group?.kind !== kind) endGroup();
    group ??= { kind, made: 0, reused: {} };
    return group;
  };
  const made = (event: AstroLoggerMessage, kind: 'page' | 'image') => {
    const current = enter(kind);
    current.made++;
    if (current.made <= listRendered) destination.write({ ...event, newLine: true });
  };
  const reused = (kind: 'page' | 'image', how: string) => {
    const current = enter(kind);
    current.reused[how] = (current.reused[how] ?? 0) + 1;
  };
  const settlePending = () => {
    if (pending) made(pending, 'page');
    pending = undefined;
  };
  function endGroup() {
    settlePending();
    if (!group) return;
    const { kind, made: madeCount, reused: reuses } = group;
    group = undefined;
    if (madeCount > listRendered) {
      destination.write(
        line(`  ├─ … and ${count(madeCount - listRendered, `more ${kind}`)} ${kind === 'page' ? 'rendered' : 'generated'}`),
      );
    }
    for (const [how, n] of Object.entries(reuses)) destination.write(line(`  └─ ${count(n, kind)} unchanged ${how}`));
  }
  return {
    write(event) {
      if (isPageLine(event)) {
        settlePending();
        enter('page');
        pending = event;
      } else if (event.label === 'SKIP_FORMAT' && group?.kind === 'page') {
        const reuse = reuseOf(event);
        if (pending && reuse) {
          pending = undefined;
          return reused('page', REUSED[reuse]);
        }
        settlePending();
        if (isNotable(event)) destination.write(line(`  │  a page rendered${event.message}`));
      } else if (isImageLine(event)) {
        if (plain(event.message).includes('(reused cache entry)')) reused('image', REUSED.image);
        else made(event, 'image');
      } else {
        endGroup();
        destination.write(event);
      }
    },
    flush() {
      endGroup();
      return destination.flush?.();
    },
    close() {
      endGroup();
      return destination.close?.();
    },
  };
}

/** The entry point Astro loads: its console log, condensed. */
export default function buildLog(options: BuildLogOptions = {}): AstroLoggerDestination {
  return condensePageLines(nodeDestination(), options);
}
