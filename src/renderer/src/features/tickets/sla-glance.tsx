import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { JSX } from 'react';
import type { TicketListRow } from '../../../../shared/api/ticket-contract';
import { CalendarBasisMark } from '../shell/calendar-basis-mark';
import { SLA_COLORS, currentState, describeSla, glanceTarget, targetLabel } from './ticket-sla';

/**
 * One badge for where an issue stands against its clock: "响应 · 剩余 3 小时" in blue, orange
 * when at risk, red with the overrun once breached, grey while waiting for the customer.
 */
export function SlaGlance(props: {
  t: TFunction;
  row: Pick<TicketListRow, 'status' | 'response' | 'resolution'>;
  now: number;
  testId?: string;
}): JSX.Element {
  const { t, row, now } = props;
  const closed = row.status === 'closed' || row.status === 'voided';
  const target = glanceTarget(row);
  const sla = row[target];
  const state = closed && sla.state !== 'breached' && sla.state !== 'met' ? 'none' : currentState(sla, now);
  const text = closed && state === 'none' ? t('tickets:sla.closed') : `${targetLabel(t, target)} · ${describeSla(t, sla, now)}`;
  return (
    <Badge
      size="sm"
      variant={state === 'breached' ? 'filled' : 'light'}
      color={SLA_COLORS[state]}
      tt="none"
      data-testid={props.testId ?? 'ticket-sla'}
      data-state={state}
      data-target={target}
      style={{ flexShrink: 0 }}
    >
      {text}
      {!closed && <CalendarBasisMark at={sla.dueAt} clock={sla.clock} />}
    </Badge>
  );
}
