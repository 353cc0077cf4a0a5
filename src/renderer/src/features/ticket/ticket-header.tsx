import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/tickets/ticket-model';
import { describeApiError } from '../shell/api-error';
import { TICKET_STATUS_COLORS } from '../tickets/ticket-sla';
import type { TicketOptions } from '../tickets/tickets-store';
import { severityColor } from '../tickets/use-ticket-options';
import { useTicket } from './ticket-store';

/** Number, kind, status, severity (changeable, with a reason), owner and department. */
export function TicketHeader(props: { ticket: Ticket; options: TicketOptions | null; onBack(): void }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const { ticket, options } = props;
  const pending = useTicket((s) => s.severity);
  const error = useTicket((s) => s.severityError);
  const busy = useTicket((s) => s.severityBusy);
  const { pickSeverity, setSeverityReason, submitSeverity } = useTicket.getState();
  const finished = ticket.status === 'closed' || ticket.status === 'voided';
  // Options describe the active policy; an issue registered under another keeps its own severities,
  // which the API does not list yet, so its severity cannot be offered for change here.
  const otherPolicy = options !== null && options.policyId !== ticket.policyId;
  // A policy change can leave a ticket on a severity the options no longer list; keep it selectable as is.
  const severities = options?.severities ?? [];
  const known = severities.some((s) => s.key === ticket.severity);
  const data = [
    ...(known ? [] : [{ value: ticket.severity, label: ticket.severity }]),
    ...severities.map((s) => ({ value: s.key, label: s.label })),
  ];

  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="wrap">
            <Button size="sm" variant="subtle" onClick={props.onBack} data-testid="ticket-back">
              ← {t('common:back')}
            </Button>
            <Title order={1} size="h4" ff="monospace" data-testid="ticket-number">
              {ticket.number}
            </Title>
            <Badge variant="outline" color={ticket.kind === 'complaint' ? 'red' : 'blue'} tt="none" data-testid="ticket-kind">
              {t(`kind.${ticket.kind}`)}
            </Badge>
            <Badge variant="filled" color={TICKET_STATUS_COLORS[ticket.status]} tt="none" data-testid="ticket-status" data-status={ticket.status}>
              {t(`status.${ticket.status}`)}
            </Badge>
          </Group>
          <Group gap="lg" wrap="wrap">
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {t('detail.owner')}{' '}
              </Text>
              <span data-testid="ticket-owner">{ticket.ownerName ?? t('noOwner')}</span>
            </Text>
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {t('detail.department')}{' '}
              </Text>
              <span data-testid="ticket-department">{ticket.department || t('detail.none')}</span>
            </Text>
          </Group>
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('detail.severity')}
            size="xs"
            value={pending?.key ?? ticket.severity}
            onChange={(event) => pickSeverity(event.currentTarget.value)}
            data={data}
            disabled={finished || busy || !options || otherPolicy}
            w={320}
            leftSection={<SeverityDot color={severityColor(pending?.key ?? ticket.severity)} />}
            title={finished ? t('detail.severityLocked') : otherPolicy ? t('detail.otherPolicy') : undefined}
            data-testid="ticket-severity"
          />
          {pending && (
            <>
              <TextInput
                size="xs"
                label={t('detail.severityReason')}
                placeholder={t('detail.severityReasonPlaceholder')}
                value={pending.reason}
                onChange={(event) => setSeverityReason(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') void submitSeverity();
                }}
                maxLength={1000}
                w={320}
                autoFocus
                data-testid="ticket-severity-reason"
              />
              <Button size="xs" loading={busy} onClick={() => void submitSeverity()} data-testid="ticket-severity-confirm">
                {t('detail.severityConfirm')}
              </Button>
              <Button size="xs" variant="default" onClick={() => pickSeverity(null)} data-testid="ticket-severity-cancel">
                {t('common:cancel')}
              </Button>
            </>
          )}
        </Group>
        {pending && (
          <Text size="xs" c="dimmed">
            {t('detail.severityHint')}
          </Text>
        )}
        {otherPolicy && !finished && (
          <Text size="xs" c="dimmed" data-testid="ticket-other-policy">
            {t('detail.otherPolicy')}
          </Text>
        )}
        {error && (
          <Alert color="red" py="xs" data-testid="ticket-severity-error">
            {describeApiError(t, error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function SeverityDot({ color }: { color: string }): JSX.Element {
  return <span aria-hidden style={{ width: 10, height: 10, borderRadius: '50%', background: `var(--mantine-color-${color}-6)` }} />;
}
