import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import type { TFunction } from 'i18next';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketRuleSla, TicketSla } from '../../../../shared/tickets/ticket-model';
import { CalendarBasisMark } from '../shell/calendar-basis-mark';
import { useDateLocale } from '../shell/date-locale';
import { formatDuration } from '../shell/format-duration';
import { SLA_COLORS, currentState, describeSla, type SlaTarget } from '../tickets/ticket-sla';

/** "依据 000 号规范：一般问题：24小时内响应" in the UI language (zh-TW falls back to zh-CN). */
function sourceText(t: TFunction, sla: TicketSla, language: string): string | null {
  if (!sla.source) return null;
  const rule = sla.source.rule[language] ?? sla.source.rule['zh-CN'] ?? Object.values(sla.source.rule)[0] ?? '';
  return t('sla.source', { seed: sla.source.seed, rule });
}

function SlaRow(props: {
  t: TFunction;
  testId: string;
  title: string;
  sla: TicketSla;
  stoppedAt: number | null;
  now: number;
  dueText: string | null;
  note?: string | null;
  language: string;
}): JSX.Element {
  const { t, sla, now } = props;
  const state = currentState(sla, now);
  const source = sourceText(t, sla, props.language);
  return (
    <Stack gap={2} data-testid={props.testId} data-state={state} data-clock={sla.clock ?? undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>
            {props.title}
          </Text>
          {/* Which clock it runs on: calendar time counts nights and holidays, working time does not. */}
          {sla.clock && (
            <Badge size="xs" variant="outline" color={sla.clock === 'calendar' ? 'blue' : 'grape'} tt="none" data-testid="sla-clock">
              {t(`sla.clock.${sla.clock}`)}
            </Badge>
          )}
        </Group>
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
      {props.note && (
        <Text size="xs" c="dimmed" data-testid="sla-note">
          {props.note}
        </Text>
      )}
      {source && (
        <Text size="xs" c="dimmed" data-testid="sla-source">
          {source}
        </Text>
      )}
    </Stack>
  );
}

const ruleTitle = (rule: TicketRuleSla, language: string): string => rule.label[language] ?? rule.label['zh-CN'] ?? rule.key;
const targetTitle = (t: TFunction, target: SlaTarget): string => t(`sla.target.${target}`);

/** Both clocks: when each is due, how much time is left (or how late it is), and its state. */
export function SlaPanel({ ticket, now }: { ticket: Ticket; now: number }): JSX.Element {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const language = i18n.language;
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
        {ticket.legalHoldAt !== null && (
          <Text size="sm" c="red.7" fw={600} data-testid="sla-legal-hold">
            {t('sla.legalHold')}
          </Text>
        )}
        <SlaRow t={t} language={language} testId="ticket-sla-response" title={targetTitle(t, 'response')} sla={ticket.response} stoppedAt={respondedAt} now={now} dueText={due(ticket.response, respondedAt)} />
        <SlaRow
          t={t}
          language={language}
          testId="ticket-sla-resolution"
          title={targetTitle(t, 'resolution')}
          sla={ticket.resolution}
          stoppedAt={ticket.resolvedAt}
          now={now}
          dueText={due(ticket.resolution, ticket.resolvedAt)}
          note={ticket.resolutionFromGoal ? t('sla.fromGoal') : null}
        />
        {ticket.rules.map((rule) => (
          <SlaRow
            key={rule.key}
            t={t}
            language={language}
            testId={`ticket-sla-rule-${rule.key}`}
            title={ruleTitle(rule, language)}
            sla={rule}
            stoppedAt={rule.stoppedAt}
            now={now}
            dueText={due(rule, rule.startsAt === 'received' ? null : rule.stoppedAt)}
            note={
              rule.startsAt === 'received' && rule.startedAt !== null && rule.stoppedAt !== null
                ? t('sla.gap', { duration: formatDuration(t, rule.stoppedAt - rule.startedAt) })
                : rule.startedAt === null
                  ? t(`sla.startsOn.${rule.startsAt}`)
                  : null
            }
          />
        ))}
        {ticket.pausedSince !== null && (
          <Text size="xs" c="dimmed" data-testid="sla-paused-since">
            {t('sla.pausedSince', { time: when(ticket.pausedSince) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
