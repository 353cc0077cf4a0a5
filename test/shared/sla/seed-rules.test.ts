// The seeds' time rules as the shipped presets carry them: hours are calendar hours, working days
// are working days, and each target names the seed rule it comes from.
import { describe, expect, it } from 'vitest';
import { computeSla, type SlaInput } from '../../../src/shared/sla/sla-clock';
import { applyClockOverrides, parseSlaPolicy } from '../../../src/shared/sla/sla-policy';
import { cnMainland, shanghai, wall } from '../calendar/calendars';
import { preset, rawPreset } from './presets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const cn = cnMainland();
const cnWall = (at: number | null) => (at === null ? null : wall('Asia/Shanghai', at));

const sla = (overrides: Partial<SlaInput> & Pick<SlaInput, 'policy' | 'severity' | 'registeredAt'>) =>
  computeSla({ calendar: cn, respondedAt: null, resolvedAt: null, pauses: [], now: overrides.registeredAt, ...overrides });
const rule = (result: ReturnType<typeof computeSla>, key: string) => {
  const found = result.rules.find((r) => r.key === key);
  if (!found) throw new Error(`rule ${key} does not apply (rules: ${result.rules.map((r) => r.key).join(', ')})`);
  return found;
};

describe('hours are hours (section 3)', () => {
  it('seed 000 "4小时内响应，48小时内给出解决方案": a major issue registered Fri 2026-02-13 17:00 has its solution due Sun 2026-02-15 17:00', () => {
    const result = sla({ policy: preset('000.json'), severity: 'major', registeredAt: shanghai('2026-02-13 17:00') });
    expect(cnWall(result.response.dueAt)).toBe('2026-02-13 21:00:00');
    expect(cnWall(result.resolution.dueAt)).toBe('2026-02-15 17:00:00');
    expect(result.resolution).toMatchObject({ clock: 'calendar', source: { seed: '000', rule: { 'zh-CN': '重大问题：48小时内给出解决方案' } } });
  });

  it('seed 000 "24小时内响应" and its goal "处理时长≤48小时": a general complaint registered Wed 2026-12-02 21:50 is due Thu 21:50, resolved by Fri 21:50, not 无时限', () => {
    const result = sla({ policy: preset('000.json'), severity: 'general', kind: 'complaint', registeredAt: shanghai('2026-12-02 21:50') });
    expect(cnWall(result.response.dueAt)).toBe('2026-12-03 21:50:00');
    expect(result.response).toMatchObject({ clock: 'calendar', source: { seed: '000', rule: { 'zh-CN': '一般问题：24小时内响应' } } });
    expect(result.resolution.state).toBe('running');
    expect(cnWall(result.resolution.dueAt)).toBe('2026-12-04 21:50:00');
    expect(result.resolutionFromGoal).toBe(true);
    expect(result.resolution.source?.rule['zh-CN']).toBe('问题闭环管理：处理时长≤48小时');
  });

  it('every shipped hour target runs on calendar time and every target names its seed rule in three languages', () => {
    for (const file of ['000.json', '001.json', '002.json', '004.json'] as const) {
      const policy = preset(file);
      const targets = [
        ...policy.severities.flatMap((s) => [s.response, s.resolution]),
        policy.goal,
        ...policy.rules,
      ].filter((t) => t !== null);
      for (const target of targets) {
        expect(target.clock, `${file}`).toBe(target.workingDays === undefined ? 'calendar' : 'working');
        expect(target.source.seed).toBe(file.slice(0, 3));
        expect(target.source.rule['zh-TW']).toBeTruthy();
      }
    }
  });

  it('a lead switches one target to working time; targets in working days stay on working time', () => {
    const policy = applyClockOverrides(preset('004.json'), { 'urgent.response': 'working', 'rule.pickup': 'calendar' });
    const urgent = policy.severities.find((s) => s.key === 'urgent')!;
    expect(urgent.response?.clock).toBe('working');
    expect(urgent.resolution?.clock).toBe('calendar');
    expect(policy.rules.find((r) => r.key === 'pickup')?.clock).toBe('working');
  });

  it('refuses a target with both minutes and working days, or working days on calendar time', () => {
    const raw = rawPreset('004.json') as { rules: Record<string, unknown>[] };
    raw.rules[2] = { ...raw.rules[2], minutes: 60 };
    expect(() => parseSlaPolicy(raw)).toThrow(/either minutes or workingDays/);
    const raw2 = rawPreset('004.json') as { rules: Record<string, unknown>[] };
    raw2.rules[2] = { ...raw2.rules[2], clock: 'calendar' };
    expect(() => parseSlaPolicy(raw2)).toThrow(/working days runs on the working clock/);
  });
});

describe('rules the seeds state beyond response and resolution (section 4)', () => {
  it('seed 004 "2小时内现场处理": the critical on-site clock is stopped by arrival, not by the solution being carried out', () => {
    const registeredAt = shanghai('2026-03-07 03:00');
    const policy = preset('004.json');
    const executedEarly = sla({ policy, severity: 'critical', registeredAt, resolvedAt: registeredAt + HOUR, now: registeredAt + 3 * HOUR });
    expect(rule(executedEarly, 'on_site').state).toBe('breached');
    const arrived = sla({ policy, severity: 'critical', registeredAt, steps: [{ step: 'on_site', at: registeredAt + 110 * MINUTE }], now: registeredAt + 3 * HOUR });
    expect(rule(arrived, 'on_site')).toMatchObject({ state: 'met', stoppedAt: registeredAt + 110 * MINUTE, clock: 'calendar' });
    expect(cnWall(rule(arrived, 'on_site').dueAt)).toBe('2026-03-07 05:00:00');
    const onTheWay = sla({ policy, severity: 'critical', registeredAt, now: registeredAt + HOUR + 1 });
    expect(rule(onTheWay, 'on_site').state).toBe('at_risk');
    expect(sla({ policy, severity: 'urgent', registeredAt }).rules.map((r) => r.key)).not.toContain('on_site');
  });

  it('seed 002 "接收投诉后，1小时内完成登记": the gap from receipt to registration is measured and flagged over 1 h, with nothing to alert on', () => {
    const policy = preset('002.json');
    const registeredAt = shanghai('2026-03-09 10:00');
    const late = rule(sla({ policy, severity: 'general', kind: 'complaint', registeredAt, receivedAt: registeredAt - 90 * MINUTE }), 'intake');
    expect(late).toMatchObject({ state: 'breached', startedAt: registeredAt - 90 * MINUTE, stoppedAt: registeredAt, remainingMs: -30 * MINUTE, thresholds: [] });
    const inTime = rule(sla({ policy, severity: 'general', kind: 'complaint', registeredAt, receivedAt: registeredAt - 40 * MINUTE }), 'intake');
    expect(inTime).toMatchObject({ state: 'met', remainingMs: 20 * MINUTE });
    expect(() => sla({ policy, severity: 'general', kind: 'complaint', registeredAt, receivedAt: registeredAt + 1 })).toThrow(/receivedAt .* is after registeredAt/);
  });

  it('seed 002 "执行后1小时内通知客户": a clock from the solution\'s execution, stopped by the customer-told step after it', () => {
    const policy = preset('002.json');
    const registeredAt = shanghai('2026-03-09 10:00');
    const resolvedAt = registeredAt + 5 * HOUR;
    const before = rule(sla({ policy, severity: 'general', kind: 'complaint', registeredAt, now: registeredAt + HOUR }), 'customer_told');
    expect(before).toMatchObject({ state: 'none', startedAt: null, dueAt: null });
    // A "told" before the execution does not stop the clock that starts at it.
    const steps = [{ step: 'customer_told' as const, at: registeredAt + 2 * HOUR }];
    const running = rule(sla({ policy, severity: 'general', kind: 'complaint', registeredAt, resolvedAt, steps, now: resolvedAt + 50 * MINUTE }), 'customer_told');
    expect(running).toMatchObject({ state: 'at_risk', dueAt: resolvedAt + HOUR });
    expect(running.thresholds.at(-1)).toMatchObject({ id: 'rule:customer_told:breach', at: resolvedAt + HOUR });
    const told = rule(
      sla({ policy, severity: 'general', kind: 'complaint', registeredAt, resolvedAt, steps: [...steps, { step: 'customer_told', at: resolvedAt + 30 * MINUTE }], now: resolvedAt + 2 * HOUR }),
      'customer_told',
    );
    expect(told).toMatchObject({ state: 'met', stoppedAt: resolvedAt + 30 * MINUTE });
  });

  it('seed 000 "问题解决后，24小时内将处理结果反馈给客户": due 24 calendar hours after the solution is carried out', () => {
    const registeredAt = shanghai('2026-03-06 17:00');
    const resolvedAt = shanghai('2026-03-06 19:00');
    const feedback = rule(sla({ policy: preset('000.json'), severity: 'general', registeredAt, resolvedAt, now: resolvedAt }), 'result_feedback');
    expect(cnWall(feedback.dueAt)).toBe('2026-03-07 19:00:00');
    expect(feedback.source?.rule['zh-CN']).toMatch(/24小时内将处理结果/);
  });

  it('seed 004 "服务主管介入，1小时内联系客户致歉": complaints only, stopped by the supervisor\'s contact', () => {
    const policy = preset('004.json');
    const registeredAt = shanghai('2026-03-09 10:00');
    const contact = rule(sla({ policy, severity: 'general', kind: 'complaint', registeredAt, steps: [{ step: 'supervisor_contacted', at: registeredAt + 45 * MINUTE }], now: registeredAt + 2 * HOUR }), 'supervisor_contact');
    expect(contact).toMatchObject({ state: 'met', dueAt: registeredAt + HOUR });
    expect(sla({ policy, severity: 'general', kind: 'service_request', registeredAt }).rules.map((r) => r.key)).not.toContain('supervisor_contact');
  });

  it('seed 004 "1个工作日内安排物流取件，3个工作日内完成退款/换货": working days of the calendar, for returns and exchanges', () => {
    const policy = preset('004.json');
    const registeredAt = shanghai('2026-03-06 17:00');
    const result = sla({ policy, severity: 'general', kind: 'service_request', scenario: 'return_exchange', registeredAt });
    expect(cnWall(rule(result, 'pickup').dueAt)).toBe('2026-03-09 18:00:00');
    expect(cnWall(rule(result, 'refund_exchange').dueAt)).toBe('2026-03-11 18:00:00');
    expect(rule(result, 'pickup').clock).toBe('working');
    const picked = sla({ policy, severity: 'general', scenario: 'return_exchange', registeredAt, steps: [{ step: 'picked_up', at: shanghai('2026-03-09 11:00') }], now: shanghai('2026-03-10 09:00') });
    expect(rule(picked, 'pickup').state).toBe('met');
    expect(rule(picked, 'refund_exchange').state).toBe('running');
    expect(sla({ policy, severity: 'general', scenario: 'fault_repair', registeredAt }).rules).toEqual([]);
  });
});
