import { Alert, Button, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { CalendarBasisMark } from '../shell/calendar-basis-mark';
import { DISPOSITIONS } from '../../../../shared/domain/model';
import { useDateLocale } from '../shell/date-locale';
import { useCallStore } from './call-store';

const toLocalInput = (ms: number) => format(ms, "yyyy-MM-dd'T'HH:mm");

/** Field of a rejected finish -> what the agent should do about it. */
const FIELD_HINTS: [string, string][] = [
  ['rescheduleAt', 'fieldHint.rescheduleAt'],
  ['answers', 'fieldHint.answers'],
  ['notes', 'fieldHint.notes'],
  ['disposition', 'fieldHint.disposition'],
];

/** A score the script asked for, as call.finish will record it. */
function score(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** How the call ended; a busy customer needs the agreed time. */
export function FinishPanel({ onFinished }: { onFinished(): void }) {
  const { t } = useTranslation(['call', 'common']);
  const dateLocale = useDateLocale();
  const disposition = useCallStore((s) => s.disposition);
  const rescheduleAt = useCallStore((s) => s.rescheduleAt);
  const slots = useCallStore((s) => s.slots);
  const slotsWithinDueWindow = useCallStore((s) => s.slotsWithinDueWindow);
  const finishing = useCallStore((s) => s.finishing);
  const error = useCallStore((s) => s.finishError);
  const satisfaction = score(useCallStore((s) => s.answers.satisfaction));
  const nps = score(useCallStore((s) => s.answers.nps));
  const { setDisposition, setRescheduleAt, finish } = useCallStore.getState();
  const fields = Object.entries(error?.fields ?? {});
  // The core's detail is technical English; say what to do in the agent's language, keep the detail below it.
  const hints = [...new Set(fields.map(([field]) => FIELD_HINTS.find(([prefix]) => field.startsWith(prefix))?.[1]).filter((k): k is string => !!k))];
  const detail = fields.length > 0
    ? fields.map(([field, message]) => (message.startsWith('answer.') ? `${field}: ${t(`common:${message}`)}` : message.startsWith('reschedule.') ? t(`call:${message}`) : `${field}: ${message}`)).join('; ')
    : error?.message;
  const none = t('none');
  return (
    <Paper withBorder p="sm" radius="md" data-testid="finish-panel">
      <Stack gap="xs">
        <Text fw={600} size="sm" id="outcome-label">
          {t('outcome')}
        </Text>
        {/* Buttons that wrap rather than a segmented control: five outcomes do not fit one line in every language. */}
        <Group gap={6} role="radiogroup" aria-labelledby="outcome-label">
          {DISPOSITIONS.map((d, i) => (
            <Button
              key={d}
              size="compact-sm"
              role="radio"
              aria-checked={disposition === d}
              variant={disposition === d ? 'filled' : 'default'}
              color={disposition === d && d !== 'completed' ? 'orange' : undefined}
              onClick={() => setDisposition(d)}
              data-testid={`disposition-${d}`}
              rightSection={
                <Kbd size="xs" fz={10}>
                  Alt+{i + 1}
                </Kbd>
              }
            >
              {t(`common:disposition.${d}`)}
            </Button>
          ))}
        </Group>
        {disposition === 'customer_busy' && (
          <Stack gap={4} data-testid="reschedule">
            <Text size="sm">{t('rescheduleTo')}</Text>
            {!slotsWithinDueWindow && slots.length > 0 && (
              <Text size="xs" c="orange.8" data-testid="slots-after-due-window">
                {t('slotsAfterDueWindow')}
              </Text>
            )}
            <Group gap="xs">
              {slots.map((slot) => (
                <Button
                  key={slot}
                  size="compact-sm"
                  variant={rescheduleAt === slot ? 'filled' : 'default'}
                  aria-pressed={rescheduleAt === slot}
                  onClick={() => setRescheduleAt(slot)}
                  data-testid="slot"
                >
                  {format(slot, t('slotFormat'), { locale: dateLocale })}
                  <CalendarBasisMark at={slot} />
                </Button>
              ))}
            </Group>
            <Group gap="xs">
              <Text size="sm" component="label" htmlFor="reschedule-custom">
                {t('customTime')}
              </Text>
              <input
                id="reschedule-custom"
                type="datetime-local"
                data-testid="reschedule-custom"
                style={{ font: 'inherit', fontSize: 'var(--mantine-font-size-sm)', padding: '2px 6px' }}
                value={rescheduleAt ? toLocalInput(rescheduleAt) : ''}
                onChange={(event) => setRescheduleAt(event.currentTarget.value ? new Date(event.currentTarget.value).getTime() : null)}
              />
            </Group>
          </Stack>
        )}
        <Text size="xs" c="dimmed" data-testid="finish-scores">
          {t('scoresToRecord', { satisfaction: satisfaction ?? none, nps: nps ?? none })}
        </Text>
        {error && (
          <Alert color="red" data-testid="error" title={t('finishFailed')}>
            <Stack gap={2}>
              {hints.map((key) => (
                <Text key={key} size="sm" fw={600}>
                  {t(key)}
                </Text>
              ))}
              <Text size="xs" c={hints.length > 0 ? 'dimmed' : undefined}>
                {detail}
              </Text>
            </Stack>
          </Alert>
        )}
        <Button
          data-testid="finish-call"
          loading={finishing}
          onClick={() => void finish().then((ok) => ok && onFinished())}
          rightSection={
            <Kbd size="xs" fz={10}>
              Ctrl+Enter
            </Kbd>
          }
        >
          {t('finish')}
        </Button>
      </Stack>
    </Paper>
  );
}
