// When each measured release line stops getting fixes. A line past its end-of-life gets no
// security releases, so Permission Model bypasses found later stay open there for good. Dates
// from nodejs/Release schedule.json (checked at commit e4bf922, 2026-07-02); "today" is always
// passed in, so the answer does not depend on the machine's clock.

import { PolicyError } from '../errors.js';

/** Last day of support of each line, YYYY-MM-DD. */
export const endOfLife: Readonly<Record<number, string>> = {
  20: '2026-04-30',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
  26: '2029-04-30',
};

export interface LineStatus {
  major: number;
  /** The line's end-of-life date, YYYY-MM-DD. */
  endOfLife: string;
  /** Whether `today` is on or after that date. */
  ended: boolean;
}

/** A date as YYYY-MM-DD (UTC), the form the schedule and the report use. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The `today` option as YYYY-MM-DD: a Date, a YYYY-MM-DD string, or the clock when not given. */
export function dayOf(today: Date | string | undefined): string {
  if (today === undefined) return isoDay(new Date());
  if (typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today)) return today;
  if (today instanceof Date && !Number.isNaN(today.getTime())) return isoDay(today);
  throw new PolicyError('OPTION_INVALID', `today '${String(today)}' is not a date`, 'write it as YYYY-MM-DD');
}

export function lineStatus(major: number, today: string): LineStatus | undefined {
  const end = endOfLife[major];
  return end === undefined ? undefined : { major, endOfLife: end, ended: today >= end };
}

/** The measured lines still supported on `today`, oldest first. */
export function supportedLines(today: string): number[] {
  return Object.entries(endOfLife)
    .filter(([, end]) => today < end)
    .map(([major]) => Number(major))
    .sort((a, b) => a - b);
}
