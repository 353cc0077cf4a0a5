/**
 * Working-time arithmetic over a compiled working calendar. Instants are UTC epoch ms; days,
 * weekdays and hours are the calendar's local ones in its IANA zone, so DST days are as long
 * as they really are (a 01:00-04:00 window is 2 h on the spring-forward night).
 *
 * Public API:
 *   compileCalendar(def): CompiledCalendar
 *   isWorkingInstant(cal, at): boolean
 *   nextWorkingInstant(cal, at): number
 *   addWorkingMs(cal, start, ms): number
 *   workingMsBetween(cal, a, b): number
 *   addByClock(cal, clock, start, ms) / msBetweenByClock(cal, clock, a, b)
 *   endOfNthWorkingDay(cal, start, n): number
 *   localDateOf(cal, at): 'YYYY-MM-DD'
 *   dayBasis(cal, date) / basisBetween(cal, a, b): 'official' | 'provisional' | 'unknown'
 *
 * Official, provisional, unknown: days up to holidaysKnownThrough are official. After it, a
 * calendar with a provisionalRule gets that rule's statutory holidays (statutory-holidays.ts)
 * for PROVISIONAL_YEARS_AHEAD years, compiled into its days off like any holiday, and those days are
 * provisional (swapped working days cannot be derived). Later days, or every later day of a
 * calendar without a rule, are unknown: only the weekly pattern is there, so the answer may be
 * wrong and callers must say so (basisBetween). A calendar without holidaysKnownThrough makes no
 * claim about an end and is official throughout.
 *
 * Boundary rule: working time is a union of half-open intervals [start, end). So 12:00 is not a
 * working instant when the morning ends at 12:00, and isWorkingInstant(cal, 12:00) is false.
 * - addWorkingMs(s, d > 0) is the first instant at which d working ms have passed since s; it lies
 *   in (start, end] of some interval: consuming the morning's last minute lands on 12:00, not 13:30.
 * - addWorkingMs(s, 0) = nextWorkingInstant(s), which lies in [start, end).
 * - workingMsBetween(a, b) counts working ms in [a, b); it is antisymmetric (b < a gives the
 *   negative of workingMsBetween(b, a)).
 * Hence workingMsBetween(s, addWorkingMs(s, d)) === d for every s and d >= 0. The reverse,
 * addWorkingMs(a, workingMsBetween(a, b)) === b, holds only when b is inside (start, end].
 *
 * Searches stop after SEARCH_HORIZON_DAYS calendar days and throw CalendarError('horizon_exceeded').
 */
import { TZDate } from '@date-fns/tz';
import { CalendarError, minuteOfDay, type DayEntry, type DayHours, type WorkingCalendarDef } from './calendar-schema';
import { basisOfDate, type CalendarBasis } from './calendar-basis';
import { PROVISIONAL_LAST_YEAR, PROVISIONAL_YEARS_AHEAD, statutoryHolidays } from './statutory-holidays';

export type ClockKind = 'working' | 'calendar';

/** How sure the calendar is about a day: worst first is unknown > provisional > official. */
export type DayBasis = CalendarBasis;

/** About three years: far beyond any SLA target, short enough to fail fast on a broken calendar. */
export const SEARCH_HORIZON_DAYS = 1100;

const DAY_MS = 86_400_000;
/** Day lookups are cached; the cache is dropped when it grows past this (a decade of days). */
const CACHE_LIMIT = 4000;

interface Span {
  start: number;
  end: number;
}

/** Minutes after local midnight, merged and sorted. */
type MinuteWindows = readonly Span[];

export interface CompiledCalendar {
  readonly id: string;
  readonly timeZone: string;
  readonly holidaysKnownThrough: string | null;
  /** Last date of the provisional holidays, or null when there are none (no rule, or no end of data). */
  readonly provisionalThrough: string | null;
  /** The definition with the provisional holidays added to its days off. */
  readonly def: WorkingCalendarDef;
  /** The definition as given, without provisional days. */
  readonly source: WorkingCalendarDef;
  /** @internal */ readonly provisional: ReadonlySet<string>;
  /** @internal */ readonly weekly: readonly MinuteWindows[];
  /** @internal */ readonly swap: MinuteWindows;
  /** @internal */ readonly holidays: ReadonlySet<string>;
  /** @internal */ readonly workdays: ReadonlySet<string>;
  /** @internal Local day number (days since 1970-01-01 as a civil date) -> UTC spans. */
  readonly cache: Map<number, readonly Span[]>;
}

/** Compiles a validated definition once; keep the result and share it, it caches day lookups. */
export function compileCalendar(source: WorkingCalendarDef): CompiledCalendar {
  const { def, provisional, provisionalThrough } = withProvisionalDays(source);
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((day) => toWindows(def.weekly[String(day) as keyof WorkingCalendarDef['weekly']]));
  return {
    id: def.id,
    timeZone: def.timeZone,
    holidaysKnownThrough: def.holidaysKnownThrough ?? null,
    provisionalThrough,
    def,
    source,
    provisional,
    weekly,
    swap: def.swapHours ? toWindows(def.swapHours) : (weekly[0] ?? []),
    holidays: new Set(def.holidays.map((h) => h.date)),
    workdays: new Set(def.workdays.map((w) => w.date)),
    cache: new Map(),
  };
}

export function isWorkingInstant(cal: CompiledCalendar, at: number): boolean {
  checkInstant(at, 'at');
  return spansOf(cal, dayOf(cal, at)).some((span) => span.start <= at && at < span.end);
}

/** `at` itself when it is working time, else the start of the next working interval. */
export function nextWorkingInstant(cal: CompiledCalendar, at: number): number {
  checkInstant(at, 'at');
  const first = dayOf(cal, at);
  for (let day = first; day <= first + SEARCH_HORIZON_DAYS; day++) {
    for (const span of spansOf(cal, day)) {
      if (span.end > at) return Math.max(at, span.start);
    }
  }
  throw horizon(cal, at, 'working time');
}

/** The instant when `ms` working ms have passed since `start` (see the boundary rule above). */
export function addWorkingMs(cal: CompiledCalendar, start: number, ms: number): number {
  checkInstant(start, 'start');
  checkDuration(ms);
  if (ms === 0) return nextWorkingInstant(cal, start);
  let remaining = ms;
  const first = dayOf(cal, start);
  for (let day = first; day <= first + SEARCH_HORIZON_DAYS; day++) {
    for (const span of spansOf(cal, day)) {
      if (span.end <= start) continue;
      const from = Math.max(start, span.start);
      const available = span.end - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
  throw horizon(cal, start, `room for ${ms} ms of working time`);
}

/** Working ms in [a, b); negative when b < a. */
export function workingMsBetween(cal: CompiledCalendar, a: number, b: number): number {
  checkInstant(a, 'a');
  checkInstant(b, 'b');
  // 0 - x, not -x: no -0 for an empty stretch measured backwards.
  if (b < a) return 0 - workingMsBetween(cal, b, a);
  let total = 0;
  const last = dayOf(cal, b);
  for (let day = dayOf(cal, a); day <= last; day++) {
    for (const span of spansOf(cal, day)) {
      const from = Math.max(a, span.start);
      const to = Math.min(b, span.end);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** Working clock: addWorkingMs. Calendar clock: plain elapsed time, start + ms. */
export function addByClock(cal: CompiledCalendar, clock: ClockKind, start: number, ms: number): number {
  if (clock === 'working') return addWorkingMs(cal, start, ms);
  checkInstant(start, 'start');
  checkDuration(ms);
  return start + ms;
}

/** Working clock: workingMsBetween. Calendar clock: b - a. Both negative when b < a. */
export function msBetweenByClock(cal: CompiledCalendar, clock: ClockKind, a: number, b: number): number {
  if (clock === 'working') return workingMsBetween(cal, a, b);
  checkInstant(a, 'a');
  checkInstant(b, 'b');
  return b - a;
}

/**
 * For "within n working days": the end of the last working interval of the n-th working day after
 * start's local day (the start day itself never counts, so Monday + 1 = Tuesday's close).
 * n = 0 means "by close of business": start's own day when start is before its close, else the
 * next working day's close.
 */
export function endOfNthWorkingDay(cal: CompiledCalendar, start: number, n: number): number {
  checkInstant(start, 'start');
  if (!Number.isSafeInteger(n) || n < 0) throw new CalendarError('invalid_argument', `n must be a whole number of working days >= 0, got ${n}`);
  const first = dayOf(cal, start);
  let counted = 0;
  for (let day = first; day <= first + SEARCH_HORIZON_DAYS; day++) {
    const spans = spansOf(cal, day);
    const close = spans[spans.length - 1]?.end;
    if (close === undefined) continue;
    if (day === first) {
      if (n === 0 && start < close) return close;
      continue;
    }
    if (n === 0 || ++counted === n) return close;
  }
  throw horizon(cal, start, `${n}-th working day`);
}

/** The calendar-local date of an instant, YYYY-MM-DD. */
export function localDateOf(cal: CompiledCalendar, at: number): string {
  checkInstant(at, 'at');
  return dateKey(dayOf(cal, at));
}

/** Whether a local date's working hours rest on official, provisional or no holiday data. */
export function dayBasis(cal: CompiledCalendar, date: string): DayBasis {
  return basisOfDate(cal, date);
}

/**
 * The basis of a stretch of working time [a, b]: that of its last local day, since the official
 * data ends on one date and the provisional days follow it without a gap.
 */
export function basisBetween(cal: CompiledCalendar, a: number, b: number): DayBasis {
  checkInstant(a, 'a');
  checkInstant(b, 'b');
  return dayBasis(cal, dateKey(dayOf(cal, Math.max(a, b))));
}

/** The rule's holidays after holidaysKnownThrough, merged into the days off. */
function withProvisionalDays(source: WorkingCalendarDef): { def: WorkingCalendarDef; provisional: Set<string>; provisionalThrough: string | null } {
  const through = source.holidaysKnownThrough;
  const provisional = new Set<string>();
  if (!source.provisionalRule || !through) return { def: source, provisional, provisionalThrough: null };
  const firstYear = Number(through.slice(0, 4));
  const lastYear = Math.min(firstYear + PROVISIONAL_YEARS_AHEAD, PROVISIONAL_LAST_YEAR);
  if (firstYear >= lastYear) return { def: source, provisional, provisionalThrough: null };
  const taken = new Set([...source.holidays, ...source.workdays].map((day) => day.date));
  const added: DayEntry[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    for (const day of statutoryHolidays(source.provisionalRule, year)) {
      if (day.date <= through || taken.has(day.date)) continue;
      added.push(day);
      provisional.add(day.date);
    }
  }
  const holidays = [...source.holidays, ...added].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  return { def: { ...source, holidays }, provisional, provisionalThrough: `${lastYear}-12-31` };
}

function toWindows(hours: DayHours): MinuteWindows {
  const merged: Span[] = [];
  for (const interval of hours) {
    const start = minuteOfDay(interval.start);
    const end = minuteOfDay(interval.end);
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** Days since 1970-01-01 of the civil date `at` falls on in the calendar's zone. */
function dayOf(cal: CompiledCalendar, at: number): number {
  const local = new TZDate(at, cal.timeZone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS;
}

function dateKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The working spans of one local day as sorted, non-overlapping UTC ms intervals. */
function spansOf(cal: CompiledCalendar, day: number): readonly Span[] {
  const cached = cal.cache.get(day);
  if (cached) return cached;
  const key = dateKey(day);
  const isoWeekday = ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;
  let windows: MinuteWindows;
  if (cal.holidays.has(key)) windows = [];
  else if (cal.workdays.has(key)) windows = cal.swap;
  else windows = cal.weekly[isoWeekday - 1] ?? [];
  const spans: Span[] = [];
  for (const window of windows) {
    const start = localToUtc(cal.timeZone, day, window.start);
    const end = localToUtc(cal.timeZone, day, window.end);
    // A window inside a spring-forward gap can collapse; overlapping repeats after fall-back are clipped.
    const from = Math.max(start, spans[spans.length - 1]?.end ?? start);
    if (end > from) spans.push({ start: from, end });
  }
  if (cal.cache.size >= CACHE_LIMIT) cal.cache.clear();
  cal.cache.set(day, spans);
  return spans;
}

/** Local wall time (day, minute) -> UTC ms; a time skipped by DST moves forward, as TZDate does. */
function localToUtc(timeZone: string, day: number, minute: number): number {
  const date = new Date(day * DAY_MS);
  return new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), Math.floor(minute / 60), minute % 60, timeZone).getTime();
}

function checkInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new CalendarError('invalid_argument', `${name} must be an epoch ms instant, got ${value}`);
}

function checkDuration(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new CalendarError('invalid_argument', `a duration must be a finite number of ms >= 0, got ${ms}`);
}

function horizon(cal: CompiledCalendar, from: number, what: string): CalendarError {
  return new CalendarError(
    'horizon_exceeded',
    `calendar ${cal.id}: no ${what} within ${SEARCH_HORIZON_DAYS} days after ${new Date(from).toISOString()}; check its weekly hours and holidays`,
  );
}
