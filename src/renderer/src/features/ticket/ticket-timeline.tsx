import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import type { TFunction } from 'i18next';
import type { CSSProperties, JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES, type TimelineEntry, type TimelineKind } from '../../../../shared/tickets/ticket-model';
import { useDateLocale } from '../shell/date-locale';
import { severityLabel, type TicketOptions } from '../tickets/tickets-store';

const KIND_COLORS: Record<TimelineKind, string> = {
  status: 'blue',
  progress: 'cyan',
  internal_note: 'yellow',
  severity: 'orange',
  escalation: 'red',
  approval: 'violet',
  owner: 'gray',
};

/** Progress for the customer and internal notes are set apart at a glance: blue rule vs yellow paper. */
const KIND_STYLES: Partial<Record<TimelineKind, CSSProperties>> = {
  progress: { borderLeft: '4px solid var(--mantine-color-cyan-6)', background: 'var(--mantine-color-cyan-0)' },
  internal_note: { borderLeft: '4px solid var(--mantine-color-yellow-6)', background: 'var(--mantine-color-yellow-0)' },
};

const isStatus = (value: unknown): value is (typeof TICKET_STATUSES)[number] =>
  typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);

/** The headline of an entry that records a change: which status, severity, escalation, approval. */
function headline(t: TFunction, entry: TimelineEntry, options: TicketOptions | null): string | null {
  const data = entry.data;
  switch (entry.kind) {
    case 'status': {
      const to = entry.toStatus ? t(`tickets:status.${entry.toStatus}`) : '';
      const line = entry.fromStatus ? t('tickets:timeline.statusChange', { from: t(`tickets:status.${entry.fromStatus}`), to }) : t('tickets:timeline.statusSet', { to });
      const rating = typeof data.rating === 'string' && data.rating ? ` · ${t(`tickets:rating.${data.rating}`)}` : '';
      const compensations = typeof data.compensations === 'string' && data.compensations
        ? ` · ${data.compensations.split(',').map((c) => t(`tickets:compensation.${c}`)).join('、')}`
        : '';
      return line + rating + compensations;
    }
    case 'severity':
      return t('tickets:timeline.severity', {
        from: severityLabel(options, String(data.from ?? '')).short,
        to: severityLabel(options, String(data.to ?? '')).short,
      });
    case 'escalation':
      return t('tickets:timeline.escalation', {
        reason: t(`tickets:escalation.reason.${String(data.reason ?? 'breach')}`),
        levels: Number(data.levels ?? 1),
      });
    case 'approval':
      return data.approved === true ? t('tickets:timeline.approved') : t('tickets:timeline.rejected');
    case 'owner':
      return t('tickets:timeline.owner');
    case 'progress':
      // A recorded step (departed, on site, customer told, ...): the customer is told this too.
      return typeof data.step === 'string' ? t(`tickets:steps.step.${data.step}`) : null;
    default:
      return null;
  }
}

/** Everything that happened to the issue, newest first. */
export function TicketTimeline({ timeline, options }: { timeline: TimelineEntry[]; options: TicketOptions | null }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const dateLocale = useDateLocale();
  const entries = [...timeline].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('timeline.title', { count: entries.length })}
        </Text>
        <Stack gap={6} data-testid="ticket-timeline">
          {entries.map((entry) => {
            const head = headline(t, entry, options);
            return (
              <div
                key={entry.id}
                data-testid="timeline-entry"
                data-kind={entry.kind}
                data-to-status={isStatus(entry.toStatus) ? entry.toStatus : undefined}
                style={{ padding: '6px 10px', borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-gray-2)', ...KIND_STYLES[entry.kind] }}
              >
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Badge size="xs" variant="light" color={KIND_COLORS[entry.kind]} tt="none" data-testid={`entry-kind-${entry.kind}`}>
                      {t(`timeline.kind.${entry.kind}`)}
                    </Badge>
                    {head && (
                      <Text size="sm" fw={500} truncate data-testid="entry-headline">
                        {head}
                      </Text>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {entry.agentName} · {format(entry.at, t('dateTimeFormat'), { locale: dateLocale })}
                  </Text>
                </Group>
                {entry.body && (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} data-testid="entry-body">
                    {entry.body}
                  </Text>
                )}
              </div>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}
