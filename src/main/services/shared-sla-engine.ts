import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../../shared/api/result';
import { parseCalendarDef } from '../../shared/calendar/calendar-schema';
import { compileCalendar, endOfNthWorkingDay, type CompiledCalendar } from '../../shared/calendar/working-time';
import { computeSla, escalationSchedule, type SlaPause, type SlaTargetStatus } from '../../shared/sla/sla-clock';
import { findSeverity, parseSlaPolicy, type SlaPolicy, type SlaSeverity } from '../../shared/sla/sla-policy';
import type { TicketSla } from '../../shared/tickets/ticket-model';
import type { TicketRecord } from '../db/repositories/ticket-repository';
import type { SeverityInfo, SlaEngine, SlaThreshold } from './sla-engine';

export const DEFAULT_POLICY_ID = '000';
export const DEFAULT_CALENDAR_ID = 'cn-mainland';

/** Seed 001's three-level follow-up for dissatisfied customers: apology in 1 h, solution in 24 h, closure confirmed in 48 h (calendar time). */
const FOLLOW_UP_CHAIN = [
  { level: 1, role: 'agent', withinMinutes: 60 },
  { level: 2, role: 'lead', withinMinutes: 24 * 60 },
  { level: 3, role: 'manager', withinMinutes: 48 * 60 },
] as const;

const info = (s: SlaSeverity): SeverityInfo => ({
  key: s.key,
  label: s.label,
  responseMinutes: s.responseMinutes,
  resolutionMinutes: s.resolutionMinutes,
  clock: s.clock,
  escalateAtRegistration: s.escalateAtRegistration,
});

const toTicketSla = (t: SlaTargetStatus): TicketSla => ({ dueAt: t.dueAt, remainingMs: t.remainingMs, state: t.state });

/**
 * The SLA policy and working calendar from resources/ (policy 000 and the mainland China calendar
 * by default), applied through the shared pure modules so the hub computes the same clocks.
 */
export function createSlaEngine(resourcesDir: string, log: (message: string) => void, policyId = DEFAULT_POLICY_ID, calendarId = DEFAULT_CALENDAR_ID): SlaEngine {
  let policy: SlaPolicy;
  let calendar: CompiledCalendar;
  try {
    policy = parseSlaPolicy(readJson(join(resourcesDir, 'sla-policies', `${policyId}.json`)));
    calendar = compileCalendar(parseCalendarDef(readJson(join(resourcesDir, 'calendars', `${calendarId}.json`))));
  } catch (error) {
    // Issues cannot be timed without them, but callbacks and everything else keep working.
    const message = `SLA policy ${policyId} or calendar ${calendarId} could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    log(message);
    return unavailableEngine(message);
  }
  return engineFor(policy, calendar);
}

export function engineFor(policy: SlaPolicy, calendar: CompiledCalendar): SlaEngine {
  return {
    policyId: policy.id,
    policyName: policy.name,
    defaultSeverity: policy.defaultSeverity,
    timeZone: calendar.timeZone,
    severities: () => policy.severities.map(info),
    severity: (key) => {
      const found = policy.severities.find((s) => s.key === key);
      return found ? info(found) : null;
    },
    clocks(ticket: TicketRecord, now: number) {
      const pauses: SlaPause[] = ticket.pauses.map(([from, to]) => ({ from, to }));
      if (ticket.pausedSince !== null) pauses.push({ from: ticket.pausedSince, to: null });
      const result = computeSla({
        policy,
        calendar,
        severity: ticket.severity,
        registeredAt: ticket.registeredAt,
        respondedAt: ticket.respondedAt,
        resolvedAt: ticket.resolvedAt,
        pauses,
        now,
      });
      const thresholds: SlaThreshold[] = [];
      for (const target of ['response', 'resolution'] as const) {
        const status = result[target];
        if (status.dueAt === null) continue;
        for (const t of status.thresholds) thresholds.push({ id: t.id, target, kind: t.kind, at: t.at, dueAt: status.dueAt });
      }
      return { response: toTicketSla(result.response), resolution: toTicketSla(result.resolution), thresholds };
    },
    escalationChain(severity, at, reason) {
      const own = escalationSchedule(policy, findSeverity(policy, severity).key, at, calendar);
      // A severity without a chain still escalates a breach or an unhappy customer: seed 001's follow-up.
      const chain = own.length > 0 ? own : FOLLOW_UP_CHAIN.map((l) => ({ ...l, dueAt: at + l.withinMinutes * 60_000 }));
      return chain.map((level) => ({
        level: level.level,
        role: level.role,
        reason,
        startedAt: at,
        dueAt: level.dueAt,
        doneAt: null,
      }));
    },
    endOfWorkingDays: (at, days) => endOfNthWorkingDay(calendar, at, days),
  };
}

function unavailableEngine(message: string): SlaEngine {
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
    endOfWorkingDays: fail,
  };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
