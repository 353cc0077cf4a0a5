import { Alert, Button, Center, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { DndSwitch } from '../alerts/dnd-switch';
import { useSession } from '../session/session-store';
import { SyncPanel } from '../sync/sync-panel';
import { describeApiError } from '../shell/api-error';
import { CalendarPanel } from './calendar-panel';
import { canChangeSla, useSettings } from './settings-store';
import { SlaPresetPanel } from './sla-preset-panel';
import { SmsPanel } from './sms-panel';

/**
 * 设置: the SLA preset and working calendar every issue's clock depends on, sync with the hub,
 * the SMS outbox and its gateway, and do-not-disturb. Everyone sees them, so an agent can tell
 * why a due time falls where it does or why a customer got no SMS; only a team lead changes the
 * shared ones (the core enforces it for the SLA settings; the screen only leaves out controls
 * that would be refused). Signing in to the hub is each agent's own, on their own desktop.
 */
export function SettingsScreen(): JSX.Element {
  const { t } = useTranslation(['settings', 'common']);
  const role = useSession((s) => s.session?.agent?.role);
  const setup = useSettings((s) => s.setup);
  const loadError = useSettings((s) => s.loadError);
  const failure = useSettings((s) => s.failure);
  const load = useSettings((s) => s.load);
  const canChange = canChangeSla(role);

  useEffect(() => {
    useSettings.getState().clearFailure();
    void load();
    // Another window of this desktop, or the locale (preset names are translated by the core).
    return api.on('data.changed', (event) => {
      if (event.entities.includes('settings')) void load();
    });
  }, [load]);

  const refused = failure?.kind === 'api' && failure.error.code === 'unauthorized' ? failure.error : null;
  const otherFailure = failure?.kind === 'api' && failure.action !== 'import' && !refused ? failure.error : null;

  return (
    <ScrollArea style={{ flex: 1 }} type="auto" data-testid="settings-screen">
      <Stack gap="md" p="md" maw={960}>
        <Title order={1} size="h4">
          {t('title')}
        </Title>

        {(!canChange || refused) && (
          <Alert color={refused ? 'red' : 'gray'} variant="light" data-testid="settings-unauthorized" data-refused={refused ? 'true' : 'false'}>
            <Text size="sm">{t(refused ? 'unauthorized.refused' : 'unauthorized.readOnly')}</Text>
            {refused && (
              <Text size="xs" c="dimmed" mt={4}>
                {refused.message}
              </Text>
            )}
          </Alert>
        )}

        {otherFailure && (
          <Alert color="red" variant="light" role="alert" title={t('changeFailed')} data-testid="settings-error">
            {describeApiError(t, otherFailure)}
          </Alert>
        )}

        {loadError && (
          <Alert color="red" title={t('loadFailed')} data-testid="settings-load-error">
            {describeApiError(t, loadError)}
            <Button mt="sm" size="xs" variant="default" display="block" onClick={() => void load()}>
              {t('common:retry')}
            </Button>
          </Alert>
        )}

        {!setup && !loadError && (
          <Center py="xl">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}

        {setup && (
          <>
            <SlaPresetPanel setup={setup} canChange={canChange} />
            <CalendarPanel setup={setup} canChange={canChange} />
          </>
        )}

        <SyncPanel />

        {/* Not tied to the SLA setup: the outbox shows even when that could not be read. */}
        <SmsPanel canChange={canChange} />

        <Paper withBorder radius="md" p="md">
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t('notifications.title')}
            </Title>
            <DndSwitch />
          </Stack>
        </Paper>
      </Stack>
    </ScrollArea>
  );
}
