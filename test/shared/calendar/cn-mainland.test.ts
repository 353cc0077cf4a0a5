import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCnMainlandCalendar, formatCalendar } from '../../../resources/calendars/generate-cn-mainland.mjs';
import { cnMainlandDef, RESOURCES } from './calendars';

const require = createRequire(import.meta.url);

describe('the mainland China calendar (resources/calendars/cn-mainland.json)', () => {
  it('is what the generator makes from the installed chinese-days data (regenerate after updating it)', () => {
    const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'));
    const { version } = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8'));
    const committed = readFileSync(join(RESOURCES, 'calendars', 'cn-mainland.json'), 'utf8');
    expect(formatCalendar(buildCnMainlandCalendar(data, version))).toBe(committed);
  });

  it('validates, in Asia/Shanghai, Mon-Fri 09:00-12:00 and 13:30-18:00', () => {
    const def = cnMainlandDef();
    expect(def.timeZone).toBe('Asia/Shanghai');
    expect(def.weekly['3']).toEqual([{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }]);
    expect(def.weekly['6']).toEqual([]);
    expect(def.holidaysKnownThrough).toBe('2026-12-31');
  });

  it('has the 2026 Spring Festival and National Day as announced', () => {
    const def = cnMainlandDef();
    const off = new Set(def.holidays.map((h) => h.date));
    const worked = new Set(def.workdays.map((w) => w.date));
    for (let d = 15; d <= 23; d++) expect(off.has(`2026-02-${d}`), `Feb ${d}`).toBe(true);
    expect(off.has('2026-02-24')).toBe(false);
    expect([...worked].filter((d) => d.startsWith('2026-02'))).toEqual(['2026-02-14', '2026-02-28']);
    for (let d = 1; d <= 7; d++) expect(off.has(`2026-10-0${d}`), `Oct ${d}`).toBe(true);
    expect(off.has('2026-10-08')).toBe(false);
    expect(worked.has('2026-09-20')).toBe(true);
    expect(worked.has('2026-10-10')).toBe(true);
    expect(def.holidays.find((h) => h.date === '2026-10-01')?.name).toBe('国庆节 National Day');
  });
});
