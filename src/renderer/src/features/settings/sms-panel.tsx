import { Alert, Badge, Button, Center, Group, Loader, Paper, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { format } from 'date-fns';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OutboundMessage } from '../../../../shared/api/planning-contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';
import { describeApiError } from '../shell/api-error';
import { useDateLocale } from '../shell/date-locale';
import { SMS_STATUSES, useSms, type SmsStatus } from './sms-store';

const STATUS_COLORS: Record<SmsStatus, string> = { queued: 'gray', sending: 'blue', sent: 'teal', failed: 'red' };

/**
 * Why the address was not saved, next to the field. A validation message from the core is
 * technical English, so it follows a translated lead-in; a refusal for the role is said plainly.
 */
function webhookError(t: TFunction, error: ApiError): string {
  if (error.code === 'unauthorized') return t('settings:sms.refused');
  const field = error.fields?.smsWebhookUrl;
  if (error.code === 'invalid_input') return t('settings:sms.invalid', { detail: field ?? error.message });
  return describeApiError(t, error);
}

function MessageRow(props: { message: OutboundMessage; when(at: number): string }): JSX.Element {
  const { t } = useTranslation('settings');
  const { message, when } = props;
  return (
    <Table.Tr data-testid="sms-message" data-status={message.status} data-message-id={message.id}>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        <Text size="sm">{when(message.createdAt)}</Text>
        {message.sentAt !== null && (
          <Text size="xs" c="dimmed">
            {t('sms.sentAt', { time: when(message.sentAt) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }} data-testid="sms-message-customer">
        {message.customerName}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="sms-message-body">
          {message.body}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Badge color={STATUS_COLORS[message.status]} variant="light" tt="none" data-testid="sms-message-status">
          {t(`sms.status.${message.status}`)}
        </Badge>
        {message.attempts > 0 && message.status !== 'sent' && (
          <Text size="xs" c="dimmed">
            {t('sms.attempts', { count: message.attempts })}
          </Text>
        )}
        {message.status === 'failed' && message.lastError && (
          <Text size="xs" c="red.8" style={{ wordBreak: 'break-word' }} data-testid="sms-message-error">
            {message.lastError}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * 短信发件箱: the appointment SMS that calls queue for customers, and the gateway webhook they are
 * sent through. Without a gateway nothing leaves the outbox, and the panel says so. Everyone sees
 * the address; only a lead or admin changes it (`canChange`, the same rule as the SLA settings).
 */
export function SmsPanel(props: { canChange: boolean }): JSX.Element {
  const { t } = useTranslation(['settings', 'common']);
  const { canChange } = props;
  const dateLocale = useDateLocale();
  const rows = useSms((s) => s.rows);
  const counts = useSms((s) => s.counts);
  const gatewayConfigured = useSms((s) => s.gatewayConfigured);
  const saved = useSms((s) => s.webhookUrl);
  const loaded = useSms((s) => s.loaded);
  const loadError = useSms((s) => s.loadError);
  const saving = useSms((s) => s.saving);
  const saveError = useSms((s) => s.saveError);
  const load = useSms((s) => s.load);
  // What the lead is typing while it differs from the saved address; null follows the saved one.
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? saved ?? '';
  const changed = draft !== null && draft !== (saved ?? '');
  const total = SMS_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const when = (at: number): string => format(at, t('sms.dateTimeFormat'), { locale: dateLocale });

  useEffect(() => {
    useSms.getState().clearSaveError();
    void load();
    // Whether a gateway is configured follows the setting; the core reports that change as 'settings'.
    return api.on('data.changed', (event) => {
      if (event.entities.includes('messages') || event.entities.includes('settings')) void load();
    });
  }, [load]);

  const save = async (): Promise<void> => {
    if (!canChange || !changed) return;
    const ok = await useSms.getState().saveWebhook(value);
    if (!ok) return;
    setDraft(null);
    const now = useSms.getState().webhookUrl ?? '';
    notifications.show({ color: 'teal', message: t(now === '' ? 'sms.cleared' : 'sms.saved') });
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="sms-panel">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h5">
            {t('sms.title')}
          </Title>
          <Group gap={6} data-testid="sms-counts">
            {SMS_STATUSES.map((status) => (
              <Badge
                key={status}
                color={STATUS_COLORS[status]}
                variant={counts[status] > 0 ? 'light' : 'outline'}
                tt="none"
                data-testid={`sms-count-${status}`}
                data-count={counts[status]}
              >
                {t('sms.countLabel', { status: t(`sms.status.${status}`), n: counts[status] })}
              </Badge>
            ))}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('sms.intro')}
        </Text>

        <TextInput
          maw={720}
          label={t('sms.webhook')}
          description={t(canChange ? 'sms.webhookNote' : 'sms.webhookReadOnly')}
          placeholder={t(canChange ? 'sms.webhookPlaceholder' : 'sms.webhookNotSet')}
          value={value}
          readOnly={!canChange}
          variant={canChange ? 'default' : 'filled'}
          // Until the saved address is read, an empty field would look like "not set".
          disabled={saved === null}
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            if (useSms.getState().saveError) useSms.getState().clearSaveError();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void save();
          }}
          error={saveError ? webhookError(t, saveError) : undefined}
          errorProps={{ 'data-testid': 'sms-webhook-error', role: 'alert' }}
          inputContainer={(input) =>
            canChange ? (
              <Group gap="sm" wrap="nowrap">
                <div style={{ flex: 1 }}>{input}</div>
                <Button onClick={() => void save()} disabled={!changed} loading={saving} data-testid="sms-webhook-save">
                  {t('sms.save')}
                </Button>
              </Group>
            ) : (
              input
            )
          }
          data-testid="sms-webhook-input"
        />

        {loaded && !gatewayConfigured && (
          <Alert color="orange" variant="light" data-testid="sms-gateway-missing">
            <Text size="sm" fw={500}>
              {t('sms.gatewayMissing')}
            </Text>
            {!canChange && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('sms.gatewayMissingAgent')}
              </Text>
            )}
          </Alert>
        )}

        {loadError && (
          <Alert color="red" variant="light" title={t('sms.loadFailed')} data-testid="sms-load-error">
            {describeApiError(t, loadError)}
            <Button mt="sm" size="xs" variant="default" display="block" onClick={() => void load()}>
              {t('common:retry')}
            </Button>
          </Alert>
        )}

        {!loaded && !loadError ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        ) : loaded && rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="sms-empty">
            {t('sms.empty')}
          </Text>
        ) : (
          loaded && (
            <ScrollArea.Autosize mah={480} type="auto" offsetScrollbars>
              <Table stickyHeader striped verticalSpacing={6} horizontalSpacing="sm" fz="sm" aria-label={t('sms.title')} data-testid="sms-messages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={150}>{t('sms.columns.time')}</Table.Th>
                    <Table.Th w={110}>{t('sms.columns.customer')}</Table.Th>
                    <Table.Th>{t('sms.columns.body')}</Table.Th>
                    <Table.Th w={180}>{t('sms.columns.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((message) => (
                    <MessageRow key={message.id} message={message} when={when} />
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )
        )}
        {loaded && rows.length < total && (
          <Text size="xs" c="dimmed" data-testid="sms-more">
            {t('sms.more', { shown: rows.length, total })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
