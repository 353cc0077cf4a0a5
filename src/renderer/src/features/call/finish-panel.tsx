import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS, type Disposition } from '../../../../shared/domain/model';
import { useCallStore } from './call-store';

const toLocalInput = (ms: number) => format(ms, "yyyy-MM-dd'T'HH:mm");

/** How the call ended; a busy customer needs the agreed time. */
export function FinishPanel({ onFinished }: { onFinished(): void }) {
  const { t } = useTranslation(['call', 'common']);
  const disposition = useCallStore((s) => s.disposition);
  const rescheduleAt = useCallStore((s) => s.rescheduleAt);
  const slots = useCallStore((s) => s.slots);
  const finishing = useCallStore((s) => s.finishing);
  const error = useCallStore((s) => s.finishError);
  const { setDisposition, setRescheduleAt, finish } = useCallStore.getState();
  const fieldMessages = Object.entries(error?.fields ?? {}).map(([field, message]) =>
    message.startsWith('answer.') ? `${field}: ${t(`common:${message}`)}` : `${field}: ${message}`,
  );
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('outcome')}
        </Text>
        <SegmentedControl
          fullWidth
          value={disposition}
          onChange={(value) => setDisposition(value as Disposition)}
          data={DISPOSITIONS.map((d, i) => ({
            value: d,
            label: <span data-testid={`disposition-${d}`}>{`${t(`common:disposition.${d}`)} (Alt+${i + 1})`}</span>,
          }))}
        />
        {disposition === 'customer_busy' && (
          <Stack gap={4} data-testid="reschedule">
            <Text size="sm">{t('rescheduleTo')}</Text>
            <Group gap="xs">
              {slots.map((slot) => (
                <Button
                  key={slot}
                  size="compact-sm"
                  variant={rescheduleAt === slot ? 'filled' : 'default'}
                  onClick={() => setRescheduleAt(slot)}
                  data-testid="slot"
                >
                  {format(slot, 'MM-dd HH:mm')}
                </Button>
              ))}
              <input
                type="datetime-local"
                aria-label={t('customTime')}
                data-testid="reschedule-custom"
                value={rescheduleAt ? toLocalInput(rescheduleAt) : ''}
                onChange={(event) => setRescheduleAt(event.currentTarget.value ? new Date(event.currentTarget.value).getTime() : null)}
              />
            </Group>
          </Stack>
        )}
        {error && (
          <Alert color="red" data-testid="error" title={t('finishFailed')}>
            {fieldMessages.length > 0 ? fieldMessages.join('; ') : error.message}
          </Alert>
        )}
        <Button
          data-testid="finish-call"
          loading={finishing}
          onClick={() => void finish().then((ok) => ok && onFinished())}
        >
          {t('finish')} (Ctrl+Enter)
        </Button>
      </Stack>
    </Paper>
  );
}
