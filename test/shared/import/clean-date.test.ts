import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDateCell, excelSerialToLocal, localDateToExcelSerial, parseDateText } from '../../../src/shared/import/clean-date';

describe('dates as text', () => {
  it.each([
    '2026-03-05',
    '2026-3-5',
    '2026/3/5',
    '2026/03/05',
    '2026.03.05',
    '2026。3。5',
    '2026年3月5日',
    '2026 年 3 月 5 日',
    '2026年3月5号',
    '20260305',
    '２０２６－０３－０５',
    '２０２６年３月５日',
    '2026-03-05 00:00:00',
    '2026-03-05T00:00:00+08:00',
  ])('reads %s as 2026-03-05', (text) => {
    expect(parseDateText(text)).toMatchObject({ ok: true, date: '2026-03-05' });
  });

  it('reads a time and computes the instant in the centre zone', () => {
    expect(parseDateText('2026/3/5 14:30')).toEqual({ ok: true, date: '2026-03-05', time: '14:30:00', instant: Date.UTC(2026, 2, 5, 6, 30) });
    expect(parseDateText('2026-03-05 14:30:15.0')).toMatchObject({ time: '14:30:15' });
    expect(parseDateText('2026年3月5日 14时30分')).toMatchObject({ time: '14:30:00' });
    expect(parseDateText('20260305143000')).toMatchObject({ date: '2026-03-05', time: '14:30:00' });
    expect(parseDateText('2026-03-05 09:00', { timeZone: 'America/New_York' })).toMatchObject({ instant: Date.UTC(2026, 2, 5, 14, 0) });
  });

  it('shows an instant with a zone as the local date of the centre', () => {
    // 20:00 UTC on 4 March is already 5 March in Shanghai.
    expect(parseDateText('2026-03-04T20:00:00Z')).toMatchObject({ ok: true, date: '2026-03-05', time: '04:00:00' });
    expect(parseDateText('2026-03-05T10:00:00+08:00')).toMatchObject({ date: '2026-03-05', time: '10:00:00' });
  });

  it('accepts day/month order only when it is unambiguous, or when the source says which', () => {
    expect(parseDateText('25/3/2026')).toMatchObject({ ok: true, date: '2026-03-25' });
    expect(parseDateText('3/25/2026')).toMatchObject({ ok: true, date: '2026-03-25' });
    expect(parseDateText('5/5/2026')).toMatchObject({ ok: true, date: '2026-05-05' });
    const ambiguous = parseDateText('3/5/2026');
    expect(ambiguous).toMatchObject({ ok: false, code: 'ambiguous_date' });
    if (!ambiguous.ok) expect(ambiguous.reason).toContain('3 May or 5 March');
    expect(parseDateText('3/5/2026', { dayMonthOrder: 'MDY' })).toMatchObject({ ok: true, date: '2026-03-05' });
    expect(parseDateText('3/5/2026', { dayMonthOrder: 'DMY' })).toMatchObject({ ok: true, date: '2026-05-03' });
  });

  it.each([
    ['2026-02-30', 'not a real calendar date'],
    ['2026-13-01', 'not a real calendar date'],
    ['26-3-5', 'not a date'],
    ['3/5/26', 'two-digit years'],
    ['0026-03-05', 'outside 1900..2199'],
    ['2026-03-05 25:00', 'not a real time'],
    ['明天', 'not a date'],
    ['2026', 'not a date'],
    ['', 'empty'],
  ])('refuses %s', (text, why) => {
    const result = parseDateText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});

describe('Excel serial numbers', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [46086, '2026-03-05'],
    [2958465, '9999-12-31'],
  ])('1900 system: %d is %s', (serial, date) => {
    expect(excelSerialToLocal(serial)).toEqual({ date, time: null });
  });

  it('refuses serial 60, the 29 February 1900 that Lotus 1-2-3 invented', () => {
    expect(excelSerialToLocal(60)).toBeNull();
    expect(cleanDateCell(60)).toMatchObject({ ok: false, reason: expect.stringContaining('never existed') });
    expect(excelSerialToLocal(0)).toBeNull();
    expect(excelSerialToLocal(-1)).toBeNull();
  });

  it('counts from 1904-01-01 in the 1904 system', () => {
    expect(excelSerialToLocal(0, true)).toEqual({ date: '1904-01-01', time: null });
    expect(excelSerialToLocal(44624, true)).toEqual({ date: '2026-03-05', time: null });
  });

  it('reads a fraction as the time of day', () => {
    expect(excelSerialToLocal(46086.6041666667)).toEqual({ date: '2026-03-05', time: '14:30:00' });
    expect(excelSerialToLocal(46086.99999999)).toEqual({ date: '2026-03-06', time: null });
    expect(cleanDateCell(46086.5)).toMatchObject({ ok: true, date: '2026-03-05', time: '12:00:00', instant: Date.UTC(2026, 2, 5, 4) });
  });

  it('reads numbers in date cells: serials, 8-digit dates, five-digit serial text from CSV', () => {
    expect(cleanDateCell(46086)).toMatchObject({ ok: true, date: '2026-03-05', time: null, instant: null });
    expect(cleanDateCell(20260305)).toMatchObject({ ok: true, date: '2026-03-05' });
    expect(cleanDateCell('46086')).toMatchObject({ ok: true, date: '2026-03-05' });
    expect(cleanDateCell(true)).toMatchObject({ ok: false });
    expect(cleanDateCell(400)).toMatchObject({ ok: true, date: '1901-02-03' });
    expect(cleanDateCell(3_000_000)).toMatchObject({ ok: false });
  });
});

const day = fc
  .integer({ min: Date.UTC(1900, 2, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

describe('round trips (property)', () => {
  const formats: [string, (y: string, m: string, d: string) => string][] = [
    ['yyyy-MM-dd', (y, m, d) => `${y}-${m}-${d}`],
    ['yyyy/M/d', (y, m, d) => `${y}/${Number(m)}/${Number(d)}`],
    ['yyyy.MM.dd', (y, m, d) => `${y}.${m}.${d}`],
    ['yyyy年M月d日', (y, m, d) => `${y}年${Number(m)}月${Number(d)}日`],
    ['yyyyMMdd', (y, m, d) => `${y}${m}${d}`],
    ['full-width yyyy－MM－dd', (y, m, d) => `${y}-${m}-${d}`.replace(/[0-9-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))],
    ['d/M/yyyy with DMY', (y, m, d) => `${Number(d)}/${Number(m)}/${y}`],
  ];

  it.each(formats)('parse(format(date, %s)) is the date', (name, write) => {
    fc.assert(
      fc.property(day, (date) => {
        const [y = '', m = '', d = ''] = date.split('-');
        const options = name.includes('DMY') ? { dayMonthOrder: 'DMY' as const } : {};
        const result = parseDateText(write(y, m, d), options);
        return result.ok && result.date === date && result.time === null;
      }),
      { numRuns: 300 },
    );
  });

  it('serial -> date -> serial is the identity (both date systems)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2957003 }).filter((n) => n !== 60), fc.boolean(), (serial, date1904) => {
        const local = excelSerialToLocal(serial, date1904);
        return local !== null && localDateToExcelSerial(local.date, date1904) === serial;
      }),
    );
  });

  it('date -> serial -> date is the identity', () => {
    fc.assert(fc.property(day, (date) => excelSerialToLocal(localDateToExcelSerial(date))?.date === date));
  });
});
