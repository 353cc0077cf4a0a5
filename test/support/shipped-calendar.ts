/**
 * The shipped mainland calendar's official end, for tests about what happens around it: their
 * dates follow the data, so regenerating the calendar with a new year's schedule moves them too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES_DIR } from './test-core';

export const OFFICIAL_END: string = (JSON.parse(readFileSync(join(RESOURCES_DIR, 'calendars', 'cn-mainland.json'), 'utf8')) as { holidaysKnownThrough: string })
  .holidaysKnownThrough;

/** The year after the official data: its holidays are provisional until its schedule is imported. */
export const NEXT_YEAR = Number(OFFICIAL_END.slice(0, 4)) + 1;

/** The date `days` after the official end (negative: before it), YYYY-MM-DD. */
export function daysFromOfficialEnd(days: number): string {
  return new Date(Date.parse(`${OFFICIAL_END}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
