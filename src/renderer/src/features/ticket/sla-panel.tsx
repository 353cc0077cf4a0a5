import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import type { TFunction } from 'i18next';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketSla } from '../../../../shared/tickets/ticket-model';
import { CalendarBasisMark } from '../shell/calendar-basis-mark';
import { useDateLocale } from '../shell/date-locale';
import { SLA_COLORS, currentState, describeSla, type SlaTarget } from '../tickets/ticket-sla';

function SlaRow(props: { t: TFunction; target: SlaTarget; sla: TicketSla; stoppedAt: number | null; now: number; dueText: string | null }): JSX.Element {
  const { t, target, sla, now } = props;
  const state = currentState(sla, now);
  return (
    <Stack gap={2} data-testid={`ticket-sla-${target}`} data-state={state}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t(`sla.target.${target}`)}
        </Text>
        <Badge size="sm" variant={state === 'breached' ? 'filled' : 'light'} color={SLA_COLORS[state]} tt="none" data-testid="sla-state">
          {t(`sla.state.${state}`)}
        </Badge>
      </Group>
      <Text size="sm" c={state === 'breached' ? 'red.7' : state === 'at_risk' ? 'orange.7' : undefined} fw={state === 'breached' || state === 'at_risk' ? 600 : undefined} data-testid="sla-left">
        {describeSla(t, sla, now, props.stoppedAt)}
      </Text>
      {props.dueText && (
        <Text size="xs" c="dimmed" data-testid="sla-due">
          {props.dueText}
          <CalendarBasisMark at={state === 'met' ? null : sla.dueAt} clock={sla.clock} />
        </Text>
      )}
    </Stack>
  );
}

/** Both clocks: when each is due, how much time is left (or how late it is), and its state. */
export function SlaPanel({ ticket, now }: { ticket: Ticket; now: number }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const dateLocale = useDateLocale();
  const when = (at: number): string => format(at, t('dateTimeFormat'), { locale: dateLocale });
  const due = (sla: TicketSla, doneAt: number | null): string | null => {
    const parts: string[] = [];
    if (sla.dueAt !== null) parts.push(t('sla.dueAt', { time: when(sla.dueAt) }));
    if (doneAt !== null) parts.push(t('sla.doneAt', { time: when(doneAt) }));
    return parts.length > 0 ? parts.join(' · ') : null;
  };
  // Answered without a separate response (a solution straight away) stops the response clock at resolution.
  const respondedAt = ticket.respondedAt ?? ticket.resolvedAt;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="ticket-sla">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t('sla.title')}
        </Text>
        <SlaRow t={t} target="response" sla={ticket.response} stoppedAt={respondedAt} now={now} dueText={due(ticket.response, respondedAt)} />
        <SlaRow t={t} target="resolution" sla={ticket.resolution} stoppedAt={ticket.resolvedAt} now={now} dueText={due(ticket.resolution, ticket.resolvedAt)} />
        {ticket.pausedSince !== null && (
          <Text size="xs" c="dimmed" data-testid="sla-paused-since">
            {t('sla.pausedSince', { time: when(ticket.pausedSince) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
