/**
 * Dates in the newsroom's time zone.
 *
 * Everything here is pure and independent of the machine's own `TZ`: wall times are converted with
 * `Intl` for an explicit IANA zone, and formatting reads calendar fields in that zone.
 */

import type { NewsroomDate } from '../schemas/dates.ts';

export type { NewsroomDate };

export type ParseDateResult = { ok: true; value: NewsroomDate } | { ok: false; message: string };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const EXPECTED = 'expected an ISO 8601 date such as 2025-03-17, 2025-03-17T12:40 (newsroom time) or 2025-03-17T12:40-07:00';

/**
 * Reads a date as an editor wrote it.
 *
 * - `2025-03-17` means that calendar day in the newsroom zone (stored as its local midnight).
 * - `2025-03-17T12:40` or `2025-03-17 12:40:00` (no offset) is newsroom wall time, never UTC.
 * - `…Z` or `…-07:00` is an exact instant.
 * - Impossible calendar dates (`2025-02-30`) and wall times skipped by a DST change are errors;
 *   a wall time that occurs twice (clocks going back) is its first occurrence.
 */
export function parseNewsroomDate(text: string, timeZone: string): ParseDateResult {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return { ok: false, message: `“${text}” is not a date: ${EXPECTED}` };
  const [, y, mo, d, h, mi, s, ms, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const millisecond = Number((ms ?? '0').padEnd(3, '0'));
  if (month < 1 || month > 12) return { ok: false, message: `“${text}” has no month ${month}: ${EXPECTED}` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return { ok: false, message: `“${text}” does not exist: ${monthName(month)} ${year} has ${daysInMonth} days` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `“${text}” has an impossible time of day: ${EXPECTED}` };
  }
  const hasTime = h !== undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (offset) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.replace(/[^0-9]/g, '');
    const offsetMinutes = offset.toUpperCase() === 'Z' ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return { ok: true, value: { date: new Date(wall - offsetMinutes * 60_000), hasTime } };
  }
  const instant = wallTimeToInstant(wall, timeZone);
  if (instant === undefined) {
    return {
      ok: false,
      message: `“${text}” does not exist in ${timeZone}: the clocks skip that hour; use a time outside the daylight-saving change or add an offset`,
    };
  }
  return { ok: true, value: { date: new Date(instant), hasTime } };
}

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (a whole number of seconds). */
export function zoneOffset(instant: number, timeZone: string): number {
  const day = Math.floor(instant / DAY);
  const key = `${timeZone} ${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    if (dayOffsets.size >= DAY_OFFSETS_LIMIT) dayOffsets.clear();
    // The zone's offset is one all day when it is the same at the day's first and last second:
    // zones change offset at most a few times a year, never there and back within a day.
    const first = exactOffset(day * DAY, timeZone);
    offset = first === exactOffset(day * DAY + DAY - 1000, timeZone) ? first : null;
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffset(instant, timeZone);
}

/** The offset of `timeZone` at `instant`, read from `Intl`'s clock for that instant. */
function exactOffset(instant: number, timeZone: string): number {
  const f = formatFields(new Date(instant), timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall time `wall` (fields encoded as a UTC timestamp) occurs in `timeZone`, or undefined in a DST gap. */
function wallTimeToInstant(wall: number, timeZone: string): number | undefined {
  const offsets = new Set([zoneOffset(wall - DAY, timeZone), zoneOffset(wall + DAY, timeZone), zoneOffset(wall, timeZone)]);
  const candidates = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => instant + zoneOffset(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return candidates[0];
}

export interface ZonedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * The offset of each zone on each UTC day already asked for (null on a day the offset changes):
 * a build formats tens of thousands of dates, and `Intl`'s clock costs ~10 µs a call where adding
 * a known offset costs nothing. A memo only; the same answer comes without it.
 */
const dayOffsets = new Map<string, number | null>();
const DAY_OFFSETS_LIMIT = 100_000;

/** Calendar fields of `date` as a clock in `timeZone` shows them. */
export function fieldsInZone(date: Date, timeZone: string): Readonly<ZonedFields> {
  const time = date.getTime();
  const wall = new Date(time + zoneOffset(time, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
  };
}

/** Calendar fields of `date` in `timeZone` as `Intl` formats them. */
function formatFields(date: Date, timeZone: string): ZonedFields {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    weekday: WEEKDAYS_SHORT.indexOf(parts['weekday'] ?? ''),
  };
}

const WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function monthName(month: number): string {
  return MONTHS_LONG[month - 1] ?? String(month);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The house style for a story's time: `17 Mar, 2025 12:40 PM` in the newsroom zone, or
 * `17 Mar, 2025` when the author gave only a day.
 */
export function formatDateline(value: NewsroomDate, timeZone: string): string {
  const f = fieldsInZone(value.date, timeZone);
  const day = `${f.day} ${MONTHS_SHORT[f.month - 1]}, ${f.year}`;
  if (!value.hasTime) return day;
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  return `${day} ${hour12}:${pad(f.minute)} ${f.hour < 12 ? 'AM' : 'PM'}`;
}

/** A machine-readable timestamp with the newsroom's offset, for `<time datetime>`, feeds and JSON-LD: `2025-03-17T12:40:00-07:00`. */
export function toZonedIso(date: Date, timeZone: string): string {
  const f = fieldsInZone(date, timeZone);
  const offsetMinutes = Math.round(zoneOffset(date.getTime(), timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The edition's date for the date strip of the home page and fronts: `Wednesday, December 17, 2025`,
 * the calendar day of `now` in the newsroom zone.
 */
export function formatEditionDate(now: Date, timeZone: string): string {
  const f = fieldsInZone(now, timeZone);
  return `${WEEKDAYS_LONG[f.weekday] ?? ''}, ${monthName(f.month)} ${f.day}, ${f.year}`;
}

/** The edition's calendar day in `timeZone`, machine-readable (`2025-12-17`), for `<time datetime>`. */
export function editionDay(now: Date, timeZone: string): string {
  const f = fieldsInZone(now, timeZone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}
