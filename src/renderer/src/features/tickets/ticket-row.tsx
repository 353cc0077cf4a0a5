import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { memo, type JSX, type KeyboardEvent } from 'react';
import type { TicketListRow } from '../../../../shared/api/ticket-contract';
import { SlaGlance } from './sla-glance';
import { TICKET_STATUS_COLORS } from './ticket-sla';
import { severityLabel, type TicketOptions } from './tickets-store';
import { severityColor } from './use-ticket-options';

interface Props {
  t: TFunction;
  row: TicketListRow;
  now: number;
  options: TicketOptions | null;
  onOpen(ticketId: string): void;
}

/** Arrow keys walk the rows the way they do in the queue; Enter opens. */
function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, open: () => void): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const row = event.currentTarget;
  let target: Element | null = null;
  if (event.key === 'Enter' || event.key === ' ') open();
  else if (event.key === 'ArrowDown') target = row.nextElementSibling;
  else if (event.key === 'ArrowUp') target = row.previousElementSibling;
  else if (event.key === 'Home') target = row.parentElement?.firstElementChild ?? null;
  else if (event.key === 'End') target = row.parentElement?.lastElementChild ?? null;
  else return;
  event.preventDefault();
  if (target instanceof HTMLElement) target.focus();
}

/** One issue in the list; memoised so the 30-second tick re-renders only what it must. */
export const TicketRow = memo(function TicketRow({ t, row, now, options, onOpen }: Props): JSX.Element {
  const severity = severityLabel(options, row.severity);
  const open = (): void => onOpen(row.id);
  return (
    <Table.Tr
      tabIndex={0}
      data-testid="ticket-row"
      data-ticket-id={row.id}
      data-status={row.status}
      onClick={open}
      onKeyDown={(event) => onRowKeyDown(event, open)}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td>
        <Text size="sm" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="ticket-row-number">
          {row.number}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`tickets:kind.${row.kind}`)}
          {row.escalationLevel > 0 ? ` · ${t('tickets:list.escalated', { level: row.escalationLevel })}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {row.customerName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t(`tickets:scenario.${row.scenario}`)}</Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={severity.full} withArrow openDelay={400}>
          <Badge size="sm" variant="light" color={severityColor(row.severity)} tt="none" data-testid="ticket-row-severity">
            {severity.short}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={TICKET_STATUS_COLORS[row.status]} tt="none" data-testid="ticket-row-status">
          {t(`tickets:status.${row.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={row.ownerName ? undefined : 'dimmed'}>
          {row.ownerName ?? t('tickets:noOwner')}
        </Text>
      </Table.Td>
      <Table.Td>
        <SlaGlance t={t} row={row} now={now} />
      </Table.Td>
    </Table.Tr>
  );
});
