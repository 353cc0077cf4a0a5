import { Badge, Group, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketListRow } from '../../../../shared/api/ticket-contract';
import { api } from '../../api';
import { useNavigation } from '../navigation/navigation-store';
import { useNow } from '../shell/use-now';
import { SlaGlance } from './sla-glance';
import { TICKET_STATUS_COLORS } from './ticket-sla';

/**
 * The customer's issues, open ones first: the agent should know about them before promising
 * anything. Shown beside a call and in the customer's history; `maxHeight` is the list's room.
 */
export function CustomerTickets({ customerId, maxHeight = 220 }: { customerId: string; maxHeight?: number }): JSX.Element {
  const { t } = useTranslation('tickets');
  const openTicket = useNavigation((s) => s.openTicket);
  const now = useNow();
  const [state, setState] = useState<{ customerId: string; rows: TicketListRow[]; failed: boolean } | null>(null);

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void api.call('ticket.forCustomer', { customerId }).then((result) => {
        if (!alive) return;
        if (result.ok) setState({ customerId, rows: result.value.rows, failed: false });
        else setState((prev) => ({ customerId, rows: prev?.customerId === customerId ? prev.rows : [], failed: true }));
      });
    };
    load();
    const off = api.on('data.changed', (event) => {
      if (event.entities.includes('tickets')) load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [customerId]);

  const rows = state?.customerId === customerId ? state.rows : null;
  const isOpen = (row: TicketListRow): boolean => row.status !== 'closed' && row.status !== 'voided';
  const sorted = rows ? [...rows].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.registeredAt - a.registeredAt) : [];

  return (
    <Paper withBorder p="sm" radius="md" data-testid="customer-tickets">
      <Text fw={600} size="sm" mb={4}>
        {t('forCustomer.title', { count: sorted.filter(isOpen).length })}
      </Text>
      {state?.failed && (
        <Text size="xs" c="red" data-testid="customer-tickets-error">
          {t('forCustomer.loadFailed')}
        </Text>
      )}
      {rows && sorted.length === 0 && !state?.failed && (
        <Text size="xs" c="dimmed">
          {t('forCustomer.none')}
        </Text>
      )}
      <ScrollArea.Autosize mah={maxHeight}>
        <Stack gap={6}>
          {sorted.map((row) => (
            <UnstyledButton key={row.id} onClick={() => openTicket(row.id)} data-testid="customer-ticket" data-ticket-id={row.id}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="xs" ff="monospace" fw={600} truncate>
                  {row.number}
                </Text>
                <Badge size="xs" variant="light" color={TICKET_STATUS_COLORS[row.status]} tt="none" style={{ flexShrink: 0 }}>
                  {t(`status.${row.status}`)}
                </Badge>
              </Group>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="xs" c="dimmed" truncate>
                  {t(`scenario.${row.scenario}`)}
                </Text>
                <SlaGlance t={t} row={row} now={now} />
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
