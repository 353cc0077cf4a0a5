/**
 * The State Council's yearly holiday list in a plain form, for the one-step import of an official
 * schedule once it is published (the .ics import is in ics-import.ts).
 *
 * Public API:
 *   readHolidayList(text): { holidays: DayEntry[]; workdays: DayEntry[]; years: number[] }
 *   applyHolidayList(def, text, fileName?): WorkingCalendarDef
 *
 * The form (docs/architecture.md, "Working calendar"), CSV with a header row:
 *     date,kind,name
 *     2027-01-01,holiday,元旦
 *     2027-02-20,workday,春节调休上班
 * or JSON: [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }, ...], or the same array as
 * { "days": [...] }. kind is holiday (a day off) or workday (a swapped working day, 调休上班); name
 * is optional. One row per day: a seven-day Spring Festival is seven rows.
 *
 * Rules:
 * - The list is the whole schedule of every year it names: it replaces those years' holidays and
 *   working days (provisional ones included), keeps the other years, and the official data then
 *   runs through 31 December of its last year.
 * - It must follow on from the official data: a list for 2028 while 2027 is still provisional is
 *   refused (the 2027 days would be claimed official without being known).
 * - All or nothing: a bad row (date, kind, a day listed twice or both off and worked) throws a
 *   CalendarError naming the row, and nothing is applied.
 */
import Papa from 'papaparse';
import { CalendarError, IsoDate, parseCalendarDef, type DayEntry, type WorkingCalendarDef } from './calendar-schema';

const MAX_ROWS = 5_000;
const MAX_CHARS = 900_000;

export interface HolidayList {
  holidays: DayEntry[];
  workdays: DayEntry[];
  years: number[];
}

interface RawRow {
  date?: unknown;
  kind?: unknown;
  name?: unknown;
}

export function readHolidayList(text: string): HolidayList {
  if (typeof text !== 'string' || text.trim() === '') throw new CalendarError('list_malformed', 'the holiday list is empty');
  if (text.length > MAX_CHARS) throw new CalendarError('list_malformed', `the holiday list is larger than ${MAX_CHARS} characters`);
  const body = text.replace(/^\uFEFF/, '').trim();
  const rows = body.startsWith('[') || body.startsWith('{') ? jsonRows(body) : csvRows(body);
  if (rows.length === 0) throw new CalendarError('list_malformed', 'the holiday list has no rows');
  if (rows.length > MAX_ROWS) throw new CalendarError('list_malformed', `the holiday list has more than ${MAX_ROWS} rows`);
  const holidays = new Map<string, DayEntry>();
  const workdays = new Map<string, DayEntry>();
  rows.forEach((row, index) => {
    const label = `row ${index + 1}`;
    const date = typeof row.date === 'string' ? row.date.trim() : '';
    if (!IsoDate.safeParse(date).success) throw new CalendarError('list_row_invalid', `${label}: "${String(row.date ?? '')}" is not a date written YYYY-MM-DD`);
    const kind = typeof row.kind === 'string' ? row.kind.trim().toLowerCase() : '';
    if (kind !== 'holiday' && kind !== 'workday') throw new CalendarError('list_row_invalid', `${label}: kind must be holiday or workday, not "${String(row.kind ?? '')}"`);
    if (holidays.has(date) || workdays.has(date)) throw new CalendarError('list_row_invalid', `${label}: ${date} is listed twice`);
    const name = typeof row.name === 'string' && row.name.trim() !== '' ? row.name.trim().slice(0, 200) : undefined;
    (kind === 'holiday' ? holidays : workdays).set(date, name ? { date, name } : { date });
  });
  const byDate = (a: DayEntry, b: DayEntry): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  const all = [...holidays.values(), ...workdays.values()];
  const years = [...new Set(all.map((entry) => Number(entry.date.slice(0, 4))))].sort((a, b) => a - b);
  return { holidays: [...holidays.values()].sort(byDate), workdays: [...workdays.values()].sort(byDate), years };
}

/** A new definition with the listed years replaced, validated as a whole. */
export function applyHolidayList(def: WorkingCalendarDef, text: string, fileName?: string): WorkingCalendarDef {
  const list = readHolidayList(text);
  const first = list.years[0]!;
  const last = list.years[list.years.length - 1]!;
  for (let year = first; year <= last; year++) {
    if (!list.years.includes(year)) throw new CalendarError('list_year_gap', `the holiday list names ${first} and ${last} but no day of ${year}`, [], { year: String(year) });
  }
  const knownYear = def.holidaysKnownThrough ? Number(def.holidaysKnownThrough.slice(0, 4)) : null;
  if (knownYear !== null && first > knownYear + 1) {
    throw new CalendarError('list_year_gap', `the official data ends ${def.holidaysKnownThrough}; import ${knownYear + 1} before ${first}`, [], { year: String(knownYear + 1) });
  }
  const listed = (entry: DayEntry): boolean => list.years.includes(Number(entry.date.slice(0, 4)));
  const byDate = (a: DayEntry, b: DayEntry): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  const through = `${last}-12-31`;
  return parseCalendarDef({
    ...def,
    holidays: [...def.holidays.filter((entry) => !listed(entry)), ...list.holidays].sort(byDate),
    workdays: [...def.workdays.filter((entry) => !listed(entry)), ...list.workdays].sort(byDate),
    holidaysKnownThrough: def.holidaysKnownThrough && def.holidaysKnownThrough > through ? def.holidaysKnownThrough : through,
    source: `${def.source ? `${def.source} ` : ''}Official schedule for ${first === last ? first : `${first}-${last}`} imported from ${fileName ? `"${fileName}"` : 'a holiday list'} (${list.holidays.length} days off, ${list.workdays.length} working days).`.slice(-2000),
  });
}

function jsonRows(body: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new CalendarError('list_malformed', `the holiday list is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rows = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && Array.isArray((parsed as { days?: unknown }).days) ? (parsed as { days: unknown[] }).days : null;
  if (!rows) throw new CalendarError('list_malformed', 'a JSON holiday list is an array of {date, kind, name} or an object with such an array in "days"');
  return rows.map((row, index) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new CalendarError('list_row_invalid', `row ${index + 1}: each row is an object {date, kind, name}`);
    return row as RawRow;
  });
}

function csvRows(body: string): RawRow[] {
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: 'greedy', transformHeader: (header) => header.trim().toLowerCase() });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('date') || !fields.includes('kind')) {
    throw new CalendarError('list_malformed', 'a CSV holiday list starts with the header row date,kind,name');
  }
  const error = parsed.errors[0];
  if (error) throw new CalendarError('list_row_invalid', `row ${(error.row ?? 0) + 1}: ${error.message}`);
  return parsed.data;
}
