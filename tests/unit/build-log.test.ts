import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';
import { describe, expect, test } from 'vitest';
import { condensePageLines } from '../../src/integrations/build-log.ts';

/** Messages as Astro's build writes them (colours as with a terminal). */
const green = (text: string) => `\u001b[32m${text}\u001b[39m`;
const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
const red = (text: string) => `\u001b[31m${text}\u001b[39m`;
const info = (label: string | null, message: string, newLine = true): AstroLoggerMessage => ({ label, level: 'info', message, newLine });
const pageLine = (path: string) => info(null, `  ${green('├─')} ${dim(path)}`, false);
const cached = info('SKIP_FORMAT', ` ${green('(cached)')}`);
const took = (ms: number, colour = dim) => info('SKIP_FORMAT', ` ${colour(`(+${ms}ms)`)} `);
const imageLine = (path: string, status: string) => info(null, `  ${green('▶')} ${path} ${dim(status)} ${dim('(+1ms)')} ${dim('(1/9)')}`);

// eslint-disable-next-line no-control-regex -- terminal colour codes
const COLOURS = /\u001b\[[0-9;]*m/g;

/** What a condensed log writes, as plain text lines. */
function run(events: AstroLoggerMessage[], listRendered = 2): string[] {
  const written: AstroLoggerMessage[] = [];
  const destination: AstroLoggerDestination = { write: (event) => void written.push(event) };
  const log = condensePageLines(destination, { listRendered });
  for (const event of events) log.write(event);
  void log.flush?.();
  let text = '';
  for (const event of written) text += event.message + (event.newLine ? '\n' : '');
  return text.replace(COLOURS, '').trimEnd().split('\n');
}

describe('condensed build log', () => {
  test('reused pages are counted, rendered ones listed up to the limit, everything else kept', () => {
    const lines = run([
      info(null, 'generating static routes'),
      pageLine('/a/index.html'),
      cached,
      // Rendered pages: their status comes after other pages' lines (pages render concurrently).
      pageLine('/b/index.html'),
      pageLine('/c/index.html'),
      pageLine('/d/index.html'),
      cached,
      took(12),
      pageLine('/e/index.html'),
      took(30),
      took(9),
      pageLine('/f/index.html'),
      info('SKIP_FORMAT', ` ${green('(restored)')}`),
      info(null, '✓ Completed in 1.2s.'),
      info('build', 'Complete!'),
    ]);
    expect(lines).toEqual([
      'generating static routes',
      '  ├─ /b/index.html',
      '  ├─ /c/index.html',
      '  ├─ … and 1 more page rendered',
      '  └─ 2 pages unchanged (cached): left in place from the previous build',
      '  └─ 1 page unchanged (restored): copied from the build cache',
      '✓ Completed in 1.2s.',
      'Complete!',
    ]);
  });

  test('a slow or empty page keeps its note; a log without pages is untouched', () => {
    const notes = run(
      [
        pageLine('/slow/index.html'),
        took(1200, red),
        pageLine('/x/index.html'),
        info('SKIP_FORMAT', ' (+1ms) (file not created, response body was empty)'),
      ],
      5,
    );
    expect(notes).toEqual([
      '  ├─ /slow/index.html',
      '  │  a page rendered (+1200ms) ',
      '  ├─ /x/index.html',
      '  │  a page rendered (+1ms) (file not created, response body was empty)',
    ]);
    expect(run([info('content', 'Syncing content'), info('SKIP_FORMAT', 'as is'), info(null, 'no newline', false)])).toEqual([
      'Syncing content',
      'as is',
      'no newline',
    ]);
  });

  test('images: reused ones are counted, generated ones listed up to the limit', () => {
    const lines = run([
      info(null, 'generating optimized images'),
      imageLine('/_astro/a.webp', '(reused cache entry)'),
      imageLine('/_astro/b.webp', '(before: 90kB, after: 20kB)'),
      imageLine('/_astro/c.webp', '(reused cache entry)'),
      imageLine('/_astro/d.avif', '(before: 90kB, after: 12kB)'),
      imageLine('/_astro/e.jpg', '(before: 90kB, after: 30kB)'),
      info(null, '✓ Completed in 0.3s.'),
    ]);
    expect(lines).toEqual([
      'generating optimized images',
      '  ▶ /_astro/b.webp (before: 90kB, after: 20kB) (+1ms) (1/9)',
      '  ▶ /_astro/d.avif (before: 90kB, after: 12kB) (+1ms) (1/9)',
      '  ├─ … and 1 more image generated',
      '  └─ 2 images unchanged (reused from the image cache)',
      '✓ Completed in 0.3s.',
    ]);
  });

  test('the counts are written when the log is flushed, e.g. when a build stops on an error', () => {
    expect(run([pageLine('/a/index.html'), cached, pageLine('/b/index.html')])).toEqual([
      '  ├─ /b/index.html',
      '  └─ 1 page unchanged (cached): left in place from the previous build',
    ]);
  });
});
