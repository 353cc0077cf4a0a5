import { Alert, Button, Center, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNavigation, type View } from '../navigation/navigation-store';
import { describeApiError } from '../shell/api-error';
import { CustomerTickets } from '../tickets/customer-tickets';
import { CallHistoryEntry } from './call-history-entry';
import { CustomerCard } from './customer-card';
import { useHistory } from './history-store';
import { PurchasesTable } from './purchases-table';

/** A customer's card, their issues, purchases and every finished call, newest first. */
export function CustomerHistory(props: { customerId: string; returnTo: View }): JSX.Element {
  const { t } = useTranslation(['history', 'common']);
  const go = useNavigation((s) => s.go);
  const load = useHistory((s) => s.load);
  const detail = useHistory((s) => (s.customerId === props.customerId ? s.detail : null));
  const error = useHistory((s) => (s.customerId === props.customerId ? s.error : null));
  const scripts = useHistory((s) => s.scripts);
  const { customerId, returnTo } = props;

  useEffect(() => {
    void load(customerId);
    return api.on('data.changed', (event) => {
      if (event.entities.some((e) => e === 'calls' || e === 'customers' || e === 'notes')) void load(customerId);
    });
  }, [customerId, load]);

  const back = (): void => go(returnTo);
  // Escape is also ignored inside inputs by default, which is right: there are none here.
  useHotkeys([['Escape', back]]);

  const calls = useMemo(
    () => (detail ? detail.calls.filter((c) => c.endedAt !== null).sort((a, b) => b.startedAt - a.startedAt) : []),
    [detail],
  );

  return (
    <ScrollArea style={{ flex: 1 }} type="auto" data-testid="customer-history">
      <Stack gap="md" p="md" maw={1100}>
        <Group gap="sm">
          <Button size="sm" variant="default" onClick={back} data-testid="history-back" data-autofocus autoFocus>
            ← {t('common:back')}
          </Button>
          <Title order={1} size="h4">
            {t('title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('backHint')}
          </Text>
        </Group>

        {error && (
          <Alert color="red" title={t('loadFailed')}>
            {describeApiError(t, error)}
          </Alert>
        )}

        {!detail && !error && (
          <Center py="xl">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}

        {detail && (
          <>
            <CustomerCard customer={detail.customer} />
            {/* Open issues first, each opening the issue; Back there returns here. */}
            <CustomerTickets customerId={customerId} maxHeight={360} />
            <Stack gap="xs">
              <Title order={2} size="h5">
                {t('purchases')}
              </Title>
              <PurchasesTable purchases={detail.purchases} />
            </Stack>
            <Stack gap="xs">
              <Title order={2} size="h5">
                {t('calls')} ({calls.length})
              </Title>
              {calls.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('noCalls')}
                </Text>
              ) : (
                calls.map((call) => <CallHistoryEntry key={call.id} call={call} script={scripts[call.scriptId]} />)
              )}
            </Stack>
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
