/**
 * SLA policies as data: per severity, a response and a resolution target, each on its own clock
 * (calendar time for the seeds' hours, working time for their working days or where a lead says
 * so) with the seed rule it comes from; the policy's overall goal, rules beyond response and
 * resolution, warning points and escalation ladders.
 *
 * Public API:
 *   SlaPolicy, SlaSeverity        zod schemas (strict) and their types
 *   parseSlaPolicy(raw): SlaPolicy                 throws SlaError('invalid_policy')
 *   findSeverity(policy, key): SlaSeverity         throws SlaError('unknown_severity')
 *   applyClockOverrides(policy, overrides): SlaPolicy   a lead's calendar/working switch per target
 *   SlaError                      the one error class of src/shared/sla (a `code` says which)
 *
 * Errors are thrown, never returned, as in src/shared/calendar: a function gives a correct answer
 * or throws an SlaError whose message names the bad field. The API boundary turns it into data.
 */
import { z } from 'zod';
import { LocalizedText } from '../scripts/script-schema';

export type SlaErrorCode = 'invalid_policy' | 'unknown_severity' | 'invalid_input';

export class SlaError extends Error {
  constructor(
    readonly code: SlaErrorCode,
    message: string,
    /** For invalid_policy: every problem, with its path in the policy. */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'SlaError';
  }
}

const Slug = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'keys and ids are lower-case ascii, digits, - or _, starting with a letter');

const Minutes = (what: string) =>
  z
    .number({ error: `${what} must be a number of minutes, or null for no target` })
    .int(`${what} must be a whole number of minutes`)
    .positive(`${what} must be more than 0 minutes (use null for no target)`)
    .max(525_600, `${what} must be at most a year (525600 minutes)`);

export const ESCALATION_ROLES = ['agent', 'lead', 'manager'] as const;

/** calendar: every minute counts (the seeds' 小时); working: only the working calendar's hours (工作日, or a lead's choice). */
export const TargetClock = z.enum(['working', 'calendar']);
export type TargetClock = z.infer<typeof TargetClock>;

/** The seed and the rule in its words a target comes from, shown next to the deadline. */
export const TargetSource = z.strictObject({
  seed: z.enum(['000', '001', '002', '003', '004']),
  rule: LocalizedText,
});
export type TargetSource = z.infer<typeof TargetSource>;

const WorkingDays = z
  .number({ error: 'workingDays must be a whole number of working days' })
  .int('workingDays must be a whole number of working days')
  .min(1, 'workingDays must be at least 1')
  .max(60, 'workingDays must be at most 60');

/** One target: an amount of time on a clock, and where it comes from. */
const targetFields = {
  /** Minutes on `clock`; or `workingDays`: by the close of the n-th working day after the start. */
  minutes: Minutes('minutes').optional(),
  workingDays: WorkingDays.optional(),
  clock: TargetClock,
  source: TargetSource,
};

function checkAmount(target: { minutes?: number | undefined; workingDays?: number | undefined; clock: TargetClock }, ctx: z.RefinementCtx): void {
  if ((target.minutes === undefined) === (target.workingDays === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'a target has either minutes or workingDays (exactly one)' });
  }
  if (target.workingDays !== undefined && target.clock !== 'working') {
    ctx.addIssue({ code: 'custom', path: ['clock'], message: 'a target in working days runs on the working clock' });
  }
}

export const SlaTarget = z.strictObject(targetFields).superRefine(checkAmount);
export type SlaTarget = z.infer<typeof SlaTarget>;

/** Steps recorded on an issue's timeline that stop a rule's clock (field service, telling the customer, ...). */
export const TARGET_STARTS = ['received', 'registered', 'resolved'] as const;
export const TARGET_STOPS = ['registered', 'on_site', 'customer_told', 'supervisor_contacted', 'picked_up', 'refund_exchange_done'] as const;

/**
 * A rule beyond response and resolution: starts at receipt, registration or the solution's
 * execution and stops at a step (seed 002: tell the customer within 1 h after execution).
 */
export const SlaRule = z
  .strictObject({
    key: Slug,
    label: LocalizedText,
    ...targetFields,
    startsAt: z.enum(TARGET_STARTS),
    stopsAt: z.enum(TARGET_STOPS),
    /** Which issues it applies to; each list left out means all. */
    appliesTo: z
      .strictObject({
        kinds: z.array(z.enum(['complaint', 'service_request'])).min(1).optional(),
        scenarios: z.array(z.string().regex(/^[a-z_]+$/)).min(1).optional(),
        severities: z.array(Slug).min(1).optional(),
      })
      .default({}),
  })
  .superRefine(checkAmount);
export type SlaRule = z.infer<typeof SlaRule>;

const Escalation = z.strictObject({
  level: z.number().int().min(1, 'escalation levels are 1, 2 or 3').max(3, 'escalation levels are 1, 2 or 3'),
  role: z.enum(ESCALATION_ROLES),
  withinMinutes: Minutes('withinMinutes'),
  /** The seeds give these in hours: calendar time unless a policy says otherwise. */
  clock: TargetClock.default('calendar'),
  action: LocalizedText,
});
export type SlaEscalationStep = z.infer<typeof Escalation>;

const Warnings = z.strictObject({
  /** Warn when this share of the target is left, e.g. 0.25 = a quarter of the time left. */
  fractionsLeft: z
    .array(z.number().gt(0, 'fractionsLeft values lie strictly between 0 and 1').lt(1, 'fractionsLeft values lie strictly between 0 and 1'))
    .max(5)
    .default([0.25]),
  /** Warn when this many minutes (of the target's clock) are left. */
  minutesLeft: z.array(Minutes('minutesLeft')).max(5).default([15]),
});

const checkLadder = (steps: readonly { level: number; withinMinutes: number }[], path: string, ctx: z.RefinementCtx): void => {
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (previous && step.level <= previous.level) {
      ctx.addIssue({ code: 'custom', path: [path, index, 'level'], message: 'escalation levels must be listed once each, in rising order' });
    }
    if (previous && step.withinMinutes < previous.withinMinutes) {
      ctx.addIssue({ code: 'custom', path: [path, index, 'withinMinutes'], message: 'a higher escalation level cannot be due before a lower one' });
    }
  });
};

export const SlaSeverity = z
  .strictObject({
    key: Slug,
    label: LocalizedText,
    /** Null: the seed names no such target (a missing resolution falls back to the policy's goal). */
    response: SlaTarget.nullable(),
    resolution: SlaTarget.nullable(),
    warnings: Warnings.default({ fractionsLeft: [0.25], minutesLeft: [15] }),
    escalation: z.array(Escalation).max(3).default([]),
    /** Start the escalation ladder when the issue is registered ("report to the supervisor at once"), not only on a miss. */
    escalateAtRegistration: z.boolean().default(false),
  })
  .superRefine((severity, ctx) => {
    if (severity.response === null && severity.resolution === null) {
      ctx.addIssue({ code: 'custom', path: ['response'], message: 'a severity needs a response or a resolution target (both are null)' });
    }
    if (severity.escalateAtRegistration && severity.escalation.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['escalateAtRegistration'], message: 'escalateAtRegistration needs at least one escalation level' });
    }
    checkLadder(severity.escalation, 'escalation', ctx);
  });
export type SlaSeverity = z.infer<typeof SlaSeverity>;

/** Seed 001's three-level follow-up for a dissatisfied customer, the default of every preset. */
export const DEFAULT_DISSATISFIED_FOLLOW_UP: SlaEscalationStep[] = [
  { level: 1, role: 'agent', withinMinutes: 60, clock: 'calendar', action: { 'zh-CN': '专员 1 小时内致歉并了解诉求', en: 'The specialist apologises and hears the demand within 1 h', 'zh-TW': '專員 1 小時內致歉並了解訴求' } },
  { level: 2, role: 'lead', withinMinutes: 1440, clock: 'calendar', action: { 'zh-CN': '主管 24 小时内跟进解决方案', en: 'A supervisor follows up with a solution within 24 h', 'zh-TW': '主管 24 小時內跟進解決方案' } },
  { level: 3, role: 'manager', withinMinutes: 2880, clock: 'calendar', action: { 'zh-CN': '高级岗位 48 小时内确认闭环', en: 'A senior role confirms closure within 48 h', 'zh-TW': '高級崗位 48 小時內確認閉環' } },
];

export const SlaPolicy = z
  .strictObject({
    id: Slug,
    name: LocalizedText,
    /** Where the targets come from and why each uses its clock. */
    source: z.string().min(1).max(4000),
    /** The seed's overall goal: the resolution target of every tier whose table names none (000: handling <= 48 h). */
    goal: SlaTarget.nullable().default(null),
    severities: z.array(SlaSeverity).min(1, 'a policy needs at least one severity').max(20),
    defaultSeverity: Slug,
    /** Rules beyond response and resolution (intake, telling the customer, on-site arrival, return/exchange). */
    rules: z.array(SlaRule).max(20).default([]),
    /** The follow-up for a dissatisfied customer; seed 001's three levels unless the preset says otherwise. */
    dissatisfiedFollowUp: z.array(Escalation).min(1).max(3).default(DEFAULT_DISSATISFIED_FOLLOW_UP),
  })
  .superRefine((policy, ctx) => {
    const keys = new Set<string>();
    policy.severities.forEach((severity, index) => {
      if (keys.has(severity.key)) {
        ctx.addIssue({ code: 'custom', path: ['severities', index, 'key'], message: `severity key "${severity.key}" is used twice` });
      }
      keys.add(severity.key);
    });
    if (!keys.has(policy.defaultSeverity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultSeverity'],
        message: `defaultSeverity "${policy.defaultSeverity}" is not one of the severities (${[...keys].join(', ')})`,
      });
    }
    const ruleKeys = new Set<string>(['response', 'resolution']);
    policy.rules.forEach((rule, index) => {
      if (ruleKeys.has(rule.key)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'key'], message: `rule key "${rule.key}" is used twice or names a severity target` });
      ruleKeys.add(rule.key);
      for (const severity of rule.appliesTo.severities ?? []) {
        if (!keys.has(severity)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'appliesTo', 'severities'], message: `rule "${rule.key}" names an unknown severity "${severity}"` });
      }
    });
    checkLadder(policy.dissatisfiedFollowUp, 'dissatisfiedFollowUp', ctx);
  });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/**
 * A lead's switch of hour targets to working time (or back), for a centre not staffed around
 * the clock: keys are `<severity>.response`, `<severity>.resolution`, `goal` or `rule.<key>`.
 * Targets in working days stay on working time; unknown keys are ignored (an older setting).
 */
export type ClockOverrides = Readonly<Record<string, TargetClock>>;

export function applyClockOverrides(policy: SlaPolicy, overrides: ClockOverrides): SlaPolicy {
  const switched = <T extends SlaTarget | SlaRule>(target: T, key: string): T => {
    const clock = overrides[key];
    return clock && target.workingDays === undefined ? { ...target, clock } : target;
  };
  return {
    ...policy,
    goal: policy.goal ? switched(policy.goal, 'goal') : null,
    severities: policy.severities.map((s) => ({
      ...s,
      response: s.response ? switched(s.response, `${s.key}.response`) : null,
      resolution: s.resolution ? switched(s.resolution, `${s.key}.resolution`) : null,
    })),
    rules: policy.rules.map((r) => switched(r, `rule.${r.key}`)),
  };
}

/** Validates a parsed policy file; the message names the first problem and its path. */
export function parseSlaPolicy(raw: unknown): SlaPolicy {
  const parsed = SlaPolicy.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  const first = issues[0];
  throw new SlaError('invalid_policy', `SLA policy: ${first?.path ?? '(root)'}: ${first?.message ?? 'invalid'}`, issues);
}

export function findSeverity(policy: SlaPolicy, key: string): SlaSeverity {
  const severity = policy.severities.find((s) => s.key === key);
  if (!severity) {
    throw new SlaError('unknown_severity', `policy ${policy.id} has no severity "${key}" (it has ${policy.severities.map((s) => s.key).join(', ')})`);
  }
  return severity;
}

/** Every target of a policy by the keys applyClockOverrides takes, in the order a lead reads them. */
export function policyTargets(policy: SlaPolicy): { key: string; severity: string | null; target: SlaTarget | SlaRule }[] {
  const list: { key: string; severity: string | null; target: SlaTarget | SlaRule }[] = [];
  for (const s of policy.severities) {
    if (s.response) list.push({ key: `${s.key}.response`, severity: s.key, target: s.response });
    if (s.resolution) list.push({ key: `${s.key}.resolution`, severity: s.key, target: s.resolution });
  }
  if (policy.goal) list.push({ key: 'goal', severity: null, target: policy.goal });
  for (const r of policy.rules) list.push({ key: `rule.${r.key}`, severity: null, target: r });
  return list;
}
