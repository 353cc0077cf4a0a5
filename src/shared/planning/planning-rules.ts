/**
 * Callback planning rules as data (DOMAIN.md "Callback types"): when each callback is due, who
 * gets periodic and campaign callbacks, when customers may be called, how no-answers are
 * retried, how the day's work is prioritised, and the appointment SMS. The seeds' defaults ship
 * in resources/planning/default-rules.json.
 *
 * Public API:
 *   PlanningRules and its parts    zod schemas (strict) and their types
 *   parsePlanningRules(raw): PlanningRules                 throws PlanningError('invalid_rules')
 *   checkRulesAgainstCalendar(rules, cal): void            throws PlanningError('rules_calendar_mismatch')
 *   matchesFilter(filter, customer, productLines): boolean
 *   keyCustomerFilters(rules): CustomerFilter[]            the key-customer filters, any of which makes a key customer
 *
 * Day counts are calendar days on the customer's local dates ("delivery + 7 to 15 days"); only
 * the post-resolution callback counts working days, as seeds 000 and 003 say. Minutes of the day
 * are numbers 0..1440 (540 = 09:00), as in a customer's contact window.
 */
import { z } from 'zod';
import { IsoDate } from '../calendar/calendar-schema';
import type { CompiledCalendar } from '../calendar/working-time';
import { CustomerTier } from '../domain/model';
import { LocalizedText } from '../scripts/script-schema';
import { Scenario } from '../tickets/ticket-model';
import { PlanningError } from './planning-error';
import { placeholdersIn, SMS_PLACEHOLDERS } from './sms-template';

const Slug = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'ids are lower-case ascii, digits, - or _, starting with a letter');

const Days = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number of days` })
    .int(`${what} must be a whole number of days`)
    .min(min, min === 0 ? `${what} must not be negative` : `${what} must be at least ${min} (0 or less makes no window)`)
    .max(max, `${what} must be at most ${max} days`);

/** Local dates fromDays..toDays after an anchor date (delivery, purchase), both included. */
export const DayWindow = z
  .strictObject({ fromDays: Days('fromDays', 0, 3650), toDays: Days('toDays', 0, 3650) })
  .superRefine((w, ctx) => {
    if (w.toDays < w.fromDays) {
      ctx.addIssue({ code: 'custom', path: ['toDays'], message: `toDays (${w.toDays}) is before fromDays (${w.fromDays}): a window must end on or after its first day` });
    }
  });
export type DayWindow = z.infer<typeof DayWindow>;

const WorkingDays = (what: string, min: number) =>
  z
    .number({ error: `${what} must be a number of working days` })
    .int(`${what} must be whole working days`)
    .min(min, `${what} must be at least ${min}`)
    .max(30, `${what} must be at most 30`);

const NonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `${what}: leave the field out to match everyone; an empty list would match no one`).max(1000);

/** All given fields must match (AND); within a field any listed value matches (OR). */
export const CustomerFilter = z.strictObject({
  tiers: NonEmptyList(CustomerTier, 'tiers').optional(),
  /** Matches a customer with a purchase in one of these product lines. */
  productLines: NonEmptyList(z.string().min(1).max(100), 'productLines').optional(),
  cities: NonEmptyList(z.string().min(1).max(100), 'cities').optional(),
  tags: NonEmptyList(z.string().min(1).max(100), 'tags').optional(),
  /** Matches a customer with a closed complaint on record (an issue closed here, or an imported complaint record): seeds 000/002's 历史投诉客户. */
  pastComplaint: z.literal(true, { error: 'pastComplaint is true (leave it out to match everyone)' }).optional(),
});
export type CustomerFilter = z.infer<typeof CustomerFilter>;

const EVERY_MONTHS = [1, 2, 3, 4, 6, 12];

/**
 * A callback every `everyMonths` months, in periods that start on 1 January (monthly = 1,
 * quarterly = 3), due in the first `windowDays` local days of each period.
 */
const periodicFields = {
  enabled: z.boolean().default(true),
  everyMonths: z
    .number({ error: 'everyMonths must be a number of months' })
    .int('everyMonths must be a whole number of months')
    .positive('everyMonths must be more than 0 (monthly = 1, quarterly = 3)')
    .refine((n) => EVERY_MONTHS.includes(n), 'everyMonths must divide the year: 1, 2, 3, 4, 6 or 12 (monthly = 1, quarterly = 3)'),
  windowDays: Days('windowDays', 1, 366),
};

const fitsPeriod = (plan: { everyMonths: number; windowDays: number }, ctx: z.RefinementCtx): void => {
  // 28 days per month is the shortest period; a longer window would run into the next period's.
  if (plan.windowDays > plan.everyMonths * 28) {
    ctx.addIssue({
      code: 'custom',
      path: ['windowDays'],
      message: `windowDays (${plan.windowDays}) is longer than the shortest period of ${plan.everyMonths} month(s) (${plan.everyMonths * 28} days): periods would overlap`,
    });
  }
};

/** The key-customer plan (重点客户维护): its customers are the rules' keyCustomers. */
export const PeriodicPlan = z.strictObject(periodicFields).superRefine(fitsPeriod);
export type PeriodicPlan = z.infer<typeof PeriodicPlan>;

/** Periodic satisfaction callbacks (定期满意度) for the customers the filter matches, e.g. regular ones. */
export const FilteredPeriodicPlan = z.strictObject({ ...periodicFields, filter: CustomerFilter }).superRefine(fitsPeriod);
export type FilteredPeriodicPlan = z.infer<typeof FilteredPeriodicPlan>;

export const CAMPAIGN_PURPOSES = ['holiday_greeting', 'product_upgrade', 'policy_change', 'service_upgrade'] as const;

/** Proactive care (主动关怀): one callback per matching customer, due from a local date. */
export const Campaign = z.strictObject({
  id: Slug,
  name: LocalizedText,
  purpose: z.enum(CAMPAIGN_PURPOSES),
  date: IsoDate,
  windowDays: Days('windowDays', 1, 90),
  filter: CustomerFilter,
});
export type Campaign = z.infer<typeof Campaign>;

const Minute = (what: string) =>
  z
    .number({ error: `${what} must be a minute of the day, 0..1440 (540 = 09:00)` })
    .int(`${what} must be a whole minute of the day (540 = 09:00)`)
    .min(0, `${what} must be a minute of the day, 0..1440 (540 = 09:00)`)
    .max(1440, `${what} must be a minute of the day, 0..1440 (540 = 09:00)`);

/**
 * Minutes of the customer's local day when they may be called, on the listed ISO weekdays
 * (1 = Monday). Swapped working days (调休) use the Monday windows, as the calendar uses Monday hours.
 */
export const CallingWindow = z
  .strictObject({
    weekdays: z
      .array(z.number().int().min(1, 'weekdays are 1 (Monday) to 7 (Sunday)').max(7, 'weekdays are 1 (Monday) to 7 (Sunday)'))
      .min(1, 'a calling window needs at least one weekday (1 = Monday ... 7 = Sunday)')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'a weekday is listed twice'),
    start: Minute('start'),
    end: Minute('end'),
  })
  .superRefine((w, ctx) => {
    if (w.end <= w.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `end (${hhmm(w.end)}) is not after start (${hhmm(w.start)}): a calling window must end after it starts, within one day` });
    }
  });
export type CallingWindow = z.infer<typeof CallingWindow>;

/** After the n-th unanswered call, steps[n - 1] says when to call again. */
export const RetryStep = z.discriminatedUnion(
  'kind',
  [
    /** Elapsed hours, then moved into the next calling window. */
    z.strictObject({
      kind: z.literal('hours'),
      hours: z.number({ error: 'hours must be a number' }).positive('hours must be more than 0').max(168, 'hours must be at most a week (168)'),
    }),
    /** The n-th working day after today, at its first calling window. */
    z.strictObject({ kind: z.literal('working_days'), days: Days('days', 1, 30) }),
  ],
  { error: 'a retry step is { "kind": "hours", "hours": 2 } or { "kind": "working_days", "days": 1 }' },
);
export type RetryStep = z.infer<typeof RetryStep>;

/** steps.length retries after the first call; then the customer is unreachable. */
export const RetryRules = z.strictObject({ steps: z.array(RetryStep).max(10, 'at most 10 retries') });
export type RetryRules = z.infer<typeof RetryRules>;

const Weight = z.number().int('weights are whole numbers 0..4').min(0, 'weights are whole numbers 0..4').max(4, 'weights are whole numbers 0..4');

/** priority = base - (sum of the weights that apply), kept within 1 (most urgent) ..5. */
export const PriorityRules = z.strictObject({
  base: z.number().int().min(1, 'base is a priority 1..5').max(5, 'base is a priority 1..5'),
  /** A repair (closed issue of one of these scenarios, or a repair record) this many days before now counts as recent. */
  recentRepairDays: Days('recentRepairDays', 1, 3650),
  repairScenarios: NonEmptyList(Scenario, 'repairScenarios'),
  /** A past satisfaction score (1..10) below this is low, e.g. 7. */
  lowSatisfactionBelow: z
    .number({ error: 'lowSatisfactionBelow must be a score' })
    .gt(1, 'lowSatisfactionBelow must be above 1: scores are 1..10, no score would be low')
    .max(10, 'lowSatisfactionBelow must be at most 10: scores are 1..10'),
  weights: z.strictObject({
    recentRepair: Weight,
    lowSatisfaction: Weight,
    keyCustomer: Weight,
    /** Any post-resolution callback: the customer just had a problem. */
    postResolution: Weight,
    /** On top of postResolution when the closed issue was a complaint or a repair (seed 004: those first). */
    complaintOrRepairClosed: Weight,
  }),
});
export type PriorityRules = z.infer<typeof PriorityRules>;

export const SmsRules = z.strictObject({
  /** The appointment message; {{time}} is said relative to the day it is sent (明天 10:00). */
  appointment: LocalizedText,
  /**
   * It goes to the outbox at this minute of the customer's local day before the call (600 =
   * 10:00), as the scripts promise; a call booked later than that (or for today) gets it at once.
   */
  dayBeforeAt: Minute('dayBeforeAt').default(600),
});
export type SmsRules = z.infer<typeof SmsRules>;

export const PlanningRules = z
  .strictObject({
    id: Slug,
    name: LocalizedText,
    /** Where the values come from, for the people who change them. */
    source: z.string().min(1).max(4000),
    routine: z.strictObject({
      enabled: z.boolean().default(true),
      /** 使用初期, 稳定期, 长期体验: days after delivery. */
      early: DayWindow,
      stable: DayWindow,
      longTerm: DayWindow,
    }),
    /** First callback after a customer's first purchase (seed 002: within 3 days). */
    newCustomer: z.strictObject({ enabled: z.boolean().default(true), window: DayWindow, filter: CustomerFilter.optional() }),
    /**
     * A window of working dates after the closing's local date (seed 000: within 3, i.e. 0..3;
     * seed 003: 3 to 5). earliestWorkingDays 0 opens it at the closing itself; N opens it at the
     * start of the N-th working date after; it ends with the latestWorkingDays-th working date.
     */
    postResolution: z
      .strictObject({
        enabled: z.boolean().default(true),
        earliestWorkingDays: WorkingDays('earliestWorkingDays', 0).default(0),
        latestWorkingDays: WorkingDays('latestWorkingDays', 1),
      })
      .superRefine((w, ctx) => {
        if (w.latestWorkingDays < w.earliestWorkingDays) {
          ctx.addIssue({ code: 'custom', path: ['latestWorkingDays'], message: `latestWorkingDays (${w.latestWorkingDays}) is before earliestWorkingDays (${w.earliestWorkingDays}): a window must end on or after it opens` });
        }
      }),
    /**
     * Who counts as a key customer: the key-customer plan, priority and senior assignment use it.
     * One filter, or a list of which any may match (high value OR past complaint, seed 000).
     */
    keyCustomers: z.preprocess(
      (value) => (Array.isArray(value) || value === undefined ? value : [value]),
      z.array(CustomerFilter).min(1, 'give at least one filter (one object, or a list of which any may match)').max(20),
    ),
    keyCustomerPlan: PeriodicPlan,
    satisfaction: FilteredPeriodicPlan,
    campaigns: z.array(Campaign).max(200),
    callingWindows: z.array(CallingWindow).min(1, 'at least one calling window is needed, or no call could ever be placed').max(50),
    retry: RetryRules,
    priority: PriorityRules,
    sms: SmsRules,
  })
  .superRefine((rules, ctx) => {
    const ids = new Map<string, number>();
    rules.campaigns.forEach((campaign, index) => {
      const first = ids.get(campaign.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['campaigns', index, 'id'], message: `campaign id "${campaign.id}" is already used by campaigns.${first}; ids must be unique` });
      } else ids.set(campaign.id, index);
    });
    rules.callingWindows.forEach((window, index) => {
      for (let other = 0; other < index; other++) {
        const earlier = rules.callingWindows[other];
        if (!earlier) continue;
        const shared = window.weekdays.filter((day) => earlier.weekdays.includes(day));
        if (shared.length > 0 && window.start < earlier.end && earlier.start < window.end) {
          ctx.addIssue({
            code: 'custom',
            path: ['callingWindows', index],
            message: `${hhmm(window.start)}-${hhmm(window.end)} overlaps callingWindows.${other} (${hhmm(earlier.start)}-${hhmm(earlier.end)}) on weekday ${shared.join(', ')}`,
          });
        }
      }
    });
    for (const [language, text] of Object.entries(rules.sms.appointment)) {
      if (text === undefined) continue;
      const used = placeholdersIn(text);
      const unknown = used.filter((name) => !(SMS_PLACEHOLDERS as readonly string[]).includes(name));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['sms', 'appointment', language],
          message: `unknown placeholder ${unknown.map((n) => `"{{${n}}}"`).join(', ')}; use ${SMS_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
        });
      } else if (!used.includes('time')) {
        ctx.addIssue({ code: 'custom', path: ['sms', 'appointment', language], message: 'the appointment message must say when: it needs {{time}}' });
      }
    }
  });
export type PlanningRules = z.infer<typeof PlanningRules>;

/** Validates parsed rules; the message names the first problem and its path. */
export function parsePlanningRules(raw: unknown): PlanningRules {
  const parsed = PlanningRules.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  const first = issues[0];
  throw new PlanningError('invalid_rules', `planning rules: ${first?.path ?? '(root)'}: ${first?.message ?? 'invalid'}`, issues);
}

/**
 * Checks what only the calendar can tell: every calling window must fall on a weekday the
 * calendar works, else it could never be used (but for the odd swapped day, which uses the
 * Monday windows anyway). A worked weekday without a window is allowed: a centre may work
 * Saturdays without calling customers then.
 */
export function checkRulesAgainstCalendar(rules: PlanningRules, cal: CompiledCalendar): void {
  const worked = [1, 2, 3, 4, 5, 6, 7].filter((day) => cal.def.weekly[String(day) as keyof typeof cal.def.weekly].length > 0);
  const issues: { path: string; message: string }[] = [];
  rules.callingWindows.forEach((window, index) => {
    if (!window.weekdays.some((day) => worked.includes(day))) {
      issues.push({
        path: `callingWindows.${index}.weekdays`,
        message: `${hhmm(window.start)}-${hhmm(window.end)} is only on weekday ${window.weekdays.join(', ')}, which calendar ${cal.id} never works (it works ${worked.join(', ')}): it can never fall on a working day`,
      });
    }
  });
  const first = issues[0];
  if (first) throw new PlanningError('rules_calendar_mismatch', `planning rules: ${first.path}: ${first.message}`, issues);
}

/** What a filter needs to know of a customer. */
export interface FilterSubject {
  tier: string;
  city: string;
  tags: readonly string[];
  /** A closed complaint is on record; unknown counts as none. */
  pastComplaint?: boolean;
}

/** The key-customer filters (a single one in the file is read as a list of one): any match makes a key customer. */
export function keyCustomerFilters(rules: Pick<PlanningRules, 'keyCustomers'>): readonly CustomerFilter[] {
  return rules.keyCustomers;
}

/** Omitted fields match everyone; productLines are the lines the customer has bought. */
export function matchesFilter(
  filter: CustomerFilter,
  customer: FilterSubject,
  productLines: ReadonlySet<string> | readonly string[],
  pastComplaint = customer.pastComplaint ?? false,
): boolean {
  if (filter.tiers && !(filter.tiers as readonly string[]).includes(customer.tier)) return false;
  if (filter.cities && !filter.cities.includes(customer.city)) return false;
  if (filter.tags && !filter.tags.some((tag) => customer.tags.includes(tag))) return false;
  if (filter.pastComplaint && !pastComplaint) return false;
  if (filter.productLines) {
    const lines = productLines instanceof Set ? productLines : new Set(productLines as readonly string[]);
    if (!filter.productLines.some((line) => lines.has(line))) return false;
  }
  return true;
}

/** 540 -> '09:00', for messages. */
export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
