import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSla, escalationSchedule, type SlaInput, type SlaPause } from '../../../src/shared/sla/sla-clock';
import { applyClockOverrides, SlaError } from '../../../src/shared/sla/sla-policy';
import { cnMainland, shanghai, wall } from '../calendar/calendars';
import { preset } from './presets';

const MINUTE = 60_000;
const cn = cnMainland();
// The working-time arithmetic on 001's hour targets as a lead switched them (a centre staffed in office hours only).
const greenChannel = applyClockOverrides(preset('001.json'), { 'general.response': 'working', 'consulting.response': 'working' });
const cnWall = (at: number | null) => (at === null ? null : wall('Asia/Shanghai', at));
const FRIDAY_5PM = shanghai('2026-03-06 17:00');

const input = (overrides: Partial<SlaInput>): SlaInput => ({
  policy: greenChannel,
  calendar: cn,
  severity: 'general',
  registeredAt: FRIDAY_5PM,
  respondedAt: null,
  resolvedAt: null,
  pauses: [],
  now: FRIDAY_5PM,
  ...overrides,
});
const response = (overrides: Partial<SlaInput>) => computeSla(input(overrides)).response;
const thresholdsOf = (overrides: Partial<SlaInput>) => response(overrides).thresholds.map((t) => [t.id, cnWall(t.at)]);

describe('SLA clock on working time (policy 001, general: respond within 2 h, switched to working time by a lead)', () => {
  it('runs over the weekend: Fri 17:00 + 2 working hours is Mon 10:00', () => {
    const status = response({ now: shanghai('2026-03-06 17:30') });
    expect(status).toMatchObject({ targetMs: 120 * MINUTE, remainingMs: 90 * MINUTE, state: 'running' });
    expect(cnWall(status.dueAt)).toBe('2026-03-09 10:00:00');
    expect(thresholdsOf({ now: shanghai('2026-03-06 17:30') })).toEqual([
      ['response:left-25pct', '2026-03-09 09:30:00'],
      ['response:left-15m', '2026-03-09 09:45:00'],
      ['response:breach', '2026-03-09 10:00:00'],
    ]);
    expect(response({ now: shanghai('2026-03-07 12:00') })).toMatchObject({ remainingMs: 60 * MINUTE, state: 'running' });
  });

  it('is at risk once a warning has passed', () => {
    expect(response({ now: shanghai('2026-03-09 09:35') })).toMatchObject({ remainingMs: 25 * MINUTE, state: 'at_risk' });
  });

  it('is breached from the due instant on, with negative remaining time', () => {
    expect(response({ now: shanghai('2026-03-09 09:59') }).state).toBe('at_risk');
    expect(response({ now: shanghai('2026-03-09 10:00') })).toMatchObject({ remainingMs: 0, state: 'breached' });
    expect(response({ now: shanghai('2026-03-09 10:30') })).toMatchObject({ remainingMs: -30 * MINUTE, state: 'breached' });
  });

  it('stays breached over the weekend after a Friday-evening due, with 0 working ms remaining', () => {
    const consulting = response({ severity: 'consulting', now: shanghai('2026-03-07 10:00') });
    expect(cnWall(consulting.dueAt)).toBe('2026-03-06 18:00:00');
    expect(consulting).toMatchObject({ remainingMs: 0, state: 'breached' });
  });

  it('is met when the response comes at or before the due, and then lists no thresholds', () => {
    expect(response({ respondedAt: shanghai('2026-03-09 09:50'), now: shanghai('2026-03-10 12:00') })).toMatchObject({
      state: 'met',
      remainingMs: 10 * MINUTE,
      thresholds: [],
    });
    expect(response({ respondedAt: shanghai('2026-03-09 10:00') }).state).toBe('met');
    expect(response({ respondedAt: shanghai('2026-03-07 10:00') })).toMatchObject({ state: 'met', remainingMs: 60 * MINUTE });
    const late = response({ respondedAt: shanghai('2026-03-09 10:20'), now: shanghai('2026-03-10 12:00') });
    expect(late).toMatchObject({ state: 'breached', remainingMs: -20 * MINUTE });
    expect(late.thresholds.at(-1)).toEqual({ kind: 'breach', id: 'response:breach', at: shanghai('2026-03-09 10:00') });
  });

  it('counts resolving without a separate response as the response', () => {
    expect(response({ resolvedAt: shanghai('2026-03-09 09:30') }).state).toBe('met');
  });

  it('has no resolution target for this severity', () => {
    expect(computeSla(input({})).resolution).toEqual({ clock: null, source: null, targetMs: null, dueAt: null, remainingMs: null, state: 'none', thresholds: [] });
  });
});

describe('pauses while waiting for the customer', () => {
  const waitedOverWeekend: SlaPause = { from: shanghai('2026-03-06 17:30'), to: shanghai('2026-03-09 11:00') };

  it('shifts the due by the paused working time and lands around the lunch break', () => {
    const status = response({ pauses: [waitedOverWeekend], now: shanghai('2026-03-09 11:10') });
    // 30 min used on Friday, 90 left from Mon 11:00: 60 before lunch, 30 after 13:30.
    expect(status).toMatchObject({ remainingMs: 80 * MINUTE, state: 'running' });
    expect(cnWall(status.dueAt)).toBe('2026-03-09 14:00:00');
    expect(thresholdsOf({ pauses: [waitedOverWeekend], now: shanghai('2026-03-09 11:10') })).toEqual([
      ['response:left-25pct', '2026-03-09 12:00:00'],
      ['response:left-15m', '2026-03-09 13:45:00'],
      ['response:breach', '2026-03-09 14:00:00'],
    ]);
  });

  it('has no due and no thresholds while still paused', () => {
    const status = response({ pauses: [{ from: shanghai('2026-03-06 17:30'), to: null }], now: shanghai('2026-03-09 10:00') });
    expect(status).toMatchObject({ clock: 'working', targetMs: 120 * MINUTE, dueAt: null, remainingMs: 90 * MINUTE, state: 'paused', thresholds: [] });
  });

  it('resumes where it stopped when the customer replies', () => {
    const paused = response({ pauses: [{ from: shanghai('2026-03-06 17:30'), to: null }], now: shanghai('2026-03-09 11:00') });
    const resumed = response({ pauses: [waitedOverWeekend], now: shanghai('2026-03-09 11:00') });
    expect(resumed.remainingMs).toBe(paused.remainingMs);
    expect(resumed.state).toBe('running');
  });

  it('cannot undo a breach: a pause after the due stays breached', () => {
    const status = response({ pauses: [{ from: shanghai('2026-03-09 10:15'), to: null }], now: shanghai('2026-03-09 10:30') });
    expect(status).toMatchObject({ state: 'breached', remainingMs: -15 * MINUTE });
    expect(cnWall(status.dueAt)).toBe('2026-03-09 10:00:00');
  });

  it('a pause that starts exactly at the due comes too late', () => {
    const pauses = [{ from: shanghai('2026-03-09 10:00'), to: shanghai('2026-03-09 11:00') }];
    const status = response({ pauses, respondedAt: shanghai('2026-03-09 10:30') });
    expect(cnWall(status.dueAt)).toBe('2026-03-09 10:00:00');
    expect(status.state).toBe('breached');
  });

  it('merges overlapping pauses and ignores time before registration', () => {
    const overlapping: SlaPause[] = [
      { from: shanghai('2026-03-07 09:00'), to: shanghai('2026-03-09 11:00') },
      { from: shanghai('2026-03-06 17:30'), to: shanghai('2026-03-08 12:00') },
      { from: shanghai('2026-03-05 09:00'), to: shanghai('2026-03-05 18:00') },
    ];
    const now = shanghai('2026-03-09 11:10');
    expect(response({ pauses: overlapping, now })).toEqual(response({ pauses: [waitedOverWeekend], now }));
  });

  it('never moves the due earlier, and the due is exactly where met turns to breached', () => {
    const start = fc.integer({ min: shanghai('2026-01-05 00:00'), max: shanghai('2026-12-01 00:00') });
    const pause = fc.tuple(fc.integer({ min: 0, max: 5 * 86_400_000 }), fc.integer({ min: 0, max: 3 * 86_400_000 }));
    fc.assert(
      fc.property(start, fc.constantFrom('urgent', 'general', 'consulting'), fc.array(pause, { maxLength: 3 }), (registeredAt, severity, offsets) => {
        const pauses = offsets.map(([offset, length]) => ({ from: registeredAt + offset, to: registeredAt + offset + length }));
        const later = Math.max(registeredAt, ...pauses.map((p) => p.to)) + 1;
        const withPauses = response({ registeredAt, severity, pauses, now: later });
        const without = response({ registeredAt, severity, now: later });
        expect(withPauses.dueAt!).toBeGreaterThanOrEqual(without.dueAt!);
        const due = withPauses.dueAt!;
        if (due >= later) {
          expect(response({ registeredAt, severity, pauses, now: due - 1 }).state).not.toBe('breached');
          expect(response({ registeredAt, severity, pauses, now: due })).toMatchObject({ state: 'breached', remainingMs: 0 });
        }
        expect(response({ registeredAt, severity, pauses, respondedAt: due, now: due + 1 }).state).toBe('met');
        expect(response({ registeredAt, severity, pauses, respondedAt: due + 1, now: due + 1 }).state).toBe('breached');
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar time, severity changes and other presets', () => {
  it('urgent issues run on calendar time, nights and weekends included', () => {
    const saturdayNight = shanghai('2026-03-07 22:00');
    const at = (now: string) => response({ severity: 'urgent', registeredAt: saturdayNight, now: shanghai(now) });
    expect(cnWall(at('2026-03-07 22:05').dueAt)).toBe('2026-03-07 22:30:00');
    expect(thresholdsOf({ severity: 'urgent', registeredAt: saturdayNight, now: saturdayNight })).toEqual([
      ['response:left-15m', '2026-03-07 22:15:00'],
      ['response:left-25pct', '2026-03-07 22:22:30'],
      ['response:breach', '2026-03-07 22:30:00'],
    ]);
    expect(at('2026-03-07 22:05')).toMatchObject({ state: 'running', remainingMs: 25 * MINUTE });
    expect(at('2026-03-07 22:20').state).toBe('at_risk');
    expect(at('2026-03-07 23:00')).toMatchObject({ state: 'breached', remainingMs: -30 * MINUTE });
  });

  it('recomputes from the same registeredAt when the severity changes', () => {
    const general = computeSla(input({ now: shanghai('2026-03-06 17:10') }));
    const urgent = computeSla(input({ severity: 'urgent', now: shanghai('2026-03-06 17:10') }));
    expect(general).toMatchObject({ severity: 'general', response: { clock: 'working' } });
    expect(urgent).toMatchObject({ severity: 'urgent', response: { clock: 'calendar' } });
    expect(cnWall(general.response.dueAt)).toBe('2026-03-09 10:00:00');
    expect(cnWall(urgent.response.dueAt)).toBe('2026-03-06 17:30:00');
    expect(urgent.response.state).toBe('running');
  });

  it('lands a complaint due on the swapped workday before the Spring Festival, and the resolution after it', () => {
    // 002's general complaint as a lead switched it to working time.
    const policy = applyClockOverrides(preset('002.json'), { 'general.response': 'working', 'general.resolution': 'working' });
    const result = computeSla(input({ policy, registeredAt: shanghai('2026-02-13 16:00'), now: shanghai('2026-02-13 16:00') }));
    // 4 working hours: Fri 16:00-18:00, then Sat 14 Feb (worked) 09:00-11:00.
    expect(cnWall(result.response.dueAt)).toBe('2026-02-14 11:00:00');
    // 48 working hours: 9.5 h by Sat 14 Feb, 37.5 h from Tue 24 Feb to the swapped Sat 28 Feb, 1 h on Mon 2 Mar.
    expect(cnWall(result.resolution.dueAt)).toBe('2026-03-02 10:00:00');
  });

  it('counts policy 000 general\'s 24 h as 24 working hours once a lead switches it to working time', () => {
    const policy = applyClockOverrides(preset('000.json'), { 'general.response': 'working' });
    const status = response({ policy, registeredAt: shanghai('2026-03-02 09:00'), now: shanghai('2026-03-02 09:00') });
    expect(status.clock).toBe('working');
    expect(cnWall(status.dueAt)).toBe('2026-03-05 10:30:00');
  });

  it('gives the critical field-service case its tighter warnings, for response and on-site arrival', () => {
    const result = computeSla(input({ policy: preset('004.json'), severity: 'critical', registeredAt: shanghai('2026-03-07 03:00'), now: shanghai('2026-03-07 03:00') }));
    expect(result.response.thresholds.map((t) => [t.id, cnWall(t.at)])).toEqual([
      ['response:left-50pct', '2026-03-07 03:07:30'],
      ['response:left-5m', '2026-03-07 03:10:00'],
      ['response:left-25pct', '2026-03-07 03:11:15'],
      ['response:breach', '2026-03-07 03:15:00'],
    ]);
    const onSite = result.rules.find((r) => r.key === 'on_site')!;
    expect(onSite.thresholds.map((t) => t.id)).toEqual(['rule:on_site:left-50pct', 'rule:on_site:left-25pct', 'rule:on_site:left-5m', 'rule:on_site:breach']);
    expect(cnWall(onSite.dueAt)).toBe('2026-03-07 05:00:00');
  });

  it('leaves out a minutes-left warning as long as the target', () => {
    const policy = preset('001.json');
    const urgent = policy.severities.find((s) => s.key === 'urgent')!;
    const custom = { ...policy, severities: [{ ...urgent, warnings: { fractionsLeft: [], minutesLeft: [30, 10] } }], defaultSeverity: 'urgent' };
    expect(thresholdsOf({ policy: custom, severity: 'urgent' }).map(([id]) => id)).toEqual(['response:left-10m', 'response:breach']);
  });

  it('treats now before registeredAt (clock skew) as registeredAt', () => {
    expect(response({ now: FRIDAY_5PM - 5_000 })).toMatchObject({ state: 'running', remainingMs: 120 * MINUTE });
  });
});

describe('escalation schedule', () => {
  it('times each level on its own clock: the seeds\' hours are calendar hours', () => {
    const schedule = escalationSchedule(preset('002.json'), 'general', FRIDAY_5PM, cn);
    expect(schedule.map((s) => [s.level, s.role, cnWall(s.dueAt)])).toEqual([
      [1, 'lead', '2026-03-07 17:00:00'],
      [2, 'manager', '2026-03-08 17:00:00'],
    ]);
    expect(schedule[0]!.action.en).toMatch(/investigation/);
    const urgent = escalationSchedule(preset('000.json'), 'urgent', shanghai('2026-03-07 22:00'), cn);
    expect(urgent.map((s) => [s.level, s.role, cnWall(s.dueAt)])).toEqual([[1, 'lead', '2026-03-07 22:05:00']]);
    expect(escalationSchedule(greenChannel, 'urgent', FRIDAY_5PM, cn).map((s) => [s.role, cnWall(s.dueAt)])).toEqual([['lead', '2026-03-06 17:30:00']]);
  });

  it('is empty for a severity without a ladder and rejects unknown severities', () => {
    expect(escalationSchedule(preset('004.json'), 'general', FRIDAY_5PM, cn)).toEqual([]);
    expect(() => escalationSchedule(greenChannel, 'major', FRIDAY_5PM, cn)).toThrow(/has no severity "major"/);
  });
});

describe('bad input', () => {
  const error = (overrides: Partial<SlaInput>): SlaError => {
    try {
      computeSla(input(overrides));
    } catch (e) {
      if (e instanceof SlaError) return e;
      throw e;
    }
    throw new Error('expected an SlaError');
  };

  it.each<[string, Partial<SlaInput>, string, string]>([
    ['an unknown severity', { severity: 'major' }, 'unknown_severity', 'policy green-channel has no severity "major" (it has urgent, general, consulting)'],
    ['a response before registration', { respondedAt: FRIDAY_5PM - MINUTE }, 'invalid_input', 'respondedAt (2026-03-06T08:59:00.000Z) is before registeredAt (2026-03-06T09:00:00.000Z)'],
    ['a resolution before registration', { resolvedAt: FRIDAY_5PM - MINUTE }, 'invalid_input', 'resolvedAt (2026-03-06T08:59:00.000Z) is before registeredAt (2026-03-06T09:00:00.000Z)'],
    ['a pause ending before it starts', { pauses: [{ from: FRIDAY_5PM + 2 * MINUTE, to: FRIDAY_5PM + MINUTE }] }, 'invalid_input', 'pauses[0]: to (2026-03-06T09:01:00.000Z) is before from (2026-03-06T09:02:00.000Z)'],
    ['a pause without a start', { pauses: [{ from: Number.NaN, to: null }] }, 'invalid_input', 'pauses[0].from must be an epoch ms instant, got NaN'],
    ['no now', { now: undefined as unknown as number }, 'invalid_input', 'now must be an epoch ms instant, got undefined'],
    ['an infinite registration', { registeredAt: Number.POSITIVE_INFINITY }, 'invalid_input', 'registeredAt must be an epoch ms instant, got Infinity'],
  ])('rejects %s', (_label, overrides, code, message) => {
    const found = error(overrides);
    expect(found.code).toBe(code);
    expect(found.message).toBe(message);
  });
});
