import type { TFunction } from 'i18next';
import type { TicketListRow } from '../../../../shared/api/ticket-contract';
import type { TicketSla, TicketStatus } from '../../../../shared/tickets/ticket-model';
import { formatDuration } from '../shell/format-duration';

export type SlaState = TicketSla['state'];
export type SlaTarget = 'response' | 'resolution';

export const SLA_COLORS: Record<SlaState, string> = {
  none: 'gray',
  running: 'blue',
  at_risk: 'orange',
  paused: 'gray',
  met: 'teal',
  breached: 'red',
};

export const TICKET_STATUS_COLORS: Record<TicketStatus, string> = {
  registered: 'blue',
  responded: 'cyan',
  in_progress: 'indigo',
  waiting_customer: 'gray',
  solution_proposed: 'violet',
  executed: 'grape',
  customer_confirmed: 'teal',
  closed: 'green',
  voided: 'dark',
  legal_hold: 'red',
};

/**
 * The state as of `now`: the core computed it when the row was read, and a running clock whose
 * due time has passed since is breached even before the next read.
 */
export function currentState(sla: TicketSla, now: number): SlaState {
  if ((sla.state === 'running' || sla.state === 'at_risk') && sla.dueAt !== null && now >= sla.dueAt) return 'breached';
  return sla.state;
}

/**
 * The clock that matters now: the response target until the customer has been answered (the
 * status moves on from registered), then the resolution target; the response result when there
 * is no resolution target.
 */
export function glanceTarget(row: Pick<TicketListRow, 'status' | 'response' | 'resolution'>): SlaTarget {
  if (row.status === 'registered' && row.response.state !== 'none') return 'response';
  if (row.resolution.state !== 'none') return 'resolution';
  return 'response';
}

/**
 * "剩余 3 小时", "超时 2 小时", "等待客户（剩余 5 小时）", "已按时完成". Time left is wall-clock time
 * to the due instant, which is what the agent can plan with; a paused clock shows the time the
 * target still has, since there is no due instant while it waits.
 * `stoppedAt` (responded / resolved) freezes a late target's overrun at the moment it stopped.
 */
export function describeSla(t: TFunction, sla: TicketSla, now: number, stoppedAt: number | null = null): string {
  const state = currentState(sla, now);
  switch (state) {
    case 'none':
      return t('tickets:sla.none');
    case 'met':
      return t('tickets:sla.met');
    case 'paused':
      return sla.remainingMs !== null && sla.remainingMs > 0
        ? t('tickets:sla.pausedLeft', { duration: formatDuration(t, sla.remainingMs) })
        : t('tickets:sla.paused');
    case 'breached': {
      if (sla.dueAt === null) return t('tickets:sla.breached');
      const end = stoppedAt ?? now;
      return t('tickets:sla.overdueBy', { duration: formatDuration(t, Math.max(0, end - sla.dueAt)) });
    }
    case 'running':
    case 'at_risk':
      return sla.dueAt === null ? t('tickets:sla.running') : t('tickets:sla.left', { duration: formatDuration(t, sla.dueAt - now) });
  }
}

/** "响应", "解决": which target a glance shows. */
export function targetLabel(t: TFunction, target: SlaTarget): string {
  return t(`tickets:sla.target.${target}`);
}
