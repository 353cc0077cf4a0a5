import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../shell/api-error';
import { useTicket, type EntryDraft } from './ticket-store';

/**
 * A line for the timeline: progress the customer is told ("sent to the technical department,
 * result by tomorrow noon"), or a note that stays inside the team. The two look different here
 * and in the timeline so an internal remark is never read out to a customer by mistake.
 */
export function EntryForm({ disabled }: { disabled: boolean }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const entry = useTicket((s) => s.entry);
  const busy = useTicket((s) => s.entryBusy);
  const error = useTicket((s) => s.entryError);
  const { setEntry, submitEntry } = useTicket.getState();
  const internal = entry.kind === 'internal_note';

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="add-entry"
      style={internal ? { background: 'var(--mantine-color-yellow-0)', borderColor: 'var(--mantine-color-yellow-4)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600} size="sm">
            {t('entry.title')}
          </Text>
          <SegmentedControl
            size="xs"
            value={entry.kind}
            onChange={(value) => setEntry({ kind: value as EntryDraft['kind'] })}
            data={[
              { value: 'progress', label: t('entry.kind.progress') },
              { value: 'internal_note', label: t('entry.kind.internal_note') },
            ]}
            aria-label={t('entry.kindLabel')}
            data-testid="add-entry-kind"
          />
        </Group>
        <Textarea
          value={entry.body}
          onChange={(event) => setEntry({ body: event.currentTarget.value })}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
              event.preventDefault();
              void submitEntry();
            }
          }}
          placeholder={t(`entry.placeholder.${entry.kind}`)}
          aria-label={t(`entry.kind.${entry.kind}`)}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          disabled={disabled}
          data-testid="add-entry-body"
        />
        {error && (
          <Alert color="red" py="xs" data-testid="add-entry-error">
            {describeApiError(t, error)}
          </Alert>
        )}
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c={internal ? 'yellow.9' : 'dimmed'}>
            {internal ? t('entry.internalHint') : t('entry.progressHint')}
          </Text>
          <Button
            size="sm"
            color={internal ? 'yellow' : undefined}
            loading={busy}
            disabled={disabled || entry.body.trim() === ''}
            onClick={() => void submitEntry()}
            data-testid="add-entry-submit"
          >
            {t(`entry.submit.${entry.kind}`)}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
