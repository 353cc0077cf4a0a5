import { AppShell, Group, Text, Title } from '@mantine/core';
import { useEffect, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../../shared/domain/model';
import { useAlerts } from '../alerts/alerts-store';
import { SyncIndicator } from '../sync/sync-indicator';
import { useSync } from '../sync/sync-store';
import { AppNav, SettingsNavButton } from './app-nav';
import { CalendarBanner } from './calendar-banner';
import { LocaleSwitch } from './locale-switch';
import { MainView } from './main-view';

const HEADER_HEIGHT = 52;

/** The workstation frame: who is signed in, sync and unsent work, language, and the current screen. */
export function AppShellLayout(props: { agent: Agent; notice: ReactNode }): JSX.Element {
  const { t } = useTranslation();
  // Alerts are heard on every screen, not only in the alert centre.
  useEffect(() => useAlerts.getState().connect(), []);
  // So is the sync state: the indicator and the settings panel read the one status kept here.
  useEffect(() => useSync.getState().connect(), []);
  return (
    <AppShell header={{ height: HEADER_HEIGHT }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Title order={1} size="h4" c="blue.7">
              {t('appName')}
            </Title>
            <AppNav />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" truncate data-testid="agent-label">
              {t('shell.agent', { name: props.agent.name, employeeNo: props.agent.employeeNo })}
            </Text>
            <SyncIndicator />
            <SettingsNavButton />
            <LocaleSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      {/* Main fills exactly the viewport under the header so the screens can give their lists a fixed height. */}
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {props.notice}
        <CalendarBanner agent={props.agent} />
        <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <MainView />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
