/**
 * Dates from CRM exports: text in the formats Chinese exports use, and Excel serial numbers.
 * A date is a local calendar date 'yyyy-MM-dd' of the service centre (purchase, delivery and
 * warranty dates are days, not instants). When a time is given too, the instant is computed in
 * the centre's IANA zone.
 *
 * Public API:
 *   parseDateText(text, options?): DateResult
 *   cleanDateCell(cell, options?): DateResult           numbers are Excel serials, strings are parsed
 *   excelSerialToLocal(serial, date1904?): { date; time } | null
 *   localDateToExcelSerial(date, date1904?): number     the inverse, for test files and generators
 *   localToInstant(date, time, timeZone): number
 *
 * Text formats (full-width digits and separators are accepted):
 *   2026-03-05  2026-3-5  2026/3/5  2026.03.05  2026。3。5  2026年3月5日  2026年3月5号  20260305
 *   any of them followed by a time: 14:30, 14:30:00, 14:30:00.0, 14时30分, 14点; 20260305143000
 *   ISO 8601 with a zone (2026-03-05T06:30:00Z, +08:00): the instant, shown in the centre's zone
 *   a five-digit number (46086): an Excel serial that lost its cell type in a CSV export
 * Day/month order (decision): d/m/yyyy and m/d/yyyy are accepted when one part is above 12
 * (25/3/2026 is 25 March) or both parts are equal; 3/5/2026 is refused as ambiguous unless the
 * source's mapping says which order it uses (`dayMonthOrder`). Two-digit years are refused.
 * Years outside 1900..2199 are refused as typos.
 *
 * Excel serials: 1900 date system by default, with Lotus 1-2-3's leap-year bug that Excel keeps
 * (serial 60 is the non-existent 1900-02-29 and is refused; serials 1..59 are 1900-01-01..02-28,
 * 61 is 1900-03-01); the 1904 system when the workbook says so. A fraction is the time of day.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { cleanText, normalizeDashes } from './clean-text';
import { isCellProblem, type RawCell } from './raw-cell';

export type DayMonthOrder = 'reject' | 'MDY' | 'DMY';

export interface DateOptions {
  /** What d/m versus m/d means when both parts are 12 or less. */
  dayMonthOrder?: DayMonthOrder;
  /** The centre's zone: instants in the file (ISO with Z) become local dates here; local times become instants. */
  timeZone?: string;
  /** The workbook uses the 1904 date system (old Mac Excel). */
  date1904?: boolean;
}

export type DateResult =
  | { ok: true; date: string; time: string | null; instant: number | null }
  | { ok: false; code: 'invalid_date' | 'ambiguous_date'; reason: string };

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, Excel's last date, in each date system. */
const MAX_SERIAL = 2_958_465;
const MAX_SERIAL_1904 = 2_957_003;

const TIME = String.raw`(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?|\s*[时點点]\s*(?:(\d{1,2})\s*分\s*(?:(\d{1,2})\s*秒)?)?)`;
const YMD = new RegExp(String.raw`^(\d{4})\s*[-/.。]\s*(\d{1,2})\s*[-/.。]\s*(\d{1,2})(?:(?:\s+|T)${TIME})?$`);
const CHINESE = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?(?:\s*${TIME})?$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
const DMY_OR_MDY = new RegExp(String.raw`^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2,4})(?:\s+${TIME})?$`);
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

export function cleanDateCell(cell: RawCell, options: DateOptions = {}): DateResult {
  if (typeof cell === 'number') {
    // 20260305 typed into a number cell is a compact date, not a serial (serials stop at 2958465).
    if (Number.isInteger(cell) && cell >= 19_000_101 && cell <= 21_991_231) return parseDateText(String(cell), options);
    return fromSerial(cell, options);
  }
  if (typeof cell === 'string') return parseDateText(cell, options);
  if (cell === null) return invalid('', 'the cell is empty');
  if (isCellProblem(cell)) return invalid(cell.detail, 'the cell does not hold a date');
  return invalid(String(cell), 'TRUE/FALSE is not a date');
}

export function parseDateText(text: string, options: DateOptions = {}): DateResult {
  const value = normalizeDashes(cleanText(text));
  if (value === '') return invalid(value, 'the cell is empty');
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;

  const iso = ISO_WITH_ZONE.exec(value);
  if (iso) return fromIsoInstant(value, zone);

  const ymd = YMD.exec(value) ?? CHINESE.exec(value);
  if (ymd) return build(value, Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), timeOf(ymd, 4), zone);

  const compact = COMPACT.exec(value);
  if (compact) {
    const time = compact[4] === undefined ? null : ([Number(compact[4]), Number(compact[5]), Number(compact[6] ?? 0)] as const);
    return build(value, Number(compact[1]), Number(compact[2]), Number(compact[3]), time, zone);
  }

  if (SERIAL_TEXT.test(value)) return fromSerial(Number(value), options, value);

  const dm = DMY_OR_MDY.exec(value);
  if (dm) {
    if ((dm[3] ?? '').length !== 4) return invalid(value, 'two-digit years are ambiguous; write the year with four digits, e.g. 2026-03-05');
    const first = Number(dm[1]);
    const second = Number(dm[2]);
    const year = Number(dm[3]);
    const time = timeOf(dm, 4);
    const order = options.dayMonthOrder ?? 'reject';
    if (first > 12 || first === second) return build(value, year, second, first, time, zone);
    if (second > 12) return build(value, year, first, second, time, zone);
    if (order === 'MDY') return build(value, year, first, second, time, zone);
    if (order === 'DMY') return build(value, year, second, first, time, zone);
    return {
      ok: false,
      code: 'ambiguous_date',
      reason: `"${value}" could be ${first} ${monthName(second)} or ${second} ${monthName(first)}; write it as yyyy-mm-dd, or set the day/month order for this source`,
    };
  }
  return invalid(value, 'not a date; write it as yyyy-mm-dd, e.g. 2026-03-05');
}

export function excelSerialToLocal(serial: number, date1904 = false): { date: string; time: string | null } | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= (date1904 ? MAX_SERIAL_1904 : MAX_SERIAL) + 1) return null;
  let day = Math.floor(serial);
  let seconds = Math.round((serial - day) * 86_400);
  if (seconds === 86_400) {
    day += 1;
    seconds = 0;
  }
  let ms: number;
  if (date1904) {
    ms = EPOCH_1904 + day * DAY_MS;
  } else {
    // Excel counts 1900-02-29, which never was: serial 60 is that day, so 61 onwards is one too high.
    if (day < 1 || day === 60) return null;
    ms = EPOCH_1900 + (day < 60 ? day + 1 : day) * DAY_MS;
  }
  const date = new Date(ms);
  const iso = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  if (seconds === 0) return { date: iso, time: null };
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return { date: iso, time: `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}` };
}

export function localDateToExcelSerial(date: string, date1904 = false): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a yyyy-MM-dd date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (date1904) return Math.round((ms - EPOCH_1904) / DAY_MS);
  const days = Math.round((ms - EPOCH_1900) / DAY_MS);
  // Before 1900-03-01 there is no phantom 29 February yet.
  return days <= 60 ? days - 1 : days;
}

export function localToInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return new TZDate(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0, 0, timeZone).getTime();
}

function fromSerial(serial: number, options: DateOptions, shown = String(serial)): DateResult {
  const local = excelSerialToLocal(serial, options.date1904 ?? false);
  if (!local) {
    const why = serial === 60 && !options.date1904 ? 'Excel serial 60 is 1900-02-29, a day that never existed' : 'not an Excel date serial';
    return invalid(shown, why);
  }
  const year = Number(local.date.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return invalid(shown, `the year ${year} is outside ${MIN_YEAR}..${MAX_YEAR}`);
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return { ok: true, date: local.date, time: local.time, instant: local.time ? localToInstant(local.date, local.time, zone) : null };
}

function fromIsoInstant(value: string, zone: string): DateResult {
  const instant = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (!Number.isFinite(instant)) return invalid(value, 'not a real date and time');
  const local = new TZDate(instant, zone);
  const year = local.getFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return invalid(value, `the year ${year} is outside ${MIN_YEAR}..${MAX_YEAR}`);
  // Date.parse rolls 2026-02-30 over to March; a real calendar date reads back the same.
  const [, y, mo, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  if (new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return invalid(value, 'not a real calendar date');
  return { ok: true, date: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm:ss'), instant };
}

type Time = readonly [number, number, number];

function timeOf(match: RegExpExecArray, at: number): Time | null {
  const hours = match[at];
  if (hours === undefined) return null;
  const minutes = match[at + 1] ?? match[at + 3] ?? '0';
  const seconds = match[at + 2] ?? match[at + 4] ?? '0';
  return [Number(hours), Number(minutes), Number(seconds)];
}

function build(shown: string, year: number, month: number, day: number, time: Time | null, zone: string): DateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return invalid(shown, `the year ${year} is outside ${MIN_YEAR}..${MAX_YEAR}`);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    return invalid(shown, 'not a real calendar date');
  }
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!time) return { ok: true, date, time: null, instant: null };
  const [h, m, s] = time;
  if (h > 23 || m > 59 || s > 59) return invalid(shown, 'not a real time of day');
  const clock = `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  return { ok: true, date, time: clock, instant: localToInstant(date, clock, zone) };
}

function invalid(shown: string, why: string): DateResult {
  return { ok: false, code: 'invalid_date', reason: shown === '' ? why : `"${shown}": ${why}` };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
