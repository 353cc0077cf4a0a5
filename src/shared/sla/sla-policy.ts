/**
 * SLA policies as data: per severity, a response and a resolution target in minutes of working
 * or calendar time, warning points and an escalation ladder.
 *
 * Public API:
 *   SlaPolicy, SlaSeverity        zod schemas (strict) and their types
 *   parseSlaPolicy(raw): SlaPolicy                 throws SlaError('invalid_policy')
 *   findSeverity(policy, key): SlaSeverity         throws SlaError('unknown_severity')
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

const Escalation = z.strictObject({
  level: z.number().int().min(1, 'escalation levels are 1, 2 or 3').max(3, 'escalation levels are 1, 2 or 3'),
  role: z.enum(ESCALATION_ROLES),
  withinMinutes: Minutes('withinMinutes'),
  action: LocalizedText,
});

const Warnings = z.strictObject({
  /** Warn when this share of the target is left, e.g. 0.25 = a quarter of the time left. */
  fractionsLeft: z
    .array(z.number().gt(0, 'fractionsLeft values lie strictly between 0 and 1').lt(1, 'fractionsLeft values lie strictly between 0 and 1'))
    .max(5)
    .default([0.25]),
  /** Warn when this many minutes (of the severity's clock) are left. */
  minutesLeft: z.array(Minutes('minutesLeft')).max(5).default([15]),
});

export const SlaSeverity = z
  .strictObject({
    key: Slug,
    label: LocalizedText,
    responseMinutes: Minutes('responseMinutes').nullable(),
    resolutionMinutes: Minutes('resolutionMinutes').nullable(),
    /** working: only the working calendar's hours count; calendar: every minute counts. */
    clock: z.enum(['working', 'calendar']),
    warnings: Warnings.default({ fractionsLeft: [0.25], minutesLeft: [15] }),
    escalation: z.array(Escalation).max(3).default([]),
    /** Start the escalation ladder when the issue is registered ("report to the supervisor at once"), not only on a miss. */
    escalateAtRegistration: z.boolean().default(false),
  })
  .superRefine((severity, ctx) => {
    if (severity.responseMinutes === null && severity.resolutionMinutes === null) {
      ctx.addIssue({ code: 'custom', path: ['responseMinutes'], message: 'a severity needs a response or a resolution target (both are null)' });
    }
    if (severity.escalateAtRegistration && severity.escalation.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['escalateAtRegistration'], message: 'escalateAtRegistration needs at least one escalation level' });
    }
    severity.escalation.forEach((step, index) => {
      const previous = severity.escalation[index - 1];
      if (previous && step.level <= previous.level) {
        ctx.addIssue({ code: 'custom', path: ['escalation', index, 'level'], message: 'escalation levels must be listed once each, in rising order' });
      }
      if (previous && step.withinMinutes < previous.withinMinutes) {
        ctx.addIssue({ code: 'custom', path: ['escalation', index, 'withinMinutes'], message: 'a higher escalation level cannot be due before a lower one' });
      }
    });
  });
export type SlaSeverity = z.infer<typeof SlaSeverity>;

export const SlaPolicy = z
  .strictObject({
    id: Slug,
    name: LocalizedText,
    /** Where the targets come from and why each severity uses its clock. */
    source: z.string().min(1).max(4000),
    severities: z.array(SlaSeverity).min(1, 'a policy needs at least one severity').max(20),
    defaultSeverity: Slug,
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
  });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

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
