/**
 * The working calendar as data: weekly hours, days off and swapped working days (调休) in one
 * IANA time zone. Validation only; the arithmetic lives in working-time.ts.
 *
 * Public API:
 *   WorkingCalendarDef             zod schema (strict) and its type
 *   parseCalendarDef(raw): WorkingCalendarDef            throws CalendarError('invalid_definition')
 *   CalendarError                  the one error class of src/shared/calendar (a `code` says which)
 *   minuteOfDay('HH:mm'): number   09:30 -> 570, 24:00 -> 1440
 *
 * Errors are thrown, never returned: every calendar function either gives a correct answer or
 * throws a CalendarError naming what is wrong. Callers at the API boundary turn it into data.
 */
import { z } from 'zod';
import { LocalizedText } from '../scripts/script-schema';
import { STATUTORY_RULES } from './statutory-holidays';

export type CalendarErrorCode =
  | 'invalid_definition'
  | 'invalid_argument'
  | 'horizon_exceeded'
  | 'ics_malformed'
  | 'ics_no_all_day_events'
  | 'ics_event_invalid'
  | 'list_malformed'
  | 'list_row_invalid'
  | 'list_year_gap';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    /** For invalid_definition: every problem, with its path in the definition. */
    readonly issues: readonly { path: string; message: string }[] = [],
    /** Values the renderer's translation of the code needs (e.g. the missing year). */
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'HH:mm' -> minutes after local midnight; 24:00 (end of day) is 1440. */
export function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const Time = z.string().regex(TIME_PATTERN, 'times are HH:mm from 00:00 to 24:00, e.g. 09:00');

export const IsoDate = z.string().refine((value) => {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  // Round-tripping through Date rejects 2026-02-30 and month 13.
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, 'dates are real calendar dates written YYYY-MM-DD, e.g. 2026-02-14');

const Interval = z
  .strictObject({ start: Time, end: Time })
  .refine((i) => minuteOfDay(i.start) < minuteOfDay(i.end), {
    message: 'an interval must end after it starts (end > start, both in the same day)',
    path: ['end'],
  });

/** One day's working intervals, e.g. 09:00-12:00 and 13:30-18:00 around a lunch break. */
export const DayHours = z
  .array(Interval)
  .max(12)
  .superRefine((intervals, ctx) => {
    for (let i = 1; i < intervals.length; i++) {
      const previous = intervals[i - 1];
      const current = intervals[i];
      if (!previous || !current) continue;
      // Touching intervals (12:00-12:00) are allowed and merged on compile.
      if (minuteOfDay(current.start) < minuteOfDay(previous.end)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: `intervals must be sorted and must not overlap: ${current.start} starts before the previous interval ends at ${previous.end}`,
        });
      }
    }
  });
export type DayHours = z.infer<typeof DayHours>;

const DayEntry = z.strictObject({ date: IsoDate, name: z.string().min(1).max(200).optional() });
export type DayEntry = z.infer<typeof DayEntry>;

const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone this runtime knows, e.g. Asia/Shanghai');

export const WorkingCalendarDef = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'calendar ids are lower-case ascii, digits or -, starting with a letter'),
    name: LocalizedText,
    timeZone: TimeZone,
    /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
    weekly: z.strictObject({
      '1': DayHours,
      '2': DayHours,
      '3': DayHours,
      '4': DayHours,
      '5': DayHours,
      '6': DayHours,
      '7': DayHours,
    }),
    /** Days off, whatever their weekday (statutory holidays, company days off). */
    holidays: z.array(DayEntry).max(20_000),
    /** Swapped working days (调休上班): worked although their weekday normally is not. */
    workdays: z.array(DayEntry).max(5_000),
    /** Hours worked on a swapped working day; the Monday pattern when absent. */
    swapHours: DayHours.optional(),
    /** Where the days come from, for the people who keep it up to date. */
    source: z.string().max(2000).optional(),
    /** Last date the official holiday data covers; later days are provisional or unknown (working-time.ts). */
    holidaysKnownThrough: IsoDate.optional(),
    /** The statutory rule provisional holidays are derived from after holidaysKnownThrough (statutory-holidays.ts). */
    provisionalRule: z.enum(STATUTORY_RULES).optional(),
  })
  .superRefine((def, ctx) => {
    const weekly = Object.values(def.weekly);
    if (weekly.every((day) => day.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'the week has no working hours at all; give at least one weekday an interval' });
    }
    if (def.swapHours?.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['swapHours'], message: 'swapHours must hold at least one interval (omit it to use the Monday hours)' });
    }
    if (!def.swapHours && def.workdays.length > 0 && def.weekly['1'].length === 0) {
      ctx.addIssue({ code: 'custom', path: ['swapHours'], message: 'Monday has no hours, so swapped working days need their own swapHours' });
    }
    const holidayDates = new Set<string>();
    def.holidays.forEach((entry, index) => {
      if (holidayDates.has(entry.date)) {
        ctx.addIssue({ code: 'custom', path: ['holidays', index, 'date'], message: `${entry.date} is listed twice as a holiday` });
      }
      holidayDates.add(entry.date);
    });
    const workdayDates = new Set<string>();
    def.workdays.forEach((entry, index) => {
      if (holidayDates.has(entry.date)) {
        ctx.addIssue({ code: 'custom', path: ['workdays', index, 'date'], message: `${entry.date} is both a holiday and a swapped working day` });
      }
      if (workdayDates.has(entry.date)) {
        ctx.addIssue({ code: 'custom', path: ['workdays', index, 'date'], message: `${entry.date} is listed twice as a swapped working day` });
      }
      workdayDates.add(entry.date);
    });
  });
export type WorkingCalendarDef = z.infer<typeof WorkingCalendarDef>;

/** Validates a parsed calendar file; the message names the first problem and its path. */
export function parseCalendarDef(raw: unknown): WorkingCalendarDef {
  const parsed = WorkingCalendarDef.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  const first = issues[0];
  throw new CalendarError('invalid_definition', `working calendar: ${first?.path ?? '(root)'}: ${first?.message ?? 'invalid'}`, issues);
}
