import { Badge, Button, CopyButton, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { format } from 'date-fns';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/result';
import type { LocalRejection } from '../../../../shared/api/sync-contract';
import { describeApiError } from '../shell/api-error';
import { useDateLocale } from '../shell/date-locale';
import { useSync } from './sync-store';
import { mutationLabel, rejectionReason } from './sync-text';
import { typedContent } from './typed-content';

/**
 * One refused edit: what it was, when, why, and what the agent had typed into it, shown whole
 * with a copy button because the hub kept none of it. "已处理" only hides it here.
 */
export function RejectionCard(props: { rejection: LocalRejection }): JSX.Element {
  const { t } = useTranslation(['sync', 'common']);
  const dateLocale = useDateLocale();
  const { rejection } = props;
  const id = rejection.mutationId;
  const dismissing = useSync((s) => s.dismissing.includes(id));
  const [error, setError] = useState<ApiError | null>(null);
  const typed = typedContent(rejection.args);
  const when = (at: number): string => format(at, t('dateTimeFormat'), { locale: dateLocale });

  const dismiss = async (): Promise<void> => {
    setError(null);
    setError(await useSync.getState().dismissRejection(id));
  };

  return (
    <Paper withBorder radius="md" p="sm" data-testid={`rejection-${id}`} data-code={rejection.code} data-name={rejection.name}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm" data-testid="rejection-what">
            {mutationLabel(t, rejection.name)}
          </Text>
          <Badge color="red" variant="light" tt="none">
            {t(`rejections.code.${rejection.code}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('rejections.madeAt', { time: when(rejection.createdAt) })} · {t('rejections.rejectedAt', { time: when(rejection.rejectedAt) })}
        </Text>
        <Text size="sm" data-testid="rejection-reason" style={{ wordBreak: 'break-word' }}>
          {rejectionReason(t, rejection)}
        </Text>
        {typed.map(({ field, text }) => (
          <TypedText key={field} label={t(`rejections.field.${field}`)} text={text} />
        ))}
        <Text size="sm" fw={500}>
          {t(typed.length > 0 ? 'rejections.todoTyped' : 'rejections.todo')}
        </Text>
        {error && (
          <Text size="xs" c="red.8" role="alert">
            {t('rejections.dismissFailed', { detail: describeApiError(t, error) })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button size="xs" variant="light" loading={dismissing} onClick={() => void dismiss()} data-testid={`rejection-dismiss-${id}`}>
            {t('rejections.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Read-only so nothing is changed by accident, but selectable; the button copies it all at once. */
function TypedText(props: { label: string; text: string }): JSX.Element {
  const { t } = useTranslation('sync');
  return (
    <Stack gap={4}>
      <Textarea label={props.label} value={props.text} readOnly autosize minRows={2} maxRows={8} variant="filled" data-testid="rejection-typed" />
      <Group justify="flex-start">
        <CopyButton value={props.text}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="default" color={copied ? 'teal' : undefined} onClick={copy} data-testid="rejection-copy">
              {copied ? t('rejections.copied') : t('rejections.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
