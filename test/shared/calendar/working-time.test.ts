import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarError, parseCalendarDef } from '../../../src/shared/calendar/calendar-schema';
import {
  addByClock,
  addWorkingMs,
  compileCalendar,
  endOfNthWorkingDay,
  isWorkingInstant,
  localDateOf,
  msBetweenByClock,
  nextWorkingInstant,
  workingMsBetween,
  type CompiledCalendar,
} from '../../../src/shared/calendar/working-time';
import { berlinNightDef, berlinOfficeDef, cnMainland, cnMainlandDef, local, shanghai, wall } from './calendars';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const cn = cnMainland();
const berlinOffice = compileCalendar(berlinOfficeDef());
const berlinNight = compileCalendar(berlinNightDef());
const berlin = (text: string) => local('Europe/Berlin', text);
const cnWall = (at: number) => wall('Asia/Shanghai', at);

describe('working time on the mainland calendar', () => {
  it('knows working instants, the lunch break and its half-open boundaries', () => {
    expect(isWorkingInstant(cn, shanghai('2026-03-04 09:00'))).toBe(true);
    expect(isWorkingInstant(cn, shanghai('2026-03-04 11:59'))).toBe(true);
    expect(isWorkingInstant(cn, shanghai('2026-03-04 12:00'))).toBe(false);
    expect(isWorkingInstant(cn, shanghai('2026-03-04 13:29'))).toBe(false);
    expect(isWorkingInstant(cn, shanghai('2026-03-04 13:30'))).toBe(true);
    expect(isWorkingInstant(cn, shanghai('2026-03-04 18:00'))).toBe(false);
    expect(isWorkingInstant(cn, shanghai('2026-03-07 10:00'))).toBe(false); // Saturday
  });

  it('finds the next working instant, or the instant itself', () => {
    expect(nextWorkingInstant(cn, shanghai('2026-03-04 10:00'))).toBe(shanghai('2026-03-04 10:00'));
    expect(nextWorkingInstant(cn, shanghai('2026-03-04 12:00'))).toBe(shanghai('2026-03-04 13:30'));
    expect(nextWorkingInstant(cn, shanghai('2026-03-06 18:00'))).toBe(shanghai('2026-03-09 09:00'));
  });

  it('lands on 12:00, not 13:30, when a duration ends with the morning', () => {
    const start = shanghai('2026-03-04 09:00');
    expect(addWorkingMs(cn, start, 3 * HOUR)).toBe(shanghai('2026-03-04 12:00'));
    expect(addWorkingMs(cn, start, 3 * HOUR + 1)).toBe(shanghai('2026-03-04 13:30') + 1);
    expect(workingMsBetween(cn, start, shanghai('2026-03-04 12:00'))).toBe(3 * HOUR);
    expect(workingMsBetween(cn, start, shanghai('2026-03-04 13:30'))).toBe(3 * HOUR);
    // Adding 0 from the lunch break moves to the afternoon's start.
    expect(addWorkingMs(cn, shanghai('2026-03-04 12:00'), 0)).toBe(shanghai('2026-03-04 13:30'));
  });

  it('carries a Friday afternoon issue over the weekend', () => {
    expect(cnWall(addWorkingMs(cn, shanghai('2026-03-06 17:00'), 2 * HOUR))).toBe('2026-03-09 10:00:00');
    expect(workingMsBetween(cn, shanghai('2026-03-06 17:00'), shanghai('2026-03-09 10:00'))).toBe(2 * HOUR);
  });

  it('lands on the swapped workday Sat 14 Feb 2026 before the Spring Festival', () => {
    // Fri 16:00-18:00 is 2 h; Sat 14 Feb is worked: 09:00-12:00 (3 h) and 13:30-16:30 (3 h).
    expect(cnWall(addWorkingMs(cn, shanghai('2026-02-13 16:00'), 8 * HOUR))).toBe('2026-02-14 16:30:00');
  });

  it('skips the Spring Festival holiday (15-23 Feb 2026)', () => {
    expect(cnWall(addWorkingMs(cn, shanghai('2026-02-20 10:00'), HOUR))).toBe('2026-02-24 10:00:00');
    expect(cnWall(addWorkingMs(cn, shanghai('2026-02-14 17:00'), 2 * HOUR))).toBe('2026-02-24 10:00:00');
    expect(workingMsBetween(cn, shanghai('2026-02-14 18:00'), shanghai('2026-02-24 09:00'))).toBe(0);
    // Sat 28 Feb is the second swapped workday.
    expect(isWorkingInstant(cn, shanghai('2026-02-28 10:00'))).toBe(true);
  });

  it('skips National Day (1-7 Oct 2026) and works Sun 20 Sep and Sat 10 Oct', () => {
    expect(cnWall(addWorkingMs(cn, shanghai('2026-09-30 17:00'), 2 * HOUR))).toBe('2026-10-08 10:00:00');
    expect(cnWall(addWorkingMs(cn, shanghai('2026-09-19 10:00'), HOUR))).toBe('2026-09-20 10:00:00');
    expect(cnWall(addWorkingMs(cn, shanghai('2026-10-09 17:30'), HOUR))).toBe('2026-10-10 09:30:00');
    // Mid-Autumn (25-27 Sep) is a separate break.
    expect(cnWall(addWorkingMs(cn, shanghai('2026-09-24 17:00'), 2 * HOUR))).toBe('2026-09-28 10:00:00');
  });

  it('finds the close of the n-th working day after the start day', () => {
    const friday = shanghai('2026-02-13 10:00');
    expect(cnWall(endOfNthWorkingDay(cn, friday, 0))).toBe('2026-02-13 18:00:00');
    expect(cnWall(endOfNthWorkingDay(cn, friday, 1))).toBe('2026-02-14 18:00:00'); // swapped Saturday
    expect(cnWall(endOfNthWorkingDay(cn, friday, 2))).toBe('2026-02-24 18:00:00');
    expect(cnWall(endOfNthWorkingDay(cn, friday, 3))).toBe('2026-02-25 18:00:00');
    // After close, "by close of business" is the next working day's close.
    expect(cnWall(endOfNthWorkingDay(cn, shanghai('2026-03-06 19:00'), 0))).toBe('2026-03-09 18:00:00');
    expect(cnWall(endOfNthWorkingDay(cn, shanghai('2026-03-07 10:00'), 1))).toBe('2026-03-09 18:00:00');
  });

  it('adds and measures by clock kind', () => {
    const start = shanghai('2026-03-06 17:00');
    expect(addByClock(cn, 'calendar', start, 2 * HOUR)).toBe(start + 2 * HOUR);
    expect(addByClock(cn, 'calendar', start, 0)).toBe(start);
    expect(addByClock(cn, 'working', start, 2 * HOUR)).toBe(shanghai('2026-03-09 10:00'));
    expect(msBetweenByClock(cn, 'calendar', start, start - HOUR)).toBe(-HOUR);
    expect(msBetweenByClock(cn, 'working', shanghai('2026-03-09 10:00'), start)).toBe(-2 * HOUR);
    expect(Object.is(workingMsBetween(cn, shanghai('2026-03-08 10:00'), shanghai('2026-03-07 10:00')), 0)).toBe(true);
  });

  it('gives the local date in the calendar zone', () => {
    expect(localDateOf(cn, Date.UTC(2026, 1, 13, 16, 30))).toBe('2026-02-14');
  });

  it('rejects bad arguments with a CalendarError', () => {
    expect(() => addWorkingMs(cn, 0, -1)).toThrow(/duration must be a finite number of ms >= 0/);
    expect(() => addWorkingMs(cn, Number.NaN, 1)).toThrow(/start must be an epoch ms instant/);
    expect(() => endOfNthWorkingDay(cn, 0, 1.5)).toThrow(CalendarError);
  });

  it('stops searching after the horizon instead of looping', () => {
    const mondays: { date: string }[] = [];
    for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2031, 0, 1); day += 7 * 86_400_000) {
      mondays.push({ date: new Date(day).toISOString().slice(0, 10) });
    }
    const def = parseCalendarDef({
      id: 'mondays-off',
      name: { 'zh-CN': '周一', en: 'Mondays only' },
      timeZone: 'Asia/Shanghai',
      weekly: { 1: [{ start: '09:00', end: '10:00' }], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
      holidays: mondays,
      workdays: [],
    });
    const cal = compileCalendar(def);
    const error = (() => {
      try {
        nextWorkingInstant(cal, shanghai('2026-01-01 00:00'));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as CalendarError).code).toBe('horizon_exceeded');
    expect((error as CalendarError).message).toMatch(/no working time within 1100 days/);
  });
});

describe('working time across DST in Berlin (2026: 29 Mar and 25 Oct)', () => {
  it('counts the real length of a night window on the switch nights', () => {
    expect(workingMsBetween(berlinNight, berlin('2026-03-28 12:00'), berlin('2026-03-29 12:00'))).toBe(2 * HOUR);
    expect(workingMsBetween(berlinNight, berlin('2026-10-24 12:00'), berlin('2026-10-25 12:00'))).toBe(4 * HOUR);
    expect(workingMsBetween(berlinNight, berlin('2026-06-01 12:00'), berlin('2026-06-02 12:00'))).toBe(3 * HOUR);
    expect(addWorkingMs(berlinNight, berlin('2026-03-29 01:00'), 90 * MINUTE)).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('keeps office hours at local time on both sides of the switch', () => {
    // Fri 27 Mar is CET (+01:00); Mon 30 Mar is CEST (+02:00): 09:00 local is 07:00Z.
    expect(addWorkingMs(berlinOffice, berlin('2026-03-27 16:00'), 2 * HOUR)).toBe(Date.UTC(2026, 2, 30, 7, 0));
    expect(addWorkingMs(berlinOffice, berlin('2026-10-23 16:00'), 2 * HOUR)).toBe(Date.UTC(2026, 9, 26, 8, 0));
    // Good Friday (3 Apr 2026) is a holiday in this calendar.
    expect(wall('Europe/Berlin', addWorkingMs(berlinOffice, berlin('2026-04-02 16:00'), 2 * HOUR))).toBe('2026-04-06 09:00:00');
  });
});

/** The result of adding d > 0 lies in (start, end] of a working interval; d = 0 lies in [start, end). */
const landsInWorkingTime = (cal: CompiledCalendar, result: number, d: number) =>
  d === 0 ? isWorkingInstant(cal, result) : isWorkingInstant(cal, result - 1);

const YEAR_2026 = fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2026, 11, 20) });
const DURATION = fc.oneof(
  fc.integer({ min: 0, max: 200 * HOUR }),
  fc.integer({ min: 0, max: 200 }).map((minutes) => minutes * 30 * MINUTE),
);

describe('working-time properties', () => {
  const def = cnMainlandDef();
  const holidays = new Set(def.holidays.map((h) => h.date));
  const workdays = new Set(def.workdays.map((w) => w.date));

  for (const [name, cal, starts] of [
    ['cn-mainland 2026', cn, YEAR_2026],
    ['cn-mainland Spring Festival', cn, fc.integer({ min: shanghai('2026-02-10 00:00'), max: shanghai('2026-03-02 00:00') })],
    ['cn-mainland National Day', cn, fc.integer({ min: shanghai('2026-09-15 00:00'), max: shanghai('2026-10-12 00:00') })],
    ['berlin office, DST', berlinOffice, fc.integer({ min: berlin('2026-03-20 00:00'), max: berlin('2026-11-01 00:00') })],
    ['berlin night, DST', berlinNight, fc.integer({ min: berlin('2026-03-25 00:00'), max: berlin('2026-10-30 00:00') })],
  ] as const) {
    it(`${name}: measuring what was added gives it back, and the result is working time`, () => {
      fc.assert(
        fc.property(starts, DURATION, (start, d) => {
          const due = addWorkingMs(cal, start, d);
          expect(workingMsBetween(cal, start, due)).toBe(d);
          expect(landsInWorkingTime(cal, due, d)).toBe(true);
          expect(due).toBeGreaterThanOrEqual(start);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('never lands on a holiday or an unswapped weekend; swapped workdays are worked', () => {
    fc.assert(
      fc.property(YEAR_2026, DURATION, (start, d) => {
        const due = addWorkingMs(cn, start, d);
        const worked = d === 0 ? due : due - 1;
        const date = localDateOf(cn, worked);
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect(holidays.has(date)).toBe(false);
        if (weekday === 0 || weekday === 6) expect(workdays.has(date)).toBe(true);
      }),
      { numRuns: 500 },
    );
    for (const date of workdays) expect(isWorkingInstant(cn, shanghai(`${date} 10:00`)), date).toBe(true);
    for (const date of holidays) expect(isWorkingInstant(cn, shanghai(`${date} 10:00`)), date).toBe(false);
  });

  it('is monotonic in the duration and additive in the interval', () => {
    fc.assert(
      fc.property(YEAR_2026, DURATION, DURATION, (start, d1, d2) => {
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addWorkingMs(cn, start, short)).toBeLessThanOrEqual(addWorkingMs(cn, start, long));
        const a = start;
        const b = start + d1;
        const c = b + d2;
        expect(workingMsBetween(cn, a, b) + workingMsBetween(cn, b, c)).toBe(workingMsBetween(cn, a, c));
        expect(workingMsBetween(cn, c, a)).toBe(0 - workingMsBetween(cn, a, c));
      }),
      { numRuns: 300 },
    );
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(YEAR_2026, DURATION, DURATION, (start, d1, d2) => {
        fc.pre(d1 > 0 && d2 > 0);
        expect(addWorkingMs(cn, addWorkingMs(cn, start, d1), d2)).toBe(addWorkingMs(cn, start, d1 + d2));
      }),
      { numRuns: 300 },
    );
  });

  it('nextWorkingInstant is working time and skips no working time', () => {
    fc.assert(
      fc.property(YEAR_2026, (at) => {
        const next = nextWorkingInstant(cn, at);
        expect(isWorkingInstant(cn, next)).toBe(true);
        expect(workingMsBetween(cn, at, next)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
