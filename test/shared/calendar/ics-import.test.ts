import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarError } from '../../../src/shared/calendar/calendar-schema';
import { applyIcs, readIcsDays } from '../../../src/shared/calendar/ics-import';
import { addWorkingMs, compileCalendar } from '../../../src/shared/calendar/working-time';
import { cnMainlandDef, FIXTURES, shanghai, wall } from './calendars';

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function failure(run: () => unknown): CalendarError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

describe('ics import', () => {
  it('reads all-day days off and swapped working days, ignoring timed and cancelled events', () => {
    const days = readIcsDays(fixture('company-2026.ics'));
    expect(days.holidays.map((h) => h.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      '2026-06-12',
    ]);
    expect(days.holidays[0]).toEqual({ date: '2026-02-15', name: '春节(休)' });
    // 班 in SUMMARY, or CATEGORIES WORKDAY (with DURATION instead of DTEND).
    expect(days.workdays).toEqual([
      { date: '2026-02-14', name: '春节补班' },
      { date: '2026-02-28', name: 'Spring Festival make-up day' },
    ]);
  });

  it('replaces a calendar\'s days as a whole and the result works', () => {
    const def = applyIcs(cnMainlandDef(), fixture('company-2026.ics'), 'company-2026.ics');
    expect(def.holidays).toHaveLength(10);
    expect(def.workdays).toHaveLength(2);
    expect(def.holidaysKnownThrough).toBe('2026-12-31');
    expect(def.source).toContain('"company-2026.ics" (10 days off, 2 working days)');
    const cal = compileCalendar(def);
    expect(wall('Asia/Shanghai', addWorkingMs(cal, shanghai('2026-02-13 16:00'), 8 * 3_600_000))).toBe('2026-02-14 16:30:00');
    // National Day is gone with the old days: 1 Oct 2026 (Thursday) is an ordinary working day now.
    expect(wall('Asia/Shanghai', addWorkingMs(cal, shanghai('2026-09-30 17:00'), 2 * 3_600_000))).toBe('2026-10-01 10:00:00');
  });

  it('reads the chinese-days feeds (Chinese and English) like the generated calendar', () => {
    const require = createRequire(import.meta.url);
    const generated = cnMainlandDef();
    const in2026 = (entries: { date: string }[]) => entries.map((e) => e.date).filter((d) => d.startsWith('2026'));
    for (const feed of ['2026.ics', '2026.en.ics']) {
      const days = readIcsDays(readFileSync(require.resolve(`chinese-days/dist/years/${feed}`), 'utf8'));
      expect(days.holidays.map((h) => h.date), feed).toEqual(in2026(generated.holidays));
      expect(days.workdays.map((w) => w.date), feed).toEqual(in2026(generated.workdays));
    }
  });

  it('rejects a malformed file and names the bad line', () => {
    const error = failure(() => readIcsDays(fixture('malformed.ics')));
    expect(error.code).toBe('ics_malformed');
    expect(error.message).toMatch(/cannot be read: .*this line has no colon/);
  });

  it('rejects files without all-day events', () => {
    expect(failure(() => readIcsDays(fixture('no-events.ics'))).code).toBe('ics_no_all_day_events');
    const timed = failure(() => readIcsDays(fixture('timed-only.ics')));
    expect(timed.code).toBe('ics_no_all_day_events');
    expect(timed.message).toMatch(/no all-day events/);
  });

  it('rejects an event without a date, and nothing is applied', () => {
    const def = cnMainlandDef();
    const before = JSON.stringify(def);
    const error = failure(() => applyIcs(def, fixture('event-without-date.ics')));
    expect(error.code).toBe('ics_event_invalid');
    expect(error.message).toBe('event #2 "Which day?" has no DTSTART date');
    expect(JSON.stringify(def)).toBe(before);
  });

  it.each([
    ['', 'ics_malformed', /empty/],
    ['hello', 'ics_malformed', /cannot be read/],
    ['BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n', 'ics_malformed', /not an iCalendar file/],
    [ics('DTSTART;VALUE=DATE:2026XX01', 'SUMMARY:Bad'), 'ics_event_invalid', /event #1 "Bad" has a date that cannot be read/],
    [ics('DTSTART;VALUE=DATE:20260105', 'DTEND;VALUE=DATE:20260105', 'SUMMARY:Empty'), 'ics_event_invalid', /"Empty" ends before or on the day it starts/],
    [ics('DTSTART;VALUE=DATE:20260105', 'DTEND:20260106T120000Z', 'SUMMARY:Mixed'), 'ics_event_invalid', /ends at a time/],
    [ics('DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=YEARLY', 'SUMMARY:Every year'), 'ics_event_invalid', /repeats \(RRULE\/RDATE\)/],
    [ics('DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20280101', 'SUMMARY:Long'), 'ics_event_invalid', /lasts 730 days/],
  ])('rejects %j with %s', (text, code, message) => {
    const error = failure(() => readIcsDays(text));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('rejects a day that is both off and worked', () => {
    const text = [
      'BEGIN:VCALENDAR', 'VERSION:2.0',
      'BEGIN:VEVENT', 'UID:a', 'DTSTART;VALUE=DATE:20260214', 'SUMMARY:休息', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b', 'DTSTART;VALUE=DATE:20260214', 'SUMMARY:补班', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    expect(failure(() => readIcsDays(text)).message).toBe('2026-02-14 is both a day off and a working day (event #1 "休息" and event #2 "补班")');
  });
});

function ics(...eventLines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x@carecall.test', ...eventLines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}
