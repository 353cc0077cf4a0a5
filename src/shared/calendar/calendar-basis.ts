/**
 * How sure a calendar is about a date, from its coverage alone (what sla.get tells): the same
 * rule as working-time.ts dayBasis, for places that hold no compiled calendar (the renderer, the
 * native notification text).
 */
export type CalendarBasis = 'official' | 'provisional' | 'unknown';

export interface CalendarCoverage {
  timeZone: string;
  holidaysKnownThrough: string | null;
  provisionalThrough: string | null;
}

export function basisOfDate(calendar: CalendarCoverage, date: string): CalendarBasis {
  if (!calendar.holidaysKnownThrough || date <= calendar.holidaysKnownThrough) return 'official';
  return calendar.provisionalThrough && date <= calendar.provisionalThrough ? 'provisional' : 'unknown';
}
