import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { fieldsInZone, formatDateline, parseNewsroomDate, toZonedIso } from '../../src/lib/dates.ts';

const ZONE = 'America/Vancouver';

function iso(text: string, zone = ZONE): string {
  const result = parseNewsroomDate(text, zone);
  if (!result.ok) throw new Error(result.message);
  return result.value.date.toISOString();
}

describe('parseNewsroomDate', () => {
  test.each([
    ['a wall time in winter is Pacific Standard Time', '2025-01-15T09:00', '2025-01-15T17:00:00.000Z'],
    ['a wall time in summer is Pacific Daylight Time', '2025-03-17T12:40', '2025-03-17T19:40:00.000Z'],
    ['seconds without an offset are still newsroom time, not UTC', '2025-03-17T12:40:00', '2025-03-17T19:40:00.000Z'],
    ['a space may separate date and time', '2025-03-17 12:40', '2025-03-17T19:40:00.000Z'],
    ['a bare date is local midnight of that day', '2025-03-17', '2025-03-17T07:00:00.000Z'],
    ['an explicit offset is an exact instant', '2025-03-17T12:40:00+01:00', '2025-03-17T11:40:00.000Z'],
    ['Z means UTC', '2025-03-17T12:40:00Z', '2025-03-17T12:40:00.000Z'],
    ['the hour before clocks go back is the first of the two', '2025-11-02T01:30', '2025-11-02T08:30:00.000Z'],
    ['leap day exists in a leap year', '2024-02-29T10:00', '2024-02-29T18:00:00.000Z'],
  ])('%s', (_name, input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  test('a bare date records that no time of day was given', () => {
    const result = parseNewsroomDate('2025-03-17', ZONE);
    expect(result.ok && result.value.hasTime).toBe(false);
  });

  test.each([
    ['February 30th', '2025-02-30', 'does not exist: February 2025 has 28 days'],
    ['February 29th outside a leap year', '2025-02-29T10:00', 'February 2025 has 28 days'],
    ['month 13', '2025-13-01', 'has no month 13'],
    ['hour 25', '2025-03-17T25:00', 'impossible time of day'],
    ['a wall time skipped by daylight saving', '2025-03-09T02:30', 'does not exist in America/Vancouver'],
    ['free text', 'next Tuesday', 'is not a date'],
    ['a US-style date', '03/17/2025', 'is not a date'],
  ])('%s is an error, not rolled over', (_name, input, message) => {
    const result = parseNewsroomDate(input, ZONE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe('formatDateline', () => {
  test.each([
    ['the seed story, in daylight time', '2025-03-17T19:40:00Z', true, '17 Mar, 2025 12:40 PM'],
    ['a winter evening, in standard time', '2025-01-10T02:05:00Z', true, '9 Jan, 2025 6:05 PM'],
    ['midnight is 12 AM', '2025-06-01T07:00:00Z', true, '1 Jun, 2025 12:00 AM'],
    ['noon is 12 PM', '2025-06-01T19:00:00Z', true, '1 Jun, 2025 12:00 PM'],
    ['a UTC date that is still the previous day in Vancouver', '2025-03-18T03:00:00Z', true, '17 Mar, 2025 8:00 PM'],
    ['a day without time shows only the day', '2025-03-17T07:00:00Z', false, '17 Mar, 2025'],
  ])('%s', (_name, instant, hasTime, expected) => {
    expect(formatDateline({ date: new Date(instant), hasTime }, ZONE)).toBe(expected);
  });

  test('the same wall time reads the same on both sides of the spring change', () => {
    const before = parseNewsroomDate('2025-03-08T12:00', ZONE);
    const after = parseNewsroomDate('2025-03-10T12:00', ZONE);
    if (!before.ok || !after.ok) throw new Error('parse failed');
    expect(formatDateline(before.value, ZONE)).toBe('8 Mar, 2025 12:00 PM');
    expect(formatDateline(after.value, ZONE)).toBe('10 Mar, 2025 12:00 PM');
    expect(after.value.date.getTime() - before.value.date.getTime()).toBe((48 - 1) * 3_600_000);
  });
});

describe('toZonedIso', () => {
  test.each([
    ['2025-03-17T19:40:00Z', '2025-03-17T12:40:00-07:00'],
    ['2025-01-15T17:00:00Z', '2025-01-15T09:00:00-08:00'],
  ])('%s is %s in Vancouver', (instant, expected) => {
    expect(toZonedIso(new Date(instant), ZONE)).toBe(expected);
  });

  test('uses the offset of other zones too', () => {
    expect(toZonedIso(new Date('2025-03-17T19:40:00Z'), 'Asia/Kolkata')).toBe('2025-03-18T01:10:00+05:30');
  });
});

describe('fieldsInZone', () => {
  const formats = new Map<string, Intl.DateTimeFormat>();
  /** The fields straight from `Intl`, with no memo in between. */
  function intlFields(date: Date, timeZone: string) {
    if (!formats.has(timeZone)) {
      formats.set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
          weekday: 'short',
        }),
      );
    }
    const parts = Object.fromEntries(
      formats
        .get(timeZone)!
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
    return {
      year: Number(parts['year']),
      month: Number(parts['month']),
      day: Number(parts['day']),
      hour: Number(parts['hour']) % 24,
      minute: Number(parts['minute']),
      second: Number(parts['second']),
      weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts['weekday']!),
    };
  }

  // Half-hour and 45-minute offsets, a 30-minute daylight saving, two changes a year in each
  // direction, the date line moved, and local mean time (offsets with seconds) before 1900.
  const zones = [
    'America/Vancouver',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Pacific/Chatham',
    'Africa/Casablanca',
    'Pacific/Apia',
    'Asia/Kolkata',
  ];

  test.each(zones)('is what Intl says in %s, every minute around each change of offset and at random instants', (zone) => {
    const instants: number[] = [];
    // Every 7 minutes 13 seconds (so every minute of the hour is met) through the days around
    // each change of 2011 (Apia skipped a day) and 2025, and 3,000 random instants since 1850.
    for (const year of [2011, 2025]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const before = intlFields(new Date(t), zone);
        const after = intlFields(new Date(t + 86_400_000 - 1000), zone);
        const offset = (f: typeof before, at: number) => Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - at;
        if (offset(before, t) === offset(after, t + 86_400_000 - 1000)) continue;
        for (let at = t - 86_400_000; at < t + 2 * 86_400_000; at += 433_000) instants.push(at);
      }
    }
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++)
      instants.push(Date.UTC(1850, 0, 1) + Math.floor(random() * (Date.UTC(2040, 0, 1) - Date.UTC(1850, 0, 1))));
    // Every zone but the two of India and Nepal changed its offset in those years.
    expect(instants.length).toBeGreaterThan(zone.startsWith('Asia/') ? 2999 : 3000);
    for (const at of instants) expect(fieldsInZone(new Date(at), zone), new Date(at).toISOString()).toEqual(intlFields(new Date(at), zone));
  });
});

// Starts four processes.
describe('machine time zone', { timeout: 60_000 }, () => {
  test('the build machine’s TZ changes no parsed or formatted value', () => {
    const script = `
      import { parseNewsroomDate, formatDateline, toZonedIso } from ${JSON.stringify(new URL('../../src/lib/dates.ts', import.meta.url).href)};
      const r = parseNewsroomDate('2025-03-17T12:40', 'America/Vancouver');
      const d = parseNewsroomDate('2025-03-17', 'America/Vancouver');
      console.log(JSON.stringify([r.value.date.toISOString(), formatDateline(r.value, 'America/Vancouver'), toZonedIso(d.value.date, 'America/Vancouver')]));
    `;
    const outputs = ['UTC', 'Pacific/Auckland', 'America/St_Johns', 'Asia/Kolkata'].map((tz) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }).trim(),
    );
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0]!)).toEqual(['2025-03-17T19:40:00.000Z', '17 Mar, 2025 12:40 PM', '2025-03-17T00:00:00-07:00']);
  });
});
