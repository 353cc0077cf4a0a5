/**
 * The SLA clock: where an issue stands against its policy's response and resolution targets.
 * Pure: the caller passes `now`, so the desktop core and the sync hub get the same answer.
 *
 * Public API:
 *   computeSla(input: SlaInput): SlaResult
 *   escalationSchedule(policy, severityKey, startedAt, calendar): EscalationDue[]
 *   SlaState, SlaThreshold, SlaTargetStatus, SlaPause, SlaInput, SlaResult, EscalationDue
 *
 * Rules:
 * - A target counts minutes of the severity's clock from registeredAt: working minutes of the
 *   calendar, or every minute. Time inside pauses (waiting for the customer) does not count; a
 *   pause with to = null is running now, and the clock resumes where it stopped when it ends.
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
import { addByClock, msBetweenByClock, type ClockKind, type CompiledCalendar } from '../calendar/working-time';
import { findSeverity, SlaError, type SlaPolicy, type SlaSeverity } from './sla-policy';
import type { LocalizedText } from '../scripts/script-schema';

export type SlaState = 'none' | 'running' | 'at_risk' | 'paused' | 'met' | 'breached';

export interface SlaThreshold {
  kind: 'warning' | 'breach';
  id: string;
  at: number;
}

export interface SlaTargetStatus {
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

export interface SlaInput {
  policy: SlaPolicy;
  calendar: CompiledCalendar;
  severity: string;
  registeredAt: number;
  respondedAt: number | null;
  resolvedAt: number | null;
  pauses: readonly SlaPause[];
  now: number;
}

export interface SlaResult {
  severity: string;
  clock: ClockKind;
  response: SlaTargetStatus;
  resolution: SlaTargetStatus;
}

export interface EscalationDue {
  level: number;
  role: 'agent' | 'lead' | 'manager';
  withinMinutes: number;
  action: LocalizedText;
  dueAt: number;
}

type TargetName = 'response' | 'resolution';

/** A normalized pause; to is Infinity while still waiting, finite once clipped. */
interface Pause {
  from: number;
  to: number;
}

interface Context {
  calendar: CompiledCalendar;
  clock: ClockKind;
  severity: SlaSeverity;
  registeredAt: number;
  pauses: readonly Pause[];
  now: number;
}

const NO_TARGET: SlaTargetStatus = { targetMs: null, dueAt: null, remainingMs: null, state: 'none', thresholds: [] };

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
  const ctx: Context = {
    calendar: input.calendar,
    clock: severity.clock,
    severity,
    registeredAt: input.registeredAt,
    pauses: normalizePauses(input.pauses, input.registeredAt),
    now: Math.max(input.now, input.registeredAt),
  };
  return {
    severity: severity.key,
    clock: severity.clock,
    response: targetStatus(ctx, 'response', severity.responseMinutes, input.respondedAt ?? input.resolvedAt),
    resolution: targetStatus(ctx, 'resolution', severity.resolutionMinutes, input.resolvedAt),
  };
}

/** Each escalation level's due instant, counted on the severity's clock from startedAt (pauses aside). */
export function escalationSchedule(policy: SlaPolicy, severityKey: string, startedAt: number, calendar: CompiledCalendar): EscalationDue[] {
  const severity = findSeverity(policy, severityKey);
  checkInstant(startedAt, 'startedAt');
  return severity.escalation.map((step) => ({
    level: step.level,
    role: step.role,
    withinMinutes: step.withinMinutes,
    action: step.action,
    dueAt: addByClock(calendar, severity.clock, startedAt, step.withinMinutes * 60_000),
  }));
}

function targetStatus(ctx: Context, name: TargetName, minutes: number | null, stoppedAt: number | null): SlaTargetStatus {
  if (minutes === null) return NO_TARGET;
  const targetMs = minutes * 60_000;
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

/** Clock ms from registeredAt to `end`, less the pauses (all inside that range after clipping). */
function activeMs(ctx: Context, end: number, pauses: readonly Pause[]): number {
  let total = msBetweenByClock(ctx.calendar, ctx.clock, ctx.registeredAt, end);
  for (const pause of pauses) total -= msBetweenByClock(ctx.calendar, ctx.clock, pause.from, pause.to);
  return total;
}

/** The instant at which `ms` of clock time has been used since registeredAt, skipping the pauses. */
function reach(ctx: Context, ms: number, pauses: readonly Pause[]): number {
  let cursor = ctx.registeredAt;
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

/** Validated, clipped to registeredAt, sorted and merged; an open pause runs to Infinity. */
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
