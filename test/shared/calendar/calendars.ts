// Real calendars for the calendar and SLA tests: the committed mainland calendar and two
// Berlin calendars for DST. No mocks: everything goes through parseCalendarDef and compileCalendar.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { parseCalendarDef, type WorkingCalendarDef } from '../../../src/shared/calendar/calendar-schema';
import { compileCalendar, type CompiledCalendar } from '../../../src/shared/calendar/working-time';

export const RESOURCES = join(import.meta.dirname, '..', '..', '..', 'resources');
export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'calendars');

export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

export const cnMainlandDef = (): WorkingCalendarDef => parseCalendarDef(readJson(join(RESOURCES, 'calendars', 'cn-mainland.json')));
export const cnMainland = (): CompiledCalendar => compileCalendar(cnMainlandDef());

const office = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

/** Mon-Fri 08:00-12:00, 13:00-17:00 in Berlin. */
export const berlinOfficeDef = (): WorkingCalendarDef =>
  parseCalendarDef({
    id: 'berlin-office',
    name: { 'zh-CN': '柏林办公', en: 'Berlin office' },
    timeZone: 'Europe/Berlin',
    weekly: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
    holidays: [{ date: '2026-04-03', name: 'Karfreitag' }],
    workdays: [],
  });

/** Every night 01:00-04:00 in Berlin: the DST switches (02:00/03:00) fall inside the window. */
export const berlinNightDef = (): WorkingCalendarDef => {
  const night = [{ start: '01:00', end: '04:00' }];
  return parseCalendarDef({
    id: 'berlin-night',
    name: { 'zh-CN': '柏林夜班', en: 'Berlin night shift' },
    timeZone: 'Europe/Berlin',
    weekly: { 1: night, 2: night, 3: night, 4: night, 5: night, 6: night, 7: night },
    holidays: [],
    workdays: [],
  });
};

/** Epoch ms of a local wall time, 'YYYY-MM-DD HH:mm' in the zone. */
export function local(timeZone: string, text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) throw new Error(`bad local time ${text}`);
  const [y, mo, d, h, mi] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, Number(match[6] ?? 0), timeZone).getTime();
}

export const shanghai = (text: string): number => local('Asia/Shanghai', text);

/** 'YYYY-MM-DD HH:mm:ss' wall time of an instant, for readable failures. */
export function wall(timeZone: string, at: number): string {
  const d = new TZDate(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
