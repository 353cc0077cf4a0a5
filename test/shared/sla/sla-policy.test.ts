import { describe, expect, it } from 'vitest';
import { findSeverity, parseSlaPolicy, SlaError } from '../../../src/shared/sla/sla-policy';
import { preset, PRESET_FILES, rawPreset } from './presets';

function problem(raw: unknown): { message: string; paths: string[] } {
  try {
    parseSlaPolicy(raw);
  } catch (error) {
    if (!(error instanceof SlaError)) throw error;
    expect(error.code).toBe('invalid_policy');
    return { message: error.message, paths: error.issues.map((i) => i.path) };
  }
  throw new Error('expected the policy to be rejected');
}

const label = { 'zh-CN': '一般', en: 'General', 'zh-TW': '一般' };
const source = { seed: '000', rule: label };
const target = (minutes: number, clock: string) => ({ minutes, clock, source }) as Record<string, unknown>;
type Sev = Record<string, unknown> & { response: Record<string, unknown> | null; resolution: Record<string, unknown> | null };
const valid = () => ({
  id: 'test-policy',
  name: { 'zh-CN': '测试', en: 'Test' },
  source: 'test',
  severities: [
    { key: 'general', label, response: target(120, 'working'), resolution: null },
    { key: 'urgent', label, response: target(30, 'calendar'), resolution: target(240, 'calendar') },
  ] as Sev[],
  defaultSeverity: 'general',
});

describe('SLA policies', () => {
  it.each(PRESET_FILES)('preset %s loads, validates and has labels in three languages', (file) => {
    const policy = preset(file);
    expect(policy.severities.map((s) => s.key)).toContain(policy.defaultSeverity);
    for (const severity of policy.severities) {
      expect(severity.label['zh-TW'], `${file} ${severity.key}`).toBeTruthy();
      for (const step of severity.escalation) expect(step.action['zh-TW']).toBeTruthy();
    }
    expect(policy.source.length).toBeGreaterThan(50);
  });

  it('presets carry the seeds\' targets and clocks', () => {
    const minutes = (file: (typeof PRESET_FILES)[number]) =>
      Object.fromEntries(
        preset(file).severities.map((s) => [s.key, [s.response?.minutes ?? null, s.response?.clock ?? null, s.resolution?.minutes ?? null, s.resolution?.clock ?? null]]),
      );
    expect(minutes('000.json')).toEqual({
      general: [1440, 'calendar', null, null],
      major: [240, 'calendar', 2880, 'calendar'],
      urgent: [120, 'calendar', null, null],
    });
    expect(preset('000.json').goal).toMatchObject({ minutes: 2880, clock: 'calendar' });
    expect(minutes('001.json')).toEqual({ urgent: [30, 'calendar', null, null], general: [120, 'calendar', null, null], consulting: [60, 'calendar', null, null] });
    expect(minutes('002.json')).toEqual({
      urgent: [120, 'calendar', 2880, 'calendar'],
      general: [240, 'calendar', 2880, 'calendar'],
      routine: [1440, 'calendar', 2880, 'calendar'],
    });
    expect(minutes('004.json')).toEqual({ general: [null, null, 240, 'calendar'], urgent: [120, 'calendar', 1440, 'calendar'], critical: [15, 'calendar', null, null] });
    expect(findSeverity(preset('000.json'), 'urgent').escalateAtRegistration).toBe(true);
    expect(findSeverity(preset('000.json'), 'urgent').escalation[0]).toMatchObject({ level: 1, role: 'lead' });
  });

  it('seed 000 "重大问题由售后主管牵头，成立临时处理小组": a major issue involves the supervisor from registration', () => {
    const major = findSeverity(preset('000.json'), 'major');
    expect(major.escalateAtRegistration).toBe(true);
    expect(major.escalation[0]).toMatchObject({ level: 1, role: 'lead' });
  });

  it('seed 001 "三级回访" (specialist 1 h, supervisor 24 h, senior 48 h) is every preset\'s follow-up for a dissatisfied customer', () => {
    for (const file of PRESET_FILES) {
      expect(preset(file).dissatisfiedFollowUp.map((e) => [e.level, e.role, e.withinMinutes, e.clock]), file).toEqual([
        [1, 'agent', 60, 'calendar'],
        [2, 'lead', 1440, 'calendar'],
        [3, 'manager', 2880, 'calendar'],
      ]);
    }
  });

  it('fills in the default warnings and escalation', () => {
    const general = findSeverity(parseSlaPolicy(valid()), 'general');
    expect(general.warnings).toEqual({ fractionsLeft: [0.25], minutesLeft: [15] });
    expect(general.escalation).toEqual([]);
    expect(general.escalateAtRegistration).toBe(false);
  });

  it.each<[string, (p: ReturnType<typeof valid>) => void, string, RegExp]>([
    ['a zero target', (p) => (p.severities[0]!.response!.minutes = 0), 'severities.0.response.minutes', /minutes must be more than 0 minutes \(use null for no target\)/],
    ['a negative target', (p) => (p.severities[1]!.resolution!.minutes = -60), 'severities.1.resolution.minutes', /minutes must be more than 0/],
    ['a fractional target', (p) => (p.severities[0]!.response!.minutes = 1.5), 'severities.0.response.minutes', /whole number of minutes/],
    ['a missing target', (p) => delete p.severities[0]!.response!.minutes, 'severities.0.response.minutes', /either minutes or workingDays/],
    ['no target at all', (p) => (p.severities[0]!.response = null), 'severities.0.response', /needs a response or a resolution target/],
    ['an unknown clock', (p) => (p.severities[0]!.response!.clock = 'business'), 'severities.0.response.clock', /./],
    ['an unknown default severity', (p) => (p.defaultSeverity = 'normal'), 'defaultSeverity', /defaultSeverity "normal" is not one of the severities \(general, urgent\)/],
    ['a duplicate key', (p) => (p.severities[1]!.key = 'general'), 'severities.1.key', /severity key "general" is used twice/],
    ['a bad key', (p) => (p.severities[0]!.key = 'General Issue'), 'severities.0.key', /lower-case ascii/],
    ['no severities', (p) => (p.severities = []), 'severities', /at least one severity/],
    ['a warning fraction of 1', (p) => (p.severities[0]!.warnings = { fractionsLeft: [1] }), 'severities.0.warnings.fractionsLeft.0', /strictly between 0 and 1/],
    ['a warning of 0 minutes', (p) => (p.severities[0]!.warnings = { minutesLeft: [0] }), 'severities.0.warnings.minutesLeft.0', /minutesLeft must be more than 0/],
    [
      'escalation level 4',
      (p) => (p.severities[0]!.escalation = [{ level: 4, role: 'lead', withinMinutes: 60, action: label }]),
      'severities.0.escalation.0.level',
      /levels are 1, 2 or 3/,
    ],
    [
      'escalation levels out of order',
      (p) =>
        (p.severities[0]!.escalation = [
          { level: 2, role: 'lead', withinMinutes: 60, action: label },
          { level: 1, role: 'agent', withinMinutes: 90, action: label },
        ]),
      'severities.0.escalation.1.level',
      /once each, in rising order/,
    ],
    [
      'a higher level due earlier',
      (p) =>
        (p.severities[0]!.escalation = [
          { level: 1, role: 'agent', withinMinutes: 60, action: label },
          { level: 2, role: 'lead', withinMinutes: 30, action: label },
        ]),
      'severities.0.escalation.1.withinMinutes',
      /cannot be due before a lower one/,
    ],
    ['an unknown role', (p) => (p.severities[0]!.escalation = [{ level: 1, role: 'ceo', withinMinutes: 60, action: label }]), 'severities.0.escalation.0.role', /./],
    ['escalation at registration without levels', (p) => (p.severities[0]!.escalateAtRegistration = true), 'severities.0.escalateAtRegistration', /needs at least one escalation level/],
    ['an unknown field', (p) => (p.severities[0]!.slaHours = 2), 'severities.0', /Unrecognized key/],
    ['a missing source', (p) => delete (p as Partial<ReturnType<typeof valid>>).source, 'source', /./],
  ])('rejects %s', (_label, change, path, message) => {
    const policy = valid();
    change(policy);
    const found = problem(policy);
    expect(found.paths).toContain(path);
    expect(found.message).toMatch(message);
    expect(found.message).toMatch(/^SLA policy: /);
  });

  it('names the severities when a key is unknown', () => {
    expect(() => findSeverity(preset('001.json'), 'major')).toThrow('policy green-channel has no severity "major" (it has urgent, general, consulting)');
  });

  it('every preset file is strict JSON data (no stray fields)', () => {
    const known = ['defaultSeverity', 'dissatisfiedFollowUp', 'goal', 'id', 'name', 'rules', 'severities', 'source'];
    for (const file of PRESET_FILES) for (const key of Object.keys(rawPreset(file))) expect(known).toContain(key);
  });
});
