import { ActionIcon, Alert as Callout, Badge, Button, Center, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { format } from 'date-fns';
import { memo, useEffect, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Locale } from 'date-fns';
import type { Alert } from '../../../../shared/api/alert-contract';
import { describeApiError } from '../shell/api-error';
import { useDateLocale } from '../shell/date-locale';
import { useSettings } from '../settings/settings-store';
import { describeAlert } from './alert-text';
import { useAlerts } from './alerts-store';
import { DndSwitch } from './dnd-switch';

const AlertEntry = memo(function AlertEntry(props: { t: TFunction; alert: Alert; dateLocale: Locale }): JSX.Element {
  const { t, alert } = props;
  const calendar = useSettings((s) => s.setup?.calendar ?? null);
  const text = describeAlert(t, alert, calendar);
  const unread = alert.readAt === null;
  const open = (): void => useAlerts.getState().open(alert);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    let target: Element | null = null;
    if (event.key === 'Enter') open();
    else if (event.key === 'ArrowDown') target = event.currentTarget.nextElementSibling;
    else if (event.key === 'ArrowUp') target = event.currentTarget.previousElementSibling;
    else return;
    event.preventDefault();
    if (target instanceof HTMLElement) target.focus();
  };
  const when = (at: number): string => format(at, t('alerts:dateTimeFormat'), { locale: props.dateLocale });
  return (
    <Paper
      withBorder
      radius="sm"
      px="sm"
      py={6}
      tabIndex={0}
      role="button"
      onClick={open}
      onKeyDown={onKeyDown}
      data-testid="alert-entry"
      data-alert-id={alert.id}
      data-read={!unread}
      data-kind={alert.kind}
      style={{
        cursor: 'pointer',
        borderLeft: `4px solid var(--mantine-color-${alert.kind === 'breach' ? 'red' : 'orange'}-6)`,
        background: unread ? 'var(--mantine-color-body)' : 'var(--mantine-color-gray-0)',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Badge size="xs" color={alert.kind === 'breach' ? 'red' : 'orange'} variant={unread ? 'filled' : 'light'} tt="none">
              {text.title}
            </Badge>
            <Text size="sm" fw={unread ? 700 : 400} c={unread ? undefined : 'dimmed'} truncate data-testid="alert-text">
              {text.body}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('alerts:times', { fired: when(alert.firedAt), due: when(alert.dueAt) })}
          </Text>
        </Stack>
        {unread && (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('alerts:markRead')}
            title={t('alerts:markRead')}
            onClick={(event) => {
              event.stopPropagation();
              void useAlerts.getState().markRead([alert.id]);
            }}
            data-testid="alert-mark-read"
          >
            <CheckIcon />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
});

/** 提醒中心: every SLA alert, newest first; unread in bold; notification settings at the top. */
export function AlertCentre(): JSX.Element {
  const { t } = useTranslation(['alerts', 'common']);
  const dateLocale = useDateLocale();
  const rows = useAlerts((s) => s.rows);
  const total = useAlerts((s) => s.total);
  const unread = useAlerts((s) => s.unread);
  const atRisk = useAlerts((s) => s.atRisk);
  const loaded = useAlerts((s) => s.loaded);
  const loading = useAlerts((s) => s.loading);
  const error = useAlerts((s) => s.error);
  const permission = useAlerts((s) => s.permission);
  const { load, loadMore, markAllRead, requestPermission } = useAlerts.getState();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <ScrollArea style={{ flex: 1 }} type="auto" data-testid="alert-centre">
      <Stack gap="md" p="md" maw={1000}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Title order={1} size="h4">
              {t('centre.title')}
            </Title>
            <Text size="sm" c="dimmed" data-testid="alert-counts">
              {t('centre.counts', { unread, atRisk })}
            </Text>
          </Group>
          <Button size="xs" variant="default" disabled={unread === 0} onClick={() => void markAllRead()} data-testid="alert-mark-all-read">
            {t('centre.markAllRead')}
          </Button>
        </Group>

        <Paper withBorder radius="md" p="sm">
          <Stack gap="xs">
            <DndSwitch />
            <Group gap="sm" data-testid="notify-permission" data-permission={permission}>
              <Text size="xs" c="dimmed">
                {t(`centre.permission.${permission}`)}
              </Text>
              {permission === 'default' && (
                <Button size="compact-xs" variant="light" onClick={() => void requestPermission()} data-testid="notify-permission-request">
                  {t('centre.permission.ask')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>

        {error && (
          <Callout color="red" title={t('centre.loadFailed')}>
            {describeApiError(t, error)}
          </Callout>
        )}

        {!loaded ? (
          <Center py="xl">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="alert-empty">
            {t('centre.empty')}
          </Text>
        ) : (
          <Stack gap={6} data-testid="alert-list">
            {rows.map((alert) => (
              <AlertEntry key={alert.id} t={t} alert={alert} dateLocale={dateLocale} />
            ))}
          </Stack>
        )}
        {rows.length < total && (
          <Center>
            <Button size="xs" variant="default" loading={loading} onClick={() => void loadMore()} data-testid="alert-more">
              {t('centre.more', { count: total - rows.length })}
            </Button>
          </Center>
        )}
      </Stack>
    </ScrollArea>
  );
}

function CheckIcon(): JSX.Element {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M20 6 9 17l-5-5" />
    </svg>
  );
}
