import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../../shared/api/result';
import { parseCalendarDef, type WorkingCalendarDef } from '../../shared/calendar/calendar-schema';
import type { CompiledCalendar } from '../../shared/calendar/working-time';
import { addByClock } from '../../shared/calendar/working-time';
import { computeSla, escalationSchedule, type SlaPause, type SlaTargetStatus } from '../../shared/sla/sla-clock';
import { applyClockOverrides, findSeverity, parseSlaPolicy, type ClockOverrides, type SlaPolicy, type SlaSeverity } from '../../shared/sla/sla-policy';
import type { TicketSla } from '../../shared/tickets/ticket-model';
import type { TicketRecord } from '../db/repositories/ticket-repository';
import type { SeverityInfo, SlaEngine, SlaThreshold } from './sla-engine';

export const DEFAULT_CALENDAR_ID = 'cn-mainland';

const info = (policy: SlaPolicy) => (s: SlaSeverity): SeverityInfo => ({
  key: s.key,
  label: s.label,
  response: s.response,
  resolution: s.resolution ?? policy.goal,
  resolutionFromGoal: s.resolution === null && policy.goal !== null,
  escalateAtRegistration: s.escalateAtRegistration,
});

const toTicketSla = (t: SlaTargetStatus): TicketSla => ({ dueAt: t.dueAt, remainingMs: t.remainingMs, state: t.state, clock: t.clock, source: t.source });
const UNTIMED: TicketSla = { dueAt: null, remainingMs: null, state: 'none', clock: null, source: null };

/** The seeds' SLA presets shipped in resources/sla-policies/<preset>.json; 000 is the default. */
export const SLA_PRESETS = ['000', '001', '002', '004'] as const;
export type SlaPreset = (typeof SLA_PRESETS)[number];

export interface SlaSources {
  presets: Map<SlaPreset, SlaPolicy>;
  shippedCalendar: WorkingCalendarDef;
}

/**
 * Reads every preset and the shipped calendar from resources/ once. A broken file is logged and
 * leaves issues untimed (the engine says why on use); callbacks and the rest keep working.
 */
export function loadSlaSources(resourcesDir: string, log: (message: string) => void): SlaSources | null {
  try {
    const presets = new Map<SlaPreset, SlaPolicy>();
    for (const preset of SLA_PRESETS) presets.set(preset, parseSlaPolicy(readJson(join(resourcesDir, 'sla-policies', `${preset}.json`))));
    const shippedCalendar = parseCalendarDef(readJson(join(resourcesDir, 'calendars', `${DEFAULT_CALENDAR_ID}.json`)));
    return { presets, shippedCalendar };
  } catch (error) {
    log(`SLA policies or the working calendar could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * Clocks for new issues follow `active`; an existing issue keeps the policy it was registered
 * under (its policyId), so switching presets never moves the targets of work already open.
 */
export function engineFor(
  shipped: SlaPolicy,
  calendar: CompiledCalendar,
  all: readonly SlaPolicy[] = [shipped],
  /** A lead's calendar/working switches, per policy id (设置 -> SLA). */
  overrides: Readonly<Record<string, ClockOverrides>> = {},
): SlaEngine {
  const tuned = (p: SlaPolicy): SlaPolicy => (overrides[p.id] ? applyClockOverrides(p, overrides[p.id]!) : p);
  const active = tuned(shipped);
  const byId = new Map(all.map((p) => [p.id, tuned(p)]));
  byId.set(active.id, active);
  const policyOf = (ticket: TicketRecord): SlaPolicy => byId.get(ticket.policyId) ?? active;
  const holidays = new Set(calendar.def.holidays.map((d) => d.date));
  const workdays = new Set(calendar.def.workdays.map((d) => d.date));
  const policy = active;
  return {
    policyId: policy.id,
    policyName: policy.name,
    defaultSeverity: policy.defaultSeverity,
    timeZone: calendar.timeZone,
    severities: (policyId) => {
      const of = policyId ? (byId.get(policyId) ?? policy) : policy;
      return of.severities.map(info(of));
    },
    severity: (key, policyId) => {
      const of = policyId ? (byId.get(policyId) ?? policy) : policy;
      const found = of.severities.find((s) => s.key === key);
      return found ? info(of)(found) : null;
    },
    clocks(ticket: TicketRecord, now: number) {
      // Under legal handling the issue has left the normal SLA path: no targets, no alerts.
      if (ticket.legalHoldAt !== null) return { response: UNTIMED, resolution: UNTIMED, resolutionFromGoal: false, rules: [], thresholds: [] };
      const pauses: SlaPause[] = ticket.pauses.map(([from, to]) => ({ from, to }));
      if (ticket.pausedSince !== null) pauses.push({ from: ticket.pausedSince, to: null });
      const result = computeSla({
        policy: policyOf(ticket),
        calendar,
        severity: ticket.severity,
        registeredAt: ticket.registeredAt,
        respondedAt: ticket.respondedAt,
        resolvedAt: ticket.resolvedAt,
        pauses,
        now,
        kind: ticket.kind,
        scenario: ticket.scenario,
        receivedAt: ticket.receivedAt,
        steps: ticket.steps,
      });
      const thresholds: SlaThreshold[] = [];
      for (const target of ['response', 'resolution'] as const) {
        const status = result[target];
        if (status.dueAt === null) continue;
        for (const t of status.thresholds) thresholds.push({ id: t.id, target, kind: t.kind, at: t.at, dueAt: status.dueAt });
      }
      for (const rule of result.rules) {
        if (rule.dueAt === null) continue;
        for (const t of rule.thresholds) thresholds.push({ id: t.id, target: 'rule', kind: t.kind, at: t.at, dueAt: rule.dueAt });
      }
      return {
        response: toTicketSla(result.response),
        resolution: toTicketSla(result.resolution),
        resolutionFromGoal: result.resolutionFromGoal,
        rules: result.rules.map((r) => ({ ...toTicketSla(r), key: r.key, label: r.label, startsAt: r.startsAt, stopsAt: r.stopsAt, startedAt: r.startedAt, stoppedAt: r.stoppedAt })),
        thresholds,
      };
    },
    escalationChain(severity, at, reason, policyId) {
      const of = policyId ? (byId.get(policyId) ?? policy) : policy;
      const own = escalationSchedule(of, findSeverity(of, severity).key, at, calendar);
      // A dissatisfied customer gets the policy's follow-up (seed 001's three levels unless the
      // preset says otherwise); a severity without a chain escalates a breach by it too.
      const followUp = of.dissatisfiedFollowUp.map((l) => ({ ...l, dueAt: addByClock(calendar, l.clock, at, l.withinMinutes * 60_000) }));
      const chain = reason === 'dissatisfied' || own.length === 0 ? followUp : own;
      return chain.map((level) => ({
        level: level.level,
        role: level.role,
        reason,
        startedAt: at,
        dueAt: level.dueAt,
        doneAt: null,
      }));
    },
    isWorkingDay: (localDate) => {
      if (holidays.has(localDate)) return false;
      if (workdays.has(localDate)) return true;
      const weekday = ((new Date(`${localDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      return calendar.def.weekly[String(weekday) as keyof typeof calendar.def.weekly].length > 0;
    },
  };
}

export function unavailableEngine(message: string): SlaEngine {
  const fail = (): never => {
    throw new CoreError('internal', message);
  };
  return {
    policyId: 'unavailable',
    policyName: { 'zh-CN': '不可用', en: 'unavailable' },
    defaultSeverity: 'general',
    timeZone: 'Asia/Shanghai',
    severities: () => [],
    severity: () => null,
    clocks: fail,
    escalationChain: fail,
    // Without a calendar, callbacks still get weekday slots.
    isWorkingDay: (localDate) => ![0, 6].includes(new Date(`${localDate}T00:00:00Z`).getUTCDay()),
  };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
