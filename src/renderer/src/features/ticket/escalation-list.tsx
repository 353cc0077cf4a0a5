import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/tickets/ticket-model';
import { useDateLocale } from '../shell/date-locale';
import { formatDuration } from '../shell/format-duration';

/** The escalation chain: who must act at each level, by when, and whether they did. */
export function EscalationList({ ticket, now }: { ticket: Ticket; now: number }): JSX.Element | null {
  const { t } = useTranslation(['tickets', 'common']);
  const dateLocale = useDateLocale();
  if (ticket.escalations.length === 0) return null;
  const when = (at: number): string => format(at, t('dateTimeFormat'), { locale: dateLocale });
  const levels = [...ticket.escalations].sort((a, b) => a.level - b.level);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="ticket-escalations">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('escalation.title', { reason: t(`escalation.reason.${levels[0]?.reason ?? 'breach'}`) })}
        </Text>
        {levels.map((e) => {
          const late = e.doneAt === null && now > e.dueAt;
          const state = e.doneAt !== null ? 'done' : late ? 'late' : 'open';
          return (
            <Group key={e.level} justify="space-between" wrap="nowrap" gap="xs" data-testid="ticket-escalation" data-level={e.level} data-state={state}>
              <div>
                <Text size="sm" fw={500}>
                  {t('escalation.level', { level: e.level, role: t(`escalation.role.${e.role}`) })}
                </Text>
                <Text size="xs" c={late ? 'red.7' : 'dimmed'}>
                  {e.doneAt !== null
                    ? t('escalation.doneAt', { time: when(e.doneAt) })
                    : late
                      ? t('escalation.lateBy', { time: when(e.dueAt), duration: formatDuration(t, now - e.dueAt) })
                      : t('escalation.dueAt', { time: when(e.dueAt) })}
                </Text>
              </div>
              <Badge size="sm" variant="light" color={state === 'done' ? 'teal' : late ? 'red' : 'orange'} tt="none">
                {t(`escalation.state.${state}`)}
              </Badge>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
