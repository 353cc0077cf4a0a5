/**
 * The SLA clock: where an issue stands against its policy's response and resolution targets.
 * Pure: the caller passes `now`, so the desktop core and the sync hub get the same answer.
 *
 * Public API:
 *   computeSla(input: SlaInput): SlaResult
 *   escalationSchedule(policy, severityKey, startedAt, calendar): EscalationDue[]
 *   SlaState, SlaThreshold, SlaTargetStatus, SlaRuleStatus, SlaStep, SlaPause, SlaInput, SlaResult, EscalationDue
 *
 * Rules:
 * - Each target runs on its own clock (policy data): calendar time for the seeds' hours, working
 *   time for their working days or where a lead switched it. It counts from its start
 *   (registeredAt for response and resolution). Time inside pauses (waiting for the customer)
 *   does not count; a pause with to = null is running now, and the clock resumes where it
 *   stopped when it ends. A target in working days is due at the close of the n-th working day
 *   after its start, and counts the working time up to there.
 * - A severity without a resolution target takes the policy's goal (seed 000: handling <= 48 h).
 * - Rules (policy.rules) apply by kind, scenario and severity. They start at receipt,
 *   registration or the solution's execution (resolvedAt) and stop at the first step recorded
 *   at or after their start (on site, customer told, ...). A rule whose start has not happened
 *   is listed with state none. A rule started at receipt and stopped by registration measures
 *   the gap only: it is met or breached, and has no thresholds to alert on.
 * - dueAt is the instant the target is used up given the pauses so far. Stopping at or before
 *   dueAt is met; otherwise the target is breached from dueAt on (the breach threshold's `at`).
 * - remainingMs is the target minus the time used, in the clock's ms. It is negative once a
 *   breach has lasted some clock time; on a working clock it stays 0 through the nights and
 *   weekends right after a missed due, so read `state` for breached, not the sign.
 * - The response target stops at respondedAt, or at resolvedAt when the issue was resolved
 *   without a separate response; the resolution target stops at resolvedAt.
 * - States: none (no target), running, at_risk (a warning has passed), paused (no dueAt, no
 *   thresholds), met, breached. A target used up before a pause began stays breached.
 * - Thresholds (warnings and the breach) are listed for running, at_risk and breached targets,
 *   past or future, with stable ids such as 'response:left-25pct', 'response:left-15m',
 *   'response:breach'. A minutes-left warning as long as the target itself is left out.
 * - Changing severity: call computeSla again with the new severity key and the same
 *   registeredAt; the caller keeps registeredAt, the targets follow the new severity.
 * - now before registeredAt (clock skew between machines) counts as registeredAt.
 * - Bad input throws SlaError: 'unknown_severity' or 'invalid_input' with the field named.
 */
import { addByClock, endOfNthWorkingDay, msBetweenByClock, type ClockKind, type CompiledCalendar } from '../calendar/working-time';
import {
  findSeverity,
  SlaError,
  type SlaPolicy,
  type SlaRule,
  type SlaSeverity,
  type SlaTarget,
  type TargetSource,
} from './sla-policy';
import type { LocalizedText } from '../scripts/script-schema';

export type SlaState = 'none' | 'running' | 'at_risk' | 'paused' | 'met' | 'breached';

export interface SlaThreshold {
  kind: 'warning' | 'breach';
  id: string;
  at: number;
}

export interface SlaTargetStatus {
  /** The clock this target runs on, and the seed rule it comes from (null when there is no target). */
  clock: ClockKind | null;
  source: TargetSource | null;
  targetMs: number | null;
  dueAt: number | null;
  /** Null when there is no target. */
  remainingMs: number | null;
  state: SlaState;
  thresholds: SlaThreshold[];
}

/** Waiting for the customer from `from` until `to` (null: still waiting). */
export interface SlaPause {
  from: number;
  to: number | null;
}

/** A step recorded on the timeline that may stop a rule (the first at or after its start counts). */
export interface SlaStep {
  /** One of the rules' stops (TARGET_STOPS) or another step (departed, ...), which stops nothing. */
  step: string;
  at: number;
}

export interface SlaRuleStatus extends SlaTargetStatus {
  key: string;
  label: LocalizedText;
  startsAt: SlaRule['startsAt'];
  stopsAt: SlaRule['stopsAt'];
  /** When its clock started (null: not yet) and stopped. */
  startedAt: number | null;
  stoppedAt: number | null;
}

export interface SlaInput {
  policy: SlaPolicy;
  calendar: CompiledCalendar;
  severity: string;
  registeredAt: number;
  respondedAt: number | null;
  resolvedAt: number | null;
  pauses: readonly SlaPause[];
  now: number;
  /** What the rules select on; left out, only rules for every issue apply. */
  kind?: 'complaint' | 'service_request';
  scenario?: string;
  /** When the complaint was received (before registration); null or left out: at registration. */
  receivedAt?: number | null;
  steps?: readonly SlaStep[];
}

export interface SlaResult {
  severity: string;
  response: SlaTargetStatus;
  resolution: SlaTargetStatus;
  /** True when the resolution target is the policy's goal (the severity names none). */
  resolutionFromGoal: boolean;
  rules: SlaRuleStatus[];
}

export interface EscalationDue {
  level: number;
  role: 'agent' | 'lead' | 'manager';
  withinMinutes: number;
  action: LocalizedText;
  dueAt: number;
}

/** Threshold id prefix: 'response', 'resolution' or 'rule:<key>'. */
type TargetName = string;

/** A normalized pause; to is Infinity while still waiting, finite once clipped. */
interface Pause {
  from: number;
  to: number;
}

/** One target's clock: where it starts, on which clock, and the pauses after its start. */
interface Context {
  calendar: CompiledCalendar;
  clock: ClockKind;
  severity: SlaSeverity;
  start: number;
  pauses: readonly Pause[];
  now: number;
}

const NO_TARGET: SlaTargetStatus = { clock: null, source: null, targetMs: null, dueAt: null, remainingMs: null, state: 'none', thresholds: [] };

export function computeSla(input: SlaInput): SlaResult {
  const severity = findSeverity(input.policy, input.severity);
  checkInstant(input.registeredAt, 'registeredAt');
  checkInstant(input.now, 'now');
  for (const name of ['respondedAt', 'resolvedAt'] as const) {
    const value = input[name];
    if (value === null) continue;
    checkInstant(value, name);
    if (value < input.registeredAt) throw new SlaError('invalid_input', `${name} (${iso(value)}) is before registeredAt (${iso(input.registeredAt)})`);
  }
  const receivedAt = input.receivedAt ?? input.registeredAt;
  checkInstant(receivedAt, 'receivedAt');
  if (receivedAt > input.registeredAt) throw new SlaError('invalid_input', `receivedAt (${iso(receivedAt)}) is after registeredAt (${iso(input.registeredAt)})`);
  const steps = input.steps ?? [];
  steps.forEach((s, index) => checkInstant(s.at, `steps[${index}].at`));
  const now = Math.max(input.now, input.registeredAt);
  const ctxFor = (target: { clock: ClockKind }, start: number): Context => ({
    calendar: input.calendar,
    clock: target.clock,
    severity,
    start,
    pauses: normalizePauses(input.pauses, start),
    now: Math.max(now, start),
  });
  const resolution = severity.resolution ?? input.policy.goal;
  const rules = input.policy.rules
    .filter((rule) => applies(rule, input, severity.key))
    .map((rule): SlaRuleStatus => {
      const startedAt = rule.startsAt === 'received' ? receivedAt : rule.startsAt === 'registered' ? input.registeredAt : input.resolvedAt;
      const base = { key: rule.key, label: rule.label, startsAt: rule.startsAt, stopsAt: rule.stopsAt, startedAt };
      if (startedAt === null) return { ...NO_TARGET, clock: rule.clock, source: rule.source, ...base, stoppedAt: null };
      const stoppedAt =
        rule.stopsAt === 'registered' ? input.registeredAt : (steps.filter((s) => s.step === rule.stopsAt && s.at >= startedAt).sort((a, b) => a.at - b.at)[0]?.at ?? null);
      const status = targetStatus(ctxFor(rule, startedAt), `rule:${rule.key}`, rule, stoppedAt);
      // Measured at registration: nothing left to alert on.
      return { ...status, thresholds: rule.startsAt === 'received' ? [] : status.thresholds, ...base, stoppedAt };
    });
  return {
    severity: severity.key,
    response: severity.response ? targetStatus(ctxFor(severity.response, input.registeredAt), 'response', severity.response, input.respondedAt ?? input.resolvedAt) : NO_TARGET,
    resolution: resolution ? targetStatus(ctxFor(resolution, input.registeredAt), 'resolution', resolution, input.resolvedAt) : NO_TARGET,
    resolutionFromGoal: severity.resolution === null && resolution !== null,
    rules,
  };
}

function applies(rule: SlaRule, input: SlaInput, severity: string): boolean {
  const { kinds, scenarios, severities } = rule.appliesTo;
  if (kinds && (!input.kind || !kinds.includes(input.kind))) return false;
  if (scenarios && (!input.scenario || !scenarios.includes(input.scenario))) return false;
  return !severities || severities.includes(severity);
}

/** A target's length in ms of its clock from `start`; working days end at the n-th working day's close. */
function targetLength(ctx: Context, target: Pick<SlaTarget, 'minutes' | 'workingDays'>): number {
  if (target.workingDays !== undefined) return msBetweenByClock(ctx.calendar, 'working', ctx.start, endOfNthWorkingDay(ctx.calendar, ctx.start, target.workingDays));
  return (target.minutes ?? 0) * 60_000;
}

/** Each escalation level's due instant, counted on the level's clock from startedAt (pauses aside). */
export function escalationSchedule(policy: SlaPolicy, severityKey: string, startedAt: number, calendar: CompiledCalendar): EscalationDue[] {
  const severity = findSeverity(policy, severityKey);
  checkInstant(startedAt, 'startedAt');
  return severity.escalation.map((step) => ({
    level: step.level,
    role: step.role,
    withinMinutes: step.withinMinutes,
    action: step.action,
    dueAt: addByClock(calendar, step.clock, startedAt, step.withinMinutes * 60_000),
  }));
}

function targetStatus(ctx: Context, name: TargetName, target: SlaTarget | SlaRule, stoppedAt: number | null): SlaTargetStatus {
  const described = { clock: target.clock, source: target.source };
  return { ...described, ...targetState(ctx, name, targetLength(ctx, target), stoppedAt) };
}

function targetState(ctx: Context, name: TargetName, targetMs: number, stoppedAt: number | null): Omit<SlaTargetStatus, 'clock' | 'source'> {
  const end = stoppedAt ?? ctx.now;
  // Pauses as they stand at `end`: one still open then is counted as ending there.
  const pauses = clipPauses(ctx.pauses, end);
  const remainingMs = targetMs - activeMs(ctx, end, pauses);

  if (stoppedAt !== null) {
    const dueAt = reach(ctx, targetMs, pauses);
    const met = stoppedAt <= dueAt;
    return { targetMs, dueAt, remainingMs, state: met ? 'met' : 'breached', thresholds: met ? [] : thresholds(ctx, name, targetMs, pauses, dueAt) };
  }

  const paused = ctx.pauses.some((p) => p.from <= ctx.now && p.to > ctx.now);
  if (paused && remainingMs > 0) return { targetMs, dueAt: null, remainingMs, state: 'paused', thresholds: [] };

  const dueAt = reach(ctx, targetMs, pauses);
  const list = thresholds(ctx, name, targetMs, pauses, dueAt);
  let state: SlaState = 'running';
  if (paused || ctx.now >= dueAt) state = 'breached';
  else if (list.some((t) => t.kind === 'warning' && t.at <= ctx.now)) state = 'at_risk';
  return { targetMs, dueAt, remainingMs, state, thresholds: list };
}

function thresholds(ctx: Context, name: TargetName, targetMs: number, pauses: readonly Pause[], dueAt: number): SlaThreshold[] {
  const list: SlaThreshold[] = [];
  for (const fraction of ctx.severity.warnings.fractionsLeft) {
    const left = Math.round(fraction * targetMs);
    if (left <= 0 || left >= targetMs) continue;
    list.push({ kind: 'warning', id: `${name}:left-${Math.round(fraction * 10_000) / 100}pct`, at: reach(ctx, targetMs - left, pauses) });
  }
  for (const minutes of ctx.severity.warnings.minutesLeft) {
    const left = minutes * 60_000;
    if (left >= targetMs) continue;
    list.push({ kind: 'warning', id: `${name}:left-${minutes}m`, at: reach(ctx, targetMs - left, pauses) });
  }
  list.sort((a, b) => a.at - b.at);
  list.push({ kind: 'breach', id: `${name}:breach`, at: dueAt });
  return list;
}

/** Clock ms from the target's start to `end`, less the pauses (all inside that range after clipping). */
function activeMs(ctx: Context, end: number, pauses: readonly Pause[]): number {
  let total = msBetweenByClock(ctx.calendar, ctx.clock, ctx.start, end);
  for (const pause of pauses) total -= msBetweenByClock(ctx.calendar, ctx.clock, pause.from, pause.to);
  return total;
}

/** The instant at which `ms` of clock time has been used since the target's start, skipping the pauses. */
function reach(ctx: Context, ms: number, pauses: readonly Pause[]): number {
  let cursor = ctx.start;
  let remaining = ms;
  for (const pause of pauses) {
    if (pause.from > cursor) {
      const available = msBetweenByClock(ctx.calendar, ctx.clock, cursor, pause.from);
      // On a working clock this lands at or before pause.from: the working ms are there.
      if (remaining <= available) return addByClock(ctx.calendar, ctx.clock, cursor, remaining);
      remaining -= available;
    }
    cursor = Math.max(cursor, pause.to);
  }
  return addByClock(ctx.calendar, ctx.clock, cursor, remaining);
}

/** Validated, clipped to the target's start, sorted and merged; an open pause runs to Infinity. */
function normalizePauses(pauses: readonly SlaPause[], registeredAt: number): Pause[] {
  const list: Pause[] = [];
  pauses.forEach((pause, index) => {
    checkInstant(pause.from, `pauses[${index}].from`);
    if (pause.to !== null) {
      checkInstant(pause.to, `pauses[${index}].to`);
      if (pause.to < pause.from) throw new SlaError('invalid_input', `pauses[${index}]: to (${iso(pause.to)}) is before from (${iso(pause.from)})`);
    }
    const from = Math.max(pause.from, registeredAt);
    const to = pause.to ?? Infinity;
    if (to > from) list.push({ from, to });
  });
  list.sort((a, b) => a.from - b.from);
  const merged: Pause[] = [];
  for (const pause of list) {
    const last = merged[merged.length - 1];
    if (last && pause.from <= last.to) last.to = Math.max(last.to, pause.to);
    else merged.push({ ...pause });
  }
  return merged;
}

/** The pauses that began before `end`, cut at `end`. */
function clipPauses(pauses: readonly Pause[], end: number): Pause[] {
  return pauses.filter((p) => p.from < end).map((p) => ({ from: p.from, to: Math.min(p.to, end) }));
}

function checkInstant(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SlaError('invalid_input', `${name} must be an epoch ms instant, got ${String(value)}`);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
