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
const valid = () => ({
  id: 'test-policy',
  name: { 'zh-CN': '测试', en: 'Test' },
  source: 'test',
  severities: [
    { key: 'general', label, responseMinutes: 120, resolutionMinutes: null, clock: 'working' },
    { key: 'urgent', label, responseMinutes: 30, resolutionMinutes: 240, clock: 'calendar' },
  ] as Record<string, unknown>[],
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
      Object.fromEntries(preset(file).severities.map((s) => [s.key, [s.responseMinutes, s.resolutionMinutes, s.clock]]));
    expect(minutes('000.json')).toEqual({
      general: [1440, null, 'working'],
      major: [240, 2880, 'working'],
      urgent: [120, null, 'calendar'],
    });
    expect(minutes('001.json')).toEqual({ urgent: [30, null, 'calendar'], general: [120, null, 'working'], consulting: [60, null, 'working'] });
    expect(minutes('002.json')).toEqual({ urgent: [120, 2880, 'calendar'], general: [240, 2880, 'working'], routine: [1440, 2880, 'working'] });
    expect(minutes('004.json')).toEqual({ general: [null, 240, 'working'], urgent: [120, 1440, 'calendar'], critical: [15, 120, 'calendar'] });
    expect(findSeverity(preset('000.json'), 'urgent').escalateAtRegistration).toBe(true);
    expect(findSeverity(preset('000.json'), 'urgent').escalation[0]).toMatchObject({ level: 1, role: 'lead' });
    expect(findSeverity(preset('001.json'), 'general').escalation.map((e) => [e.level, e.role, e.withinMinutes])).toEqual([
      [1, 'agent', 60],
      [2, 'lead', 1440],
      [3, 'manager', 2880],
    ]);
  });

  it('fills in the default warnings and escalation', () => {
    const general = findSeverity(parseSlaPolicy(valid()), 'general');
    expect(general.warnings).toEqual({ fractionsLeft: [0.25], minutesLeft: [15] });
    expect(general.escalation).toEqual([]);
    expect(general.escalateAtRegistration).toBe(false);
  });

  it.each<[string, (p: ReturnType<typeof valid>) => void, string, RegExp]>([
    ['a zero target', (p) => (p.severities[0]!.responseMinutes = 0), 'severities.0.responseMinutes', /responseMinutes must be more than 0 minutes \(use null for no target\)/],
    ['a negative target', (p) => (p.severities[1]!.resolutionMinutes = -60), 'severities.1.resolutionMinutes', /resolutionMinutes must be more than 0/],
    ['a fractional target', (p) => (p.severities[0]!.responseMinutes = 1.5), 'severities.0.responseMinutes', /whole number of minutes/],
    ['a missing target', (p) => delete p.severities[0]!.responseMinutes, 'severities.0.responseMinutes', /must be a number of minutes, or null/],
    ['no target at all', (p) => (p.severities[0]!.responseMinutes = null), 'severities.0.responseMinutes', /needs a response or a resolution target/],
    ['an unknown clock', (p) => (p.severities[0]!.clock = 'business'), 'severities.0.clock', /./],
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
    for (const file of PRESET_FILES) expect(Object.keys(rawPreset(file)).sort()).toEqual(['defaultSeverity', 'id', 'name', 'severities', 'source']);
  });
});
