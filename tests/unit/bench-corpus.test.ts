import { describe, expect, test } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { parseNewsroomDate } from '../../src/lib/dates.ts';

describe('the benchmark corpus', () => {
  test('puts no story at 02:xx newsroom time, which the morning the clocks go forward does not have', () => {
    const dates: string[] = [];
    for (const [, text] of generateCorpus({ n: 2_000, seed: 1 })) {
      const date = /^date: (.+)$/m.exec(text)?.[1];
      expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
      expect(parseNewsroomDate(date!, 'America/Vancouver')).toMatchObject({ ok: true });
      dates.push(date!);
    }
    expect(dates).toHaveLength(2_000);
    expect(dates.filter((date) => date.slice(11, 13) === '02')).toEqual([]);
    expect(new Set(dates.map((date) => date.slice(11, 13))).size).toBe(23);
  });
});
