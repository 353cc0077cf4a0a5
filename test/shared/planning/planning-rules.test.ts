import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../src/shared/calendar/working-time';
import { PlanningError } from '../../../src/shared/planning/planning-error';
import { checkRulesAgainstCalendar, matchesFilter, parsePlanningRules } from '../../../src/shared/planning/planning-rules';
import { berlinNightDef } from '../calendar/calendars';
import { cn, defaultRules, rawDefaultRules } from './fixtures';

type Raw = Record<string, any>;

/** The default rules with one change; the first problem's message and every problem's path. */
function problem(change: (raw: Raw) => void): { message: string; paths: string[] } {
  const raw = rawDefaultRules() as Raw;
  change(raw);
  try {
    parsePlanningRules(raw);
  } catch (error) {
    if (!(error instanceof PlanningError)) throw error;
    expect(error.code).toBe('invalid_rules');
    return { message: error.message, paths: error.issues.map((i) => i.path) };
  }
  throw new Error('expected the rules to be rejected');
}

describe('the default planning rules', () => {
  it('load and carry the seeds\' values', () => {
    const rules = defaultRules();
    expect([rules.routine.early, rules.routine.stable, rules.routine.longTerm]).toEqual([
      { fromDays: 7, toDays: 15 },
      { fromDays: 30, toDays: 33 },
      { fromDays: 90, toDays: 97 },
    ]);
    expect(rules.newCustomer.window).toEqual({ fromDays: 1, toDays: 3 });
    // Seed 000: within 3 working days of closing, open from the closing itself.
    expect(rules.postResolution).toMatchObject({ earliestWorkingDays: 0, latestWorkingDays: 3 });
    expect(rules.satisfaction).toMatchObject({ everyMonths: 3, filter: { tiers: ['regular'] } });
    // Seeds 000/002: high-value customers and customers with past complaints.
    expect(rules.keyCustomers).toEqual([{ tiers: ['high_value'] }, { pastComplaint: true }]);
    expect(rules.callingWindows.map((w) => [w.start, w.end])).toEqual([
      [540, 720],
      [840, 1080],
    ]);
    expect(rules.retry.steps).toEqual([
      { kind: 'hours', hours: 2 },
      { kind: 'working_days', days: 1 },
      { kind: 'working_days', days: 2 },
    ]);
    expect(rules.priority.lowSatisfactionBelow).toBe(7);
    expect(rules.sms.appointment['zh-CN']).toContain('{{time}}');
    expect(rules.sms.appointment['zh-TW']).toBeTruthy();
    expect(() => checkRulesAgainstCalendar(rules, cn)).not.toThrow();
  });

  it('fill in enabled when a deployment leaves it out', () => {
    const raw = rawDefaultRules() as Raw;
    delete raw.satisfaction.enabled;
    expect(parsePlanningRules(raw).satisfaction.enabled).toBe(true);
  });
});

describe('bad rules get a clear message naming the field', () => {
  it('rejects a calling window that ends before it starts', () => {
    expect(problem((r) => (r.callingWindows[1] = { weekdays: [1, 2, 3, 4, 5], start: 1080, end: 840 })).message).toBe(
      'planning rules: callingWindows.1.end: end (14:00) is not after start (18:00): a calling window must end after it starts, within one day',
    );
  });

  it('rejects minutes outside 0..1440', () => {
    expect(problem((r) => (r.callingWindows[0].end = 1500)).message).toBe('planning rules: callingWindows.0.end: end must be a minute of the day, 0..1440 (540 = 09:00)');
    expect(problem((r) => (r.callingWindows[0].start = -60)).message).toBe('planning rules: callingWindows.0.start: start must be a minute of the day, 0..1440 (540 = 09:00)');
    expect(problem((r) => (r.callingWindows[0].start = '09:00')).paths).toEqual(['callingWindows.0.start']);
  });

  it('rejects overlapping windows, bad weekdays and no window at all', () => {
    expect(problem((r) => r.callingWindows.push({ weekdays: [5, 6], start: 690, end: 780 })).message).toBe(
      'planning rules: callingWindows.2: 11:30-13:00 overlaps callingWindows.0 (09:00-12:00) on weekday 5',
    );
    expect(problem((r) => (r.callingWindows[0].weekdays = [0, 1])).message).toBe('planning rules: callingWindows.0.weekdays.0: weekdays are 1 (Monday) to 7 (Sunday)');
    expect(problem((r) => (r.callingWindows[0].weekdays = [])).message).toMatch(/a calling window needs at least one weekday/);
    expect(problem((r) => (r.callingWindows = [])).message).toBe('planning rules: callingWindows: at least one calling window is needed, or no call could ever be placed');
  });

  it('rejects a calling window that can never fall on a working day of the calendar', () => {
    const rules = defaultRules();
    rules.callingWindows.push({ weekdays: [6, 7], start: 600, end: 660 });
    try {
      checkRulesAgainstCalendar(rules, cn);
      throw new Error('expected a mismatch');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanningError);
      expect((error as PlanningError).code).toBe('rules_calendar_mismatch');
      expect((error as PlanningError).message).toBe(
        'planning rules: callingWindows.2.weekdays: 10:00-11:00 is only on weekday 6, 7, which calendar cn-mainland never works (it works 1, 2, 3, 4, 5): it can never fall on a working day',
      );
    }
    // A calendar that works every night works Saturdays too.
    expect(() => checkRulesAgainstCalendar(rules, compileCalendar(berlinNightDef()))).not.toThrow();
  });

  it('rejects impossible day windows and zero or negative intervals', () => {
    expect(problem((r) => (r.routine.early = { fromDays: 15, toDays: 7 })).message).toBe(
      'planning rules: routine.early.toDays: toDays (7) is before fromDays (15): a window must end on or after its first day',
    );
    expect(problem((r) => (r.routine.stable.fromDays = -3)).message).toBe('planning rules: routine.stable.fromDays: fromDays must not be negative');
    expect(problem((r) => (r.satisfaction.everyMonths = 0)).message).toBe('planning rules: satisfaction.everyMonths: everyMonths must be more than 0 (monthly = 1, quarterly = 3)');
    expect(problem((r) => (r.keyCustomerPlan.everyMonths = -1)).paths).toContain('keyCustomerPlan.everyMonths');
    expect(problem((r) => (r.satisfaction.everyMonths = 5)).message).toBe(
      'planning rules: satisfaction.everyMonths: everyMonths must divide the year: 1, 2, 3, 4, 6 or 12 (monthly = 1, quarterly = 3)',
    );
    expect(problem((r) => (r.keyCustomerPlan.windowDays = 0)).message).toBe('planning rules: keyCustomerPlan.windowDays: windowDays must be at least 1 (0 or less makes no window)');
    expect(problem((r) => (r.keyCustomerPlan.windowDays = 31)).message).toBe(
      'planning rules: keyCustomerPlan.windowDays: windowDays (31) is longer than the shortest period of 1 month(s) (28 days): periods would overlap',
    );
    expect(problem((r) => (r.postResolution.latestWorkingDays = 0)).message).toBe('planning rules: postResolution.latestWorkingDays: latestWorkingDays must be at least 1');
    expect(problem((r) => Object.assign(r.postResolution, { earliestWorkingDays: 5, latestWorkingDays: 3 })).message).toBe(
      'planning rules: postResolution.latestWorkingDays: latestWorkingDays (3) is before earliestWorkingDays (5): a window must end on or after it opens',
    );
    expect(problem((r) => (r.retry.steps[0].hours = 0)).message).toBe('planning rules: retry.steps.0.hours: hours must be more than 0');
    expect(problem((r) => (r.retry.steps[1] = { kind: 'days', days: 1 })).message).toBe(
      'planning rules: retry.steps.1.kind: a retry step is { "kind": "hours", "hours": 2 } or { "kind": "working_days", "days": 1 }',
    );
  });

  it('rejects duplicate campaign ids and empty filter lists', () => {
    const campaign = { id: 'spring-2027', name: { 'zh-CN': '春节', en: 'Spring Festival' }, purpose: 'holiday_greeting', date: '2027-02-01', windowDays: 5, filter: {} };
    expect(problem((r) => (r.campaigns = [campaign, { ...campaign, date: '2027-02-03' }])).message).toBe(
      'planning rules: campaigns.1.id: campaign id "spring-2027" is already used by campaigns.0; ids must be unique',
    );
    expect(problem((r) => (r.campaigns = [{ ...campaign, date: '2027-02-30' }])).paths).toEqual(['campaigns.0.date']);
    expect(problem((r) => (r.campaigns = [{ ...campaign, filter: { tags: [] } }])).message).toBe(
      'planning rules: campaigns.0.filter.tags: tags: leave the field out to match everyone; an empty list would match no one',
    );
    expect(problem((r) => (r.campaigns = [{ ...campaign, filter: { tier: ['regular'] } }])).paths).toEqual(['campaigns.0.filter']);
  });

  it('rejects unknown placeholders in the SMS template, and one that does not say when', () => {
    expect(problem((r) => (r.sms.appointment.en = 'Dear {{customerTitle}}, {{agentName}} calls you {{time}}.')).message).toBe(
      'planning rules: sms.appointment.en: unknown placeholder "{{agentName}}"; use {{customerTitle}}, {{time}}, {{company}}',
    );
    expect(problem((r) => (r.sms.appointment['zh-CN'] = '{{customerTitle}}您好，我们稍后来电。')).message).toBe(
      'planning rules: sms.appointment.zh-CN: the appointment message must say when: it needs {{time}}',
    );
  });

  it('takes one key-customer filter or a list of them, and checks the day-before SMS time', () => {
    const raw = rawDefaultRules() as Raw;
    raw.keyCustomers = { tiers: ['high_value'] };
    expect(parsePlanningRules(raw).keyCustomers).toEqual([{ tiers: ['high_value'] }]);
    expect(problem((r) => (r.keyCustomers = [])).message).toBe('planning rules: keyCustomers: give at least one filter (one object, or a list of which any may match)');
    expect(problem((r) => (r.keyCustomers = [{ pastComplaint: false }])).paths).toEqual(['keyCustomers.0.pastComplaint']);
    expect(problem((r) => (r.sms.dayBeforeAt = 1500)).message).toBe('planning rules: sms.dayBeforeAt: dayBeforeAt must be a minute of the day, 0..1440 (540 = 09:00)');
  });

  it('rejects unknown fields (a typo would otherwise be ignored)', () => {
    expect(problem((r) => (r.postResolution.latestWorkingdays = 5)).paths).toEqual(['postResolution']);
  });
});

describe('customer filters', () => {
  const subject = { tier: 'regular', city: '杭州', tags: ['vip-club'] };
  it('match all given fields, any value within a field', () => {
    expect(matchesFilter({}, subject, [])).toBe(true);
    expect(matchesFilter({ tiers: ['regular', 'high_value'], cities: ['杭州'] }, subject, [])).toBe(true);
    expect(matchesFilter({ tiers: ['regular'], cities: ['上海'] }, subject, [])).toBe(false);
    expect(matchesFilter({ tags: ['vip-club', 'complained'] }, subject, [])).toBe(true);
    expect(matchesFilter({ productLines: ['fridge'] }, subject, ['washer'])).toBe(false);
    expect(matchesFilter({ productLines: ['fridge'] }, subject, new Set(['washer', 'fridge']))).toBe(true);
  });
});
