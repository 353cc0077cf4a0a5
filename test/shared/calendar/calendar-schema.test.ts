import { describe, expect, it } from 'vitest';
import { CalendarError, parseCalendarDef, WorkingCalendarDef } from '../../../src/shared/calendar/calendar-schema';

const day = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const valid = () => ({
  id: 'test-calendar',
  name: { 'zh-CN': '测试', en: 'Test' },
  timeZone: 'Asia/Shanghai',
  weekly: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] } as Record<string, unknown>,
  holidays: [{ date: '2026-10-01', name: '国庆节' }] as unknown[],
  workdays: [{ date: '2026-10-10' }] as unknown[],
});

function problem(raw: unknown): { message: string; paths: string[] } {
  try {
    parseCalendarDef(raw);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    expect(error.code).toBe('invalid_definition');
    return { message: error.message, paths: error.issues.map((i) => i.path) };
  }
  throw new Error('expected the definition to be rejected');
}

describe('working calendar schema', () => {
  it('accepts a calendar with a lunch break, days off and a swapped working day', () => {
    expect(parseCalendarDef(valid()).weekly['1']).toHaveLength(2);
    expect(WorkingCalendarDef.safeParse(valid()).success).toBe(true);
  });

  it('accepts touching intervals and a day ending at 24:00', () => {
    const def = valid();
    def.weekly['6'] = [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }];
    expect(() => parseCalendarDef(def)).not.toThrow();
  });

  it.each<[string, (def: ReturnType<typeof valid>) => void, string, RegExp]>([
    ['a bad time', (d) => (d.weekly['1'] = [{ start: '9:00', end: '12:00' }]), 'weekly.1.0.start', /times are HH:mm/],
    ['a time past 24:00', (d) => (d.weekly['1'] = [{ start: '09:00', end: '24:30' }]), 'weekly.1.0.end', /times are HH:mm/],
    ['an interval ending before it starts', (d) => (d.weekly['2'] = [{ start: '18:00', end: '09:00' }]), 'weekly.2.0.end', /must end after it starts/],
    [
      'overlapping intervals',
      (d) => (d.weekly['3'] = [{ start: '09:00', end: '12:30' }, { start: '12:00', end: '18:00' }]),
      'weekly.3.1.start',
      /must be sorted and must not overlap: 12:00 starts before the previous interval ends at 12:30/,
    ],
    [
      'unsorted intervals',
      (d) => (d.weekly['3'] = [{ start: '13:30', end: '18:00' }, { start: '09:00', end: '12:00' }]),
      'weekly.3.1.start',
      /must be sorted/,
    ],
    ['a week without hours', (d) => (d.weekly = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }), 'weekly', /no working hours at all/],
    ['a missing weekday', (d) => delete d.weekly['7'], 'weekly.7', /./],
    ['weekday 8', (d) => (d.weekly['8'] = []), 'weekly', /Unrecognized key/],
    ['a date both off and worked', (d) => d.workdays.push({ date: '2026-10-01' }), 'workdays.1.date', /2026-10-01 is both a holiday and a swapped working day/],
    ['a holiday listed twice', (d) => d.holidays.push({ date: '2026-10-01' }), 'holidays.1.date', /listed twice as a holiday/],
    ['an impossible date', (d) => d.holidays.push({ date: '2026-02-30' }), 'holidays.1.date', /real calendar dates/],
    ['a badly written date', (d) => d.workdays.push({ date: '2026/10/11' }), 'workdays.1.date', /YYYY-MM-DD/],
    ['an unknown time zone', (d) => (d.timeZone = 'Asia/Atlantis'), 'timeZone', /not an IANA time zone/],
    ['a bad id', (d) => (d.id = 'Test Calendar'), 'id', /calendar ids are lower-case/],
    ['a missing English name', (d) => (d.name = { 'zh-CN': '测试' } as never), 'name.en', /./],
    ['an unknown field', (d) => Object.assign(d, { hours: 8 }), '(root)', /Unrecognized key/],
  ])('rejects %s', (_label, change, path, message) => {
    const def = valid();
    change(def);
    const found = problem(def);
    expect(found.paths).toContain(path);
    expect(found.message).toMatch(message);
  });

  it('needs swapHours when Monday has no hours and there are swapped working days', () => {
    const def = valid();
    def.weekly['1'] = [];
    expect(problem(def).message).toMatch(/swapHours: Monday has no hours/);
    expect(() => parseCalendarDef({ ...def, swapHours: [{ start: '10:00', end: '16:00' }] })).not.toThrow();
  });

  it('lists every problem, the first one in the message', () => {
    const def = valid();
    def.timeZone = 'Nowhere/City';
    def.weekly['1'] = [{ start: '25:00', end: '26:00' }];
    const found = problem(def);
    expect(found.paths).toEqual(expect.arrayContaining(['timeZone', 'weekly.1.0.start', 'weekly.1.0.end']));
    expect(found.message).toMatch(/^working calendar: /);
  });
});
