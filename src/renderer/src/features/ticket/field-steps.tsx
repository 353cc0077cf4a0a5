import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { ApiError } from '../../../../shared/api/result';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { TicketStep } from '../../../../shared/tickets/ticket-model';
import { api } from '../../api';
import { describeApiError } from '../shell/api-error';
import { useTicket } from './ticket-store';

/**
 * Field-service progress (departed, on site / repairing, waiting for parts) and the steps the
 * policy's rules wait for (customer told, ...): one click records it on the timeline as progress
 * the customer is told, with what was said if anything.
 */
export function FieldSteps({ opened }: { opened: ApiOutput<'ticket.get'> }): JSX.Element | null {
  const { t } = useTranslation(['tickets', 'common']);
  const load = useTicket((s) => s.load);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState<TicketStep | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (opened.steps.length === 0) return null;
  const { ticket } = opened;

  const record = async (step: TicketStep): Promise<void> => {
    setBusy(step);
    setError(null);
    const text = body.trim();
    const result = await api.call('ticket.recordStep', { ticketId: ticket.id, entryId: uuidv7(), step, ...(text ? { body: text } : {}) });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setBody('');
    await load(ticket.id);
  };

  return (
    <Paper withBorder radius="md" p="sm" data-testid="ticket-field-steps">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('steps.title')}
        </Text>
        <TextInput
          size="sm"
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          placeholder={t('steps.bodyPlaceholder')}
          aria-label={t('steps.bodyPlaceholder')}
          maxLength={2000}
          data-testid="field-step-body"
        />
        <Group gap="xs" wrap="wrap">
          {opened.steps.map((step) => (
            <Button
              key={step}
              size="xs"
              variant="light"
              loading={busy === step}
              disabled={busy !== null && busy !== step}
              onClick={() => void record(step)}
              data-testid={`field-step-${step}`}
            >
              {t(`steps.step.${step}`)}
            </Button>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {t('steps.hint')}
        </Text>
        {error && (
          <Alert color="red" py="xs" data-testid="field-step-error">
            {describeApiError(t, error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
