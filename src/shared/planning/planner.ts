/**
 * Plans callback tasks from deliveries, first purchases, closed issues, periodic plans and
 * campaigns (DOMAIN.md "Callback types"). Pure: the caller passes `now` and what already exists.
 *
 * Public API:
 *   planCallbacks(input: PlanInput): PlanResult
 *   purposeOf(purposeKey): string
 *
 * Idempotency. Every task has a stable purposeKey, the unit of idempotency:
 *   routine_early:<purchaseId>  routine_stable:<purchaseId>  routine_long_term:<purchaseId>
 *   new_customer:<customerId>
 *   post_resolution:<ticketId>:<closedAt>    one per closing: a reopened, closed-again issue gets another
 *   satisfaction:<customerId>:<yyyy-MM>      yyyy-MM is the month its period starts
 *   key_customer:<customerId>:<yyyy-MM>
 *   campaign:<campaignId>:<customerId>
 * A key in `existingKeys` (every task ever planned, open or done) is never planned again, so a
 * delivery's routine callbacks happen once ever, and planning again with the tasks a run created
 * creates nothing. One open task per purpose: purposeOf(key) drops the period of periodic keys and
 * the closing of post-resolution keys, and no second task is planned while one is open.
 *
 * Due windows are local dates in the customer's time zone, from the first instant of the first
 * day to the last millisecond of the last day (dueEnd is inclusive). A window starts on its first
 * working date (nobody calls on a holiday); when every date in it is off (weekends, holidays),
 * it moves to the next working date and the task says `extended`. Working dates are the
 * calendar's, by date (local-dates.ts).
 *
 * Cutoff: a task whose window ended before `now` (dueEnd < now) is not planned; the skip says
 * window_passed. A delivery two years ago gets no +7 d callback; one whose window is running
 * today is planned with its real window (dueStart may be in the past).
 *
 * Key customers are those matching any of the rules' keyCustomers filters; `pastComplaint` in a
 * filter matches a customer with a closed complaint among the closed issues or in the history.
 *
 * Periodic plans (satisfaction, key customers) plan one occurrence per run: the period containing
 * today when its window has not ended, else the next period. Campaigns plan for every matching
 * customer.
 *
 * Priority (1 most urgent .. 5): base minus the weights of what applies: a recent repair, a low
 * past satisfaction, a key customer, a post-resolution callback, a closed complaint or repair.
 * Tasks come out sorted by priority, then due end, then key: the order of the day's work.
 */
import type { CompiledCalendar } from '../calendar/working-time';
import type { CallbackType, CustomerTier } from '../domain/model';
import type { Scenario, TicketKind } from '../tickets/ticket-model';
import {
  addDays,
  firstWorkingDateIn,
  isIsoDate,
  isTimeZone,
  localDateIn,
  nthWorkingDateAfter,
  startOfLocalDate,
} from './local-dates';
import { PlanningError } from './planning-error';
import { keyCustomerFilters, matchesFilter, type CustomerFilter, type DayWindow, type PeriodicPlan, type PlanningRules } from './planning-rules';

export interface PlanCustomer {
  id: string;
  tier: CustomerTier;
  timeZone: string;
  tags: readonly string[];
  city: string;
  /** The first purchase per the CRM, when it predates the purchases given; else the earliest given counts. */
  firstPurchaseDate?: string | null;
}

export interface PlanPurchase {
  id: string;
  customerId: string;
  productLine: string;
  model: string;
  purchaseDate: string;
  /** null: not delivered yet, so no routine callbacks yet. */
  deliveryDate: string | null;
}

export interface PlanClosedIssue {
  ticketId: string;
  customerId: string;
  purchaseId?: string | null;
  closedAt: number;
  kind: TicketKind;
  scenario: Scenario | null;
}

/** What the store knows of a customer's past, for priority. */
export interface CustomerHistory {
  customerId: string;
  /** The latest repair (service record, field visit) the issues given do not show. */
  lastRepairAt: number | null;
  /** The latest satisfaction score, 1..10. */
  lastSatisfaction: number | null;
  /** A complaint closed in the past (an issue here or an imported record): a key customer by seed 000/002. */
  pastComplaint?: boolean;
}

export interface PlanInput {
  rules: PlanningRules;
  calendar: CompiledCalendar;
  now: number;
  customers: readonly PlanCustomer[];
  purchases: readonly PlanPurchase[];
  closedIssues?: readonly PlanClosedIssue[];
  history?: readonly CustomerHistory[];
  /** Open tasks' purpose keys: no second task for the same purpose while one is open. */
  openTaskKeys?: Iterable<string>;
  /** Every purpose key ever planned, open or not; a Set, or a lookup into the store. */
  existingKeys?: { has(purposeKey: string): boolean };
}

export type PriorityFactor = 'recent_repair' | 'low_satisfaction' | 'key_customer' | 'post_resolution' | 'complaint_or_repair_closed';

export interface PlannedTask {
  purposeKey: string;
  customerId: string;
  purchaseId: string | null;
  ticketId: string | null;
  campaignId: string | null;
  type: CallbackType;
  /** The purchase's product line, for skills-based assignment. */
  productLine: string | null;
  dueStart: number;
  dueEnd: number;
  priority: number;
  priorityFactors: PriorityFactor[];
  /** The window's days were all off; it was moved to the next working date. */
  extended: boolean;
}

export type SkipReason =
  | 'already_planned'
  | 'open_task_for_purpose'
  | 'window_passed'
  | 'not_delivered'
  | 'unknown_customer'
  | 'duplicate_input';

export interface PlanResult {
  tasks: PlannedTask[];
  skipped: { purposeKey: string; reason: SkipReason }[];
}

const DAY_MS = 86_400_000;
/** Keys that end in an occurrence (a period, a closing) after their purpose. */
const WITH_OCCURRENCE = ['satisfaction:', 'key_customer:', 'post_resolution:'];

/** The purpose a key serves: periodic keys without their period, post-resolution keys without the closing. */
export function purposeOf(purposeKey: string): string {
  if (!WITH_OCCURRENCE.some((prefix) => purposeKey.startsWith(prefix))) return purposeKey;
  const last = purposeKey.lastIndexOf(':');
  return purposeKey.indexOf(':') < last ? purposeKey.slice(0, last) : purposeKey;
}

interface Window {
  dueStart: number;
  dueEnd: number;
  extended: boolean;
}

interface Candidate {
  purposeKey: string;
  customer: PlanCustomer;
  type: CallbackType;
  purchaseId?: string | null;
  productLine?: string | null;
  ticket?: PlanClosedIssue;
  campaignId?: string;
  window: () => Window;
}

export function planCallbacks(input: PlanInput): PlanResult {
  const { rules, calendar: cal, now } = input;
  if (!Number.isFinite(now)) throw new PlanningError('invalid_input', `now must be an epoch ms instant, got ${now}`);
  const customers = indexCustomers(input.customers);
  const purchases = checkPurchases(input.purchases);
  const issues = checkIssues(input.closedIssues ?? []);
  const facts = customerFacts(input, customers, purchases, issues);
  const existing = input.existingKeys ?? new Set<string>();
  const openPurposes = new Set([...(input.openTaskKeys ?? [])].map(purposeOf));
  const planned = new Set<string>();
  const result: PlanResult = { tasks: [], skipped: [] };

  // Local midnights and today's date repeat across thousands of customers; TZDate is the slow part of planning.
  const midnights = new Map<string, Map<string, number>>();
  const start = (zone: string, date: string): number => {
    let ofZone = midnights.get(zone);
    if (!ofZone) midnights.set(zone, (ofZone = new Map()));
    let at = ofZone.get(date);
    if (at === undefined) ofZone.set(date, (at = startOfLocalDate(zone, date)));
    return at;
  };
  const todays = new Map<string, string>();
  const today = (zone: string): string => {
    let date = todays.get(zone);
    if (date === undefined) todays.set(zone, (date = localDateIn(zone, now)));
    return date;
  };
  const end = (zone: string, date: string): number => start(zone, addDays(date, 1)) - 1;

  /** Dates from..to in the zone: from the first working date; all off -> the next working date. */
  const dateWindow = (zone: string, from: string, to: string): Window => {
    const first = firstWorkingDateIn(cal, from, to);
    if (first) return { dueStart: start(zone, first), dueEnd: end(zone, to), extended: false };
    const next = nthWorkingDateAfter(cal, to, 1);
    return { dueStart: start(zone, next), dueEnd: end(zone, next), extended: true };
  };
  // 100k deliveries fall on a few hundred dates: each (window rule, zone, date) is worked out once
  // (nested maps: building a string key per candidate cost more than the lookup).
  const anchored = new Map<DayWindow, Map<string, Map<string, Window>>>();
  const afterAnchor = (zone: string, anchor: string, days: DayWindow) => (): Window => {
    let ofDays = anchored.get(days);
    if (!ofDays) anchored.set(days, (ofDays = new Map()));
    let ofZone = ofDays.get(zone);
    if (!ofZone) ofDays.set(zone, (ofZone = new Map()));
    let window = ofZone.get(anchor);
    if (window === undefined) ofZone.set(anchor, (window = dateWindow(zone, addDays(anchor, days.fromDays), addDays(anchor, days.toDays))));
    return window;
  };

  const consider = (candidate: Candidate): void => {
    const { purposeKey } = candidate;
    if (existing.has(purposeKey)) return void result.skipped.push({ purposeKey, reason: 'already_planned' });
    if (planned.has(purposeKey)) return void result.skipped.push({ purposeKey, reason: 'duplicate_input' });
    const purpose = purposeOf(purposeKey);
    if (openPurposes.has(purpose)) return void result.skipped.push({ purposeKey, reason: 'open_task_for_purpose' });
    const window = candidate.window();
    if (window.dueEnd < now) return void result.skipped.push({ purposeKey, reason: 'window_passed' });
    planned.add(purposeKey);
    openPurposes.add(purpose);
    const { priority, factors } = prioritise(rules, facts, candidate, now);
    result.tasks.push({
      purposeKey,
      customerId: candidate.customer.id,
      purchaseId: candidate.purchaseId ?? candidate.ticket?.purchaseId ?? null,
      ticketId: candidate.ticket?.ticketId ?? null,
      campaignId: candidate.campaignId ?? null,
      type: candidate.type,
      productLine: candidate.productLine ?? null,
      dueStart: window.dueStart,
      dueEnd: window.dueEnd,
      priority,
      priorityFactors: factors,
      extended: window.extended,
    });
  };

  if (rules.routine.enabled) {
    const routine: [CallbackType, DayWindow][] = [
      ['routine_early', rules.routine.early],
      ['routine_stable', rules.routine.stable],
      ['routine_long_term', rules.routine.longTerm],
    ];
    for (const purchase of purchases) {
      const customer = customers.get(purchase.customerId);
      for (const [type, days] of routine) {
        const purposeKey = `${type}:${purchase.id}`;
        if (!customer) result.skipped.push({ purposeKey, reason: 'unknown_customer' });
        else if (purchase.deliveryDate === null) result.skipped.push({ purposeKey, reason: 'not_delivered' });
        else {
          const window = afterAnchor(customer.timeZone, purchase.deliveryDate, days);
          consider({ purposeKey, customer, type, purchaseId: purchase.id, productLine: purchase.productLine, window });
        }
      }
    }
  }

  if (rules.newCustomer.enabled) {
    const filter = rules.newCustomer.filter;
    for (const customer of customers.values()) {
      const first = facts.get(customer.id)?.firstPurchase;
      if (!first || (filter && !matches(filter, customer, facts))) continue;
      const window = afterAnchor(customer.timeZone, first.date, rules.newCustomer.window);
      consider({ purposeKey: `new_customer:${customer.id}`, customer, type: 'new_customer', purchaseId: first.purchaseId, productLine: first.productLine, window });
    }
  }

  if (rules.postResolution.enabled && issues.length > 0) {
    const lineOf = new Map(purchases.map((p) => [p.id, p.productLine]));
    for (const issue of issues) {
      const purposeKey = `post_resolution:${issue.ticketId}:${issue.closedAt}`;
      const customer = customers.get(issue.customerId);
      if (!customer) {
        result.skipped.push({ purposeKey, reason: 'unknown_customer' });
        continue;
      }
      const productLine = issue.purchaseId ? (lineOf.get(issue.purchaseId) ?? null) : null;
      // From the closing (earliest 0) or the start of the earliest-th working date after the
      // closing's local date, to the end of the latest-th: seed 003's "3 to 5 working days".
      const window = (): Window => {
        const { earliestWorkingDays: earliest, latestWorkingDays: latest } = rules.postResolution;
        const closedOn = localDateIn(customer.timeZone, issue.closedAt);
        const first = earliest === 0 ? issue.closedAt : start(customer.timeZone, nthWorkingDateAfter(cal, closedOn, earliest));
        return { dueStart: first, dueEnd: end(customer.timeZone, nthWorkingDateAfter(cal, closedOn, latest)), extended: false };
      };
      consider({ purposeKey, customer, type: 'post_resolution', ticket: issue, productLine, window });
    }
  }

  const periodic: [CallbackType, PeriodicPlan & { filters: readonly CustomerFilter[] }][] = [
    ['key_customer', { ...rules.keyCustomerPlan, filters: keyCustomerFilters(rules) }],
    ['satisfaction', { ...rules.satisfaction, filters: [rules.satisfaction.filter] }],
  ];
  for (const [type, plan] of periodic) {
    if (!plan.enabled) continue;
    for (const customer of customers.values()) {
      if (!plan.filters.some((filter) => matches(filter, customer, facts))) continue;
      const zone = customer.timeZone;
      let period = periodStart(today(zone), plan.everyMonths);
      let window = dateWindow(zone, period, addDays(period, plan.windowDays - 1));
      if (window.dueEnd < now) {
        period = addMonths(period, plan.everyMonths);
        window = dateWindow(zone, period, addDays(period, plan.windowDays - 1));
      }
      const chosen = window;
      consider({ purposeKey: `${type}:${customer.id}:${period.slice(0, 7)}`, customer, type, window: () => chosen });
    }
  }

  for (const campaign of rules.campaigns) {
    const last = addDays(campaign.date, campaign.windowDays - 1);
    for (const customer of customers.values()) {
      if (!matches(campaign.filter, customer, facts)) continue;
      const window = () => dateWindow(customer.timeZone, campaign.date, last);
      consider({ purposeKey: `campaign:${campaign.id}:${customer.id}`, customer, type: 'proactive_care', campaignId: campaign.id, window });
    }
  }

  result.tasks.sort((a, b) => a.priority - b.priority || a.dueEnd - b.dueEnd || (a.purposeKey < b.purposeKey ? -1 : a.purposeKey > b.purposeKey ? 1 : 0));
  return result;
}

/** A filter over the customer and what the store knows of them (lines bought, past complaints). */
function matches(filter: CustomerFilter, customer: PlanCustomer, facts: ReadonlyMap<string, Facts>): boolean {
  const fact = facts.get(customer.id);
  return matchesFilter(filter, customer, fact?.lines ?? [], fact?.pastComplaint ?? false);
}

interface Facts {
  lines: Set<string>;
  pastComplaint: boolean;
  firstPurchase: { date: string; purchaseId: string | null; productLine: string | null } | null;
  lastRepairAt: number | null;
  lastSatisfaction: number | null;
}

function customerFacts(
  input: PlanInput,
  customers: ReadonlyMap<string, PlanCustomer>,
  purchases: readonly PlanPurchase[],
  issues: readonly PlanClosedIssue[],
): Map<string, Facts> {
  const facts = new Map<string, Facts>();
  for (const customer of customers.values()) {
    const first = customer.firstPurchaseDate ?? null;
    facts.set(customer.id, {
      lines: new Set(),
      firstPurchase: first === null ? null : { date: first, purchaseId: null, productLine: null },
      lastRepairAt: null,
      lastSatisfaction: null,
      pastComplaint: false,
    });
  }
  for (const purchase of purchases) {
    const fact = facts.get(purchase.customerId);
    if (!fact) continue;
    fact.lines.add(purchase.productLine);
    const first = fact.firstPurchase;
    // The CRM's own first-purchase date wins; among the purchases given, the earliest (then the smallest id) is first.
    if (customers.get(purchase.customerId)?.firstPurchaseDate) continue;
    if (!first || purchase.purchaseDate < first.date || (purchase.purchaseDate === first.date && purchase.id < (first.purchaseId ?? ''))) {
      fact.firstPurchase = { date: purchase.purchaseDate, purchaseId: purchase.id, productLine: purchase.productLine };
    }
  }
  const repairScenarios: readonly string[] = input.rules.priority.repairScenarios;
  for (const issue of issues) {
    const fact = facts.get(issue.customerId);
    if (fact && issue.scenario !== null && repairScenarios.includes(issue.scenario)) fact.lastRepairAt = Math.max(fact.lastRepairAt ?? -Infinity, issue.closedAt);
    if (fact && issue.kind === 'complaint' && issue.closedAt <= input.now) fact.pastComplaint = true;
  }
  (input.history ?? []).forEach((entry, index) => {
    const fact = facts.get(entry.customerId);
    if (!fact) return;
    if (entry.pastComplaint) fact.pastComplaint = true;
    if (entry.lastRepairAt !== null) {
      if (!Number.isFinite(entry.lastRepairAt)) throw invalid(`history[${index}].lastRepairAt`, 'must be an epoch ms instant or null', entry.lastRepairAt);
      fact.lastRepairAt = Math.max(fact.lastRepairAt ?? -Infinity, entry.lastRepairAt);
    }
    if (entry.lastSatisfaction !== null) {
      if (typeof entry.lastSatisfaction !== 'number' || entry.lastSatisfaction < 1 || entry.lastSatisfaction > 10) {
        throw invalid(`history[${index}].lastSatisfaction`, 'must be a score 1..10 or null', entry.lastSatisfaction);
      }
      fact.lastSatisfaction = entry.lastSatisfaction;
    }
  });
  return facts;
}

function prioritise(rules: PlanningRules, facts: ReadonlyMap<string, Facts>, candidate: Candidate, now: number): { priority: number; factors: PriorityFactor[] } {
  const { priority: p } = rules;
  const fact = facts.get(candidate.customer.id);
  const factors: PriorityFactor[] = [];
  const repairAt = fact?.lastRepairAt ?? null;
  if (repairAt !== null && repairAt <= now && now - repairAt <= p.recentRepairDays * DAY_MS) factors.push('recent_repair');
  if (fact?.lastSatisfaction != null && fact.lastSatisfaction < p.lowSatisfactionBelow) factors.push('low_satisfaction');
  if (keyCustomerFilters(rules).some((filter) => matches(filter, candidate.customer, facts))) factors.push('key_customer');
  const ticket = candidate.ticket;
  if (ticket) {
    factors.push('post_resolution');
    if (ticket.kind === 'complaint' || (ticket.scenario !== null && (p.repairScenarios as readonly string[]).includes(ticket.scenario))) {
      factors.push('complaint_or_repair_closed');
    }
  }
  let score = 0;
  for (const factor of factors) score += WEIGHT_OF[factor](p.weights);
  return { priority: Math.min(5, Math.max(1, p.base - score)), factors };
}

const WEIGHT_OF: Record<PriorityFactor, (w: PlanningRules['priority']['weights']) => number> = {
  recent_repair: (w) => w.recentRepair,
  low_satisfaction: (w) => w.lowSatisfaction,
  key_customer: (w) => w.keyCustomer,
  post_resolution: (w) => w.postResolution,
  complaint_or_repair_closed: (w) => w.complaintOrRepairClosed,
};

/** The first day of the period (periods start on 1 January and last everyMonths months). */
function periodStart(date: string, everyMonths: number): string {
  const month = Number(date.slice(5, 7));
  const first = Math.floor((month - 1) / everyMonths) * everyMonths + 1;
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

function addMonths(firstOfMonth: string, months: number): string {
  const index = Number(firstOfMonth.slice(0, 4)) * 12 + Number(firstOfMonth.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function invalid(field: string, problem: string, value: unknown): PlanningError {
  return new PlanningError('invalid_input', `${field}: ${problem}, got ${JSON.stringify(value)}`);
}

function indexCustomers(customers: readonly PlanCustomer[]): Map<string, PlanCustomer> {
  const byId = new Map<string, PlanCustomer>();
  customers.forEach((customer, index) => {
    if (typeof customer.id !== 'string' || customer.id === '') throw invalid(`customers[${index}].id`, 'must be a non-empty id', customer.id);
    if (byId.has(customer.id)) throw invalid(`customers[${index}].id`, 'is listed twice', customer.id);
    if (!isTimeZone(customer.timeZone)) throw invalid(`customers[${index}].timeZone`, 'must be an IANA time zone, e.g. Asia/Shanghai', customer.timeZone);
    if (customer.firstPurchaseDate != null && !isIsoDate(customer.firstPurchaseDate)) {
      throw invalid(`customers[${index}].firstPurchaseDate`, 'must be a date written yyyy-MM-dd or null', customer.firstPurchaseDate);
    }
    byId.set(customer.id, customer);
  });
  return byId;
}

function checkPurchases(purchases: readonly PlanPurchase[]): readonly PlanPurchase[] {
  purchases.forEach((purchase, index) => {
    if (!isIsoDate(purchase.purchaseDate)) throw invalid(`purchases[${index}].purchaseDate`, 'must be a date written yyyy-MM-dd', purchase.purchaseDate);
    if (purchase.deliveryDate !== null && !isIsoDate(purchase.deliveryDate)) {
      throw invalid(`purchases[${index}].deliveryDate`, 'must be a date written yyyy-MM-dd or null', purchase.deliveryDate);
    }
  });
  return purchases;
}

function checkIssues(issues: readonly PlanClosedIssue[]): readonly PlanClosedIssue[] {
  issues.forEach((issue, index) => {
    if (!Number.isSafeInteger(issue.closedAt)) throw invalid(`closedIssues[${index}].closedAt`, 'must be an epoch ms instant', issue.closedAt);
  });
  return issues;
}
