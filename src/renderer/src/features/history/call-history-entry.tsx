import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { Locale, type CallRecord } from '../../../../shared/domain/model';
import type { Script } from '../../../../shared/scripts/script-schema';
import { useDateLocale } from '../shell/date-locale';
import { describeAnswer, orderAnswers } from './format-answer';

const DISPOSITION_COLORS: Record<string, string> = {
  completed: 'teal',
  customer_busy: 'violet',
  no_answer: 'orange',
  wrong_number: 'gray',
  refused: 'red',
};

/** One finished call, with everything the next agent needs before dialling the same customer. */
export function CallHistoryEntry(props: { call: CallRecord; script: Script | undefined }): JSX.Element {
  const { t, i18n } = useTranslation(['history', 'common']);
  const parsedLocale = Locale.safeParse(i18n.resolvedLanguage ?? i18n.language);
  const locale = parsedLocale.success ? parsedLocale.data : 'zh-CN';
  const dateLocale = useDateLocale();
  const c = props.call;
  const none = t('call.none');
  const answers = orderAnswers(Object.entries(c.answers), props.script).map(([key, value]) => describeAnswer(t, key, value, props.script, locale));

  return (
    <Card withBorder padding="sm" radius="md" component="article" data-testid="history-entry" data-call-id={c.id}>
      <Stack gap={6}>
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Text fw={600} size="sm" component="time" dateTime={new Date(c.startedAt).toISOString()}>
              {format(c.startedAt, t('dateTimeFormat'), { locale: dateLocale })}
            </Text>
            <Text size="sm">{t(`common:callbackType.${c.callbackType}`)}</Text>
            {c.disposition && (
              <Badge size="sm" variant="light" color={DISPOSITION_COLORS[c.disposition] ?? 'gray'}>
                {t(`common:disposition.${c.disposition}`)}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('call.agent')}: {c.agentName}
          </Text>
        </Group>

        <Group gap="lg">
          <Text size="sm">
            {t('call.satisfaction')}: <b>{c.satisfaction ?? none}</b>
          </Text>
          <Text size="sm">
            {t('call.nps')}: <b>{c.nps ?? none}</b>
          </Text>
        </Group>

        {c.notes.trim() !== '' && (
          <div>
            <Text size="xs" c="dimmed">
              {t('call.notes')}
            </Text>
            {/* Notes keep the agent's own line breaks. */}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="history-notes">
              {c.notes}
            </Text>
          </div>
        )}

        <div>
          <Text size="xs" c="dimmed">
            {t('call.answers')}
          </Text>
          {answers.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('call.noAnswers')}
            </Text>
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {answers.map((line) => (
                <Text key={line.key} size="sm" component="li" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="history-answer" data-key={line.key}>
                  <Text span size="sm" c="dimmed">
                    {t('call.answerLabel', { question: line.question })}
                  </Text>
                  {line.answer}
                </Text>
              ))}
            </Stack>
          )}
        </div>
      </Stack>
    </Card>
  );
}
