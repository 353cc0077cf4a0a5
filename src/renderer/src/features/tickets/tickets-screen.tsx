import { Alert, Button, Center, Group, Loader, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNavigation } from '../navigation/navigation-store';
import { describeApiError } from '../shell/api-error';
import { useNow } from '../shell/use-now';
import { TicketFormModal } from './ticket-form-modal';
import { TicketRow } from './ticket-row';
import { useTickets, type TicketScope, type TicketStateFilter } from './tickets-store';
import { useTicketOptions } from './use-ticket-options';

const SCOPES: TicketScope[] = ['mine', 'all'];
const STATES: TicketStateFilter[] = ['open', 'closed', 'all'];

/** "我的工单": the agent's (or everyone's) issues with their SLA clocks at a glance. */
export function TicketsScreen(): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const openTicket = useNavigation((s) => s.openTicket);
  const scope = useTickets((s) => s.scope);
  const state = useTickets((s) => s.state);
  const rows = useTickets((s) => s.rows);
  const total = useTickets((s) => s.total);
  const loaded = useTickets((s) => s.loaded);
  const loading = useTickets((s) => s.loading);
  const error = useTickets((s) => s.error);
  const { setScope, setState, load, loadMore } = useTickets.getState();
  const options = useTicketOptions();
  const now = useNow();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void load();
    // The watcher escalates and the agent's own steps move issues between lists: re-read on both.
    return api.on('data.changed', (event) => {
      if (event.entities.includes('tickets') || event.entities.includes('alerts')) void load();
    });
  }, [load]);

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-testid="tickets-screen">
      <Group p="md" pb="sm" justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <Title order={1} size="h4">
            {t('list.title')}
          </Title>
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(value) => setScope(value as TicketScope)}
            data={SCOPES.map((value) => ({ value, label: t(`list.scope.${value}`) }))}
            aria-label={t('list.scope.label')}
            data-testid="tickets-scope"
          />
          <SegmentedControl
            size="xs"
            value={state}
            onChange={(value) => setState(value as TicketStateFilter)}
            data={STATES.map((value) => ({ value, label: t(`list.state.${value}`) }))}
            aria-label={t('list.state.label')}
            data-testid="tickets-state"
          />
          <Text size="xs" c="dimmed" data-testid="tickets-total">
            {t('list.total', { count: total })}
          </Text>
        </Group>
        <Button size="sm" onClick={() => setCreating(true)} data-testid="open-ticket-form">
          {t('form.open')}
        </Button>
      </Group>

      {error && (
        <Alert color="red" mx="md" mb="sm" title={t('list.loadFailed')} data-testid="tickets-error">
          {describeApiError(t, error)}
        </Alert>
      )}

      <ScrollArea style={{ flex: 1 }} type="auto">
        {!loaded ? (
          <Center py="xl">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        ) : rows.length === 0 ? (
          <Center py="xl" data-testid="tickets-empty">
            <Text size="sm" c="dimmed">
              {t(`list.empty.${state}`)}
            </Text>
          </Center>
        ) : (
          <Table highlightOnHover verticalSpacing={6} horizontalSpacing="md" stickyHeader aria-label={t('list.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.column.number')}</Table.Th>
                <Table.Th>{t('list.column.customer')}</Table.Th>
                <Table.Th>{t('list.column.scenario')}</Table.Th>
                <Table.Th>{t('list.column.severity')}</Table.Th>
                <Table.Th>{t('list.column.status')}</Table.Th>
                <Table.Th>{t('list.column.owner')}</Table.Th>
                <Table.Th>{t('list.column.sla')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody data-testid="tickets-list">
              {rows.map((row) => (
                <TicketRow key={row.id} t={t} row={row} now={now} options={options} onOpen={openTicket} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {rows.length < total && (
          <Center py="sm">
            <Button size="xs" variant="default" loading={loading} onClick={() => void loadMore()} data-testid="tickets-more">
              {t('list.more', { count: total - rows.length })}
            </Button>
          </Center>
        )}
      </ScrollArea>
      <Group px="md" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="xs" c="dimmed">
          {t('list.keyboardHint')}
        </Text>
      </Group>
      {creating && <TicketFormModal seed={null} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
