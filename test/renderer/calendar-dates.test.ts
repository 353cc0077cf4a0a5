import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { deadlineBasis, holidayCoverage } from '../../src/renderer/src/features/settings/calendar-dates';

const shipped = { timeZone: 'Asia/Shanghai', holidaysKnownThrough: '2026-12-31', provisionalThrough: '2036-12-31' };
const at = (y: number, m: number, d: number, h: number): number => new TZDate(y, m - 1, d, h, 0, 'Asia/Shanghai').getTime();

describe('which deadlines the screens mark as resting on provisional calendar days', () => {
  it('marks a working-time deadline after the official data, by its local date; never a calendar-time one', () => {
    expect(deadlineBasis(shipped, at(2027, 1, 4, 12), 'working')).toBe('provisional');
    // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: the calendar's zone decides.
    expect(deadlineBasis(shipped, at(2027, 1, 1, 0) + 30 * 60_000, 'working')).toBe('provisional');
    expect(deadlineBasis(shipped, at(2026, 12, 31, 23), 'working')).toBe('official');
    expect(deadlineBasis(shipped, at(2027, 1, 4, 12), 'calendar')).toBe('official');
    expect(deadlineBasis(shipped, at(2037, 1, 5, 12), 'working')).toBe('unknown');
    expect(deadlineBasis(null, at(2027, 1, 4, 12), 'working')).toBe('official');
    expect(deadlineBasis(shipped, null, 'working')).toBe('official');
  });

  it('the lead is reminded from 60 days before the official data ends, and after it', () => {
    expect(holidayCoverage('2026-12-31', '2026-10-31')).toBe('covered');
    expect(holidayCoverage('2026-12-31', '2026-11-01')).toBe('expiring');
    expect(holidayCoverage('2026-12-31', '2027-01-01')).toBe('outdated');
  });
});
