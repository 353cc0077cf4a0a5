/**
 * Reads days off and swapped working days from an iCalendar (.ics) file, parsed by ical.js.
 *
 * Public API:
 *   readIcsDays(text): { holidays: DayEntry[]; workdays: DayEntry[] }
 *   applyIcs(def, text, fileName?): WorkingCalendarDef   the def with holidays/workdays replaced
 *
 * Rules:
 * - Only all-day VEVENTs (DTSTART;VALUE=DATE) count; timed events (meetings) and STATUS:CANCELLED
 *   events are ignored. An all-day event covers DTSTART up to the day before DTEND (DTEND is
 *   exclusive, per RFC 5545), or DTSTART + DURATION, or the one day DTSTART.
 * - An all-day event is a swapped working day (调休上班) when its SUMMARY contains 班 (补班,
 *   上班, 春节(班)), or a CATEGORIES value is WORKDAY (any case), or it carries Apple's
 *   X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY (the marker in English-language feeds). Every other
 *   all-day event is a day off.
 * - The file replaces the calendar's holidays and workdays entirely, and the holiday data is then
 *   taken to be known through 31 December of the latest year the file mentions.
 * - All or nothing: a malformed file, a file without all-day events, an event with a missing or
 *   bad date, a recurring all-day event (RRULE; list the days instead), or a day that is both off
 *   and worked throws a CalendarError naming the problem, and nothing is applied.
 */
import ICAL from 'ical.js';
import { CalendarError, parseCalendarDef, type DayEntry, type WorkingCalendarDef } from './calendar-schema';

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;

const DAY_MS = 86_400_000;
/** No holiday runs longer than this; a longer all-day event is a mistake in the file. */
const MAX_EVENT_DAYS = 366;
const MAX_FILE_CHARS = 5_000_000;

export interface IcsDays {
  holidays: DayEntry[];
  workdays: DayEntry[];
}

export function readIcsDays(text: string): IcsDays {
  if (typeof text !== 'string' || text.trim() === '') throw new CalendarError('ics_malformed', 'the .ics file is empty');
  if (text.length > MAX_FILE_CHARS) throw new CalendarError('ics_malformed', `the .ics file is larger than ${MAX_FILE_CHARS} characters`);
  const calendars = parseCalendars(text);
  const holidays = new Map<string, DayEntry>();
  const workdays = new Map<string, DayEntry>();
  const seenIn = new Map<string, string>();
  let allDayEvents = 0;
  let index = 0;
  for (const calendar of calendars) {
    for (const event of calendar.getAllSubcomponents('vevent')) {
      index++;
      const label = describeEvent(event, index);
      const days = readEventDays(event, label);
      if (!days) continue;
      allDayEvents++;
      const working = isWorkdayEvent(event);
      const name = summaryOf(event);
      for (const date of days) {
        const other = working ? holidays : workdays;
        if (other.has(date)) {
          throw new CalendarError('ics_event_invalid', `${date} is both a day off and a working day (${seenIn.get(date)} and ${label})`);
        }
        (working ? workdays : holidays).set(date, name ? { date, name } : { date });
        seenIn.set(date, label);
      }
    }
  }
  if (allDayEvents === 0) {
    throw new CalendarError('ics_no_all_day_events', 'the .ics file has no all-day events (DTSTART;VALUE=DATE), so it names no holidays or working days');
  }
  const sorted = (map: Map<string, DayEntry>) => [...map.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { holidays: sorted(holidays), workdays: sorted(workdays) };
}

/** A new definition with the file's days in place of the old ones, validated as a whole. */
export function applyIcs(def: WorkingCalendarDef, text: string, fileName?: string): WorkingCalendarDef {
  const { holidays, workdays } = readIcsDays(text);
  const lastYear = [...holidays, ...workdays].reduce((max, entry) => Math.max(max, Number(entry.date.slice(0, 4))), 0);
  return parseCalendarDef({
    ...def,
    holidays,
    workdays,
    holidaysKnownThrough: `${lastYear}-12-31`,
    source: `Holidays and swapped working days imported from ${fileName ? `"${fileName}"` : 'an .ics file'} (${holidays.length} days off, ${workdays.length} working days).`,
  });
}

function parseCalendars(text: string): IcalComponent[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    throw new CalendarError('ics_malformed', `the .ics file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  // ical.js returns one component, or a list when the file holds several.
  const roots: unknown[] = Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : Array.isArray(jcal) ? jcal : [];
  const calendars = roots
    .filter((root): root is unknown[] => Array.isArray(root) && root[0] === 'vcalendar')
    .map((root) => new ICAL.Component(root));
  if (calendars.length === 0) throw new CalendarError('ics_malformed', 'the file is not an iCalendar file: it has no BEGIN:VCALENDAR ... END:VCALENDAR');
  return calendars;
}

/** The local dates an all-day event covers, or null for an event that does not count. */
function readEventDays(event: IcalComponent, label: string): string[] | null {
  const status = String(event.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return null;
  let start: IcalTime;
  let end: IcalTime | null;
  let durationSeconds: number | null;
  try {
    const startValue = event.getFirstPropertyValue('dtstart');
    if (!(startValue instanceof ICAL.Time)) throw new CalendarError('ics_event_invalid', `${label} has no DTSTART date`);
    start = startValue;
    const endValue = event.getFirstPropertyValue('dtend');
    end = endValue instanceof ICAL.Time ? endValue : null;
    const duration = event.getFirstPropertyValue('duration');
    durationSeconds = duration instanceof ICAL.Duration ? duration.toSeconds() : null;
  } catch (error) {
    if (error instanceof CalendarError) throw error;
    throw new CalendarError('ics_event_invalid', `${label} has a date that cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!start.isDate) return null;
  if (event.hasProperty('rrule') || event.hasProperty('rdate')) {
    throw new CalendarError('ics_event_invalid', `${label} repeats (RRULE/RDATE); list each day off or working day as its own event`);
  }
  const first = Date.UTC(start.year, start.month - 1, start.day) / DAY_MS;
  let count = 1;
  if (end) {
    if (!end.isDate) throw new CalendarError('ics_event_invalid', `${label} starts on a date but ends at a time; an all-day event's DTEND must be a date too`);
    count = Date.UTC(end.year, end.month - 1, end.day) / DAY_MS - first;
  } else if (durationSeconds !== null) {
    count = Math.round(durationSeconds / 86_400);
  }
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || count < 1) {
    throw new CalendarError('ics_event_invalid', `${label} ends before or on the day it starts`);
  }
  if (count > MAX_EVENT_DAYS) throw new CalendarError('ics_event_invalid', `${label} lasts ${count} days; an all-day holiday event may last at most ${MAX_EVENT_DAYS}`);
  return Array.from({ length: count }, (_, i) => new Date((first + i) * DAY_MS).toISOString().slice(0, 10));
}

function isWorkdayEvent(event: IcalComponent): boolean {
  if (summaryOf(event)?.includes('班')) return true;
  const categories = event.getAllProperties('categories').flatMap((property) => property.getValues().map((value: unknown) => String(value)));
  if (categories.some((category) => category.trim().toUpperCase() === 'WORKDAY')) return true;
  return String(event.getFirstPropertyValue('x-apple-special-day') ?? '').toUpperCase() === 'ALTERNATE-WORKDAY';
}

function summaryOf(event: IcalComponent): string | undefined {
  const summary = event.getFirstPropertyValue('summary');
  return typeof summary === 'string' && summary.trim() !== '' ? summary.trim().slice(0, 200) : undefined;
}

function describeEvent(event: IcalComponent, index: number): string {
  const summary = summaryOf(event);
  const uid = event.getFirstPropertyValue('uid');
  return `event #${index}${summary ? ` "${summary}"` : typeof uid === 'string' ? ` (UID ${uid})` : ''}`;
}
