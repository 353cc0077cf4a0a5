import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarError } from '../../../src/shared/calendar/calendar-schema';
import { applyHolidayList, readHolidayList } from '../../../src/shared/calendar/holiday-list';
import { compileCalendar, dayBasis } from '../../../src/shared/calendar/working-time';
import { isWorkingDate } from '../../../src/shared/planning/local-dates';
import { cnMainland, cnMainlandDef, FIXTURES } from './calendars';

/** An example of the State Council's 2027 list in the CSV form (not the real announcement). */
const list2027 = (): string => readFileSync(join(FIXTURES, 'state-council-2027-example.csv'), 'utf8');

function refusal(run: () => unknown): CalendarError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

describe("the State Council's list (date,kind,name)", () => {
  it('replaces the provisional days of 2027: 调休 Sundays become working days, the longer Spring Festival days off', () => {
    const provisional = cnMainland();
    expect(isWorkingDate(provisional, '2027-02-11')).toBe(true);
    expect(isWorkingDate(provisional, '2027-02-20')).toBe(false);
    expect(dayBasis(provisional, '2027-02-11')).toBe('provisional');

    const def = applyHolidayList(cnMainlandDef(), list2027(), 'state-council-2027.csv');
    const official = compileCalendar(def);
    expect(def.holidaysKnownThrough).toBe('2027-12-31');
    expect(official.provisional.has('2027-02-09')).toBe(false);
    expect(isWorkingDate(official, '2027-02-11')).toBe(false);
    expect(isWorkingDate(official, '2027-02-20')).toBe(true);
    expect(isWorkingDate(official, '2027-01-31')).toBe(true);
    expect(dayBasis(official, '2027-02-11')).toBe('official');
    // The years before stay as they were; 2028 is now the provisional year.
    expect(def.holidays.filter((day) => day.date.startsWith('2026-'))).toEqual(cnMainlandDef().holidays.filter((day) => day.date.startsWith('2026-')));
    expect(dayBasis(official, '2028-01-01')).toBe('provisional');
    expect(isWorkingDate(official, '2028-01-01')).toBe(false);
  });

  it('reads the same list as JSON, and a BOM or CRLF does not matter', () => {
    const csv = readHolidayList(`\uFEFF${list2027().replace(/\n/g, '\r\n')}`);
    const rows = csv.holidays.map((day) => ({ date: day.date, kind: 'holiday', name: day.name })).concat(csv.workdays.map((day) => ({ date: day.date, kind: 'workday', name: day.name })));
    expect(readHolidayList(JSON.stringify(rows))).toEqual(csv);
    expect(readHolidayList(JSON.stringify({ days: rows }))).toEqual(csv);
    expect(csv.years).toEqual([2027]);
    expect(csv.workdays.map((day) => day.date)).toEqual(['2027-01-31', '2027-02-20', '2027-04-25', '2027-10-09']);
  });

  it('refuses a bad list with a reason naming the row, and a year that does not follow on from the official data', () => {
    expect(refusal(() => readHolidayList('date,kind,name\n2027-02-30,holiday,春节\n'))).toMatchObject({ code: 'list_row_invalid', message: expect.stringContaining('row 1') });
    expect(refusal(() => readHolidayList('date,kind,name\n2027-02-05,off,春节\n'))).toMatchObject({ code: 'list_row_invalid', message: expect.stringContaining('holiday or workday') });
    expect(refusal(() => readHolidayList('date,kind\n2027-02-05,holiday\n2027-02-05,workday\n'))).toMatchObject({ code: 'list_row_invalid', message: expect.stringContaining('row 2') });
    expect(refusal(() => readHolidayList('day,type\n2027-02-05,holiday\n'))).toMatchObject({ code: 'list_malformed' });
    expect(refusal(() => readHolidayList('{"days": 3}'))).toMatchObject({ code: 'list_malformed' });
    expect(refusal(() => readHolidayList(''))).toMatchObject({ code: 'list_malformed' });
    expect(refusal(() => applyHolidayList(cnMainlandDef(), 'date,kind\n2028-01-01,holiday\n'))).toMatchObject({ code: 'list_year_gap', params: { year: '2027' } });
  });
});
