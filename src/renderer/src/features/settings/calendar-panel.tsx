import { Alert, Button, FileButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaSetup } from '../../../../shared/api/sla-contract';
import { holidayCoverage } from './calendar-dates';
import { ImportError } from './import-error';
import { useSettings } from './settings-store';

function Fact(props: { label: string; children: ReactNode; testId: string; data?: Record<string, string> }): JSX.Element {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm" fw={500} data-testid={props.testId} {...props.data}>
        {props.children}
      </Text>
    </Stack>
  );
}

/**
 * The working calendar SLA clocks count in: whose it is, how many holidays and swapped working
 * days it knows, and up to when. Leads replace its days with an .ics file or go back to the
 * calendar shipped with CareCall.
 */
export function CalendarPanel(props: { setup: SlaSetup; canChange: boolean }): JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const { calendar } = props.setup;
  const busy = useSettings((s) => s.busy);
  const failure = useSettings((s) => s.failure);
  const resetInput = useRef<() => void>(null);
  // Today by the core's clock, in the calendar's zone (the app shell re-reads it).
  const coverage = holidayCoverage(calendar.holidaysKnownThrough, calendar.today);
  const version =
    calendar.revision === 0
      ? t('calendar.versionShipped')
      : t(calendar.importedFrom ? 'calendar.versionImported' : 'calendar.versionReset', {
          revision: calendar.revision,
          date: calendar.importedAt === null ? '' : new Date(calendar.importedAt).toLocaleDateString(i18n.language, { timeZone: calendar.timeZone }),
          by: calendar.importedBy ?? '',
        });
  const through = calendar.holidaysKnownThrough ?? '';

  const onFile = async (file: File | null): Promise<void> => {
    if (!file) return;
    const ok = await useSettings.getState().importIcs(file);
    // Cleared either way, so picking the same (corrected) file again is a change the input reports.
    resetInput.current?.();
    if (!ok) return;
    const next = useSettings.getState().setup?.calendar;
    notifications.show({
      color: 'teal',
      message: t('calendar.imported', { file: file.name, holidays: next?.holidays ?? 0, workdays: next?.workdays ?? 0 }),
    });
  };

  const onReset = async (): Promise<void> => {
    if (await useSettings.getState().resetCalendar()) notifications.show({ color: 'teal', message: t('calendar.resetDone') });
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="calendar-panel">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('calendar.title')}
        </Title>

        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" verticalSpacing="xs" data-testid="calendar-info" data-calendar-id={calendar.id}>
          <Fact label={t('calendar.name')} testId="calendar-name">
            {calendar.name}
          </Fact>
          <Fact label={t('calendar.timeZone')} testId="calendar-time-zone">
            {calendar.timeZone}
          </Fact>
          <Fact label={t('calendar.source')} testId="calendar-imported-from" data={{ 'data-file': calendar.importedFrom ?? '' }}>
            {calendar.importedFrom ? t('calendar.importedFrom', { file: calendar.importedFrom }) : t('calendar.shipped')}
          </Fact>
          <Fact label={t('calendar.holidays')} testId="calendar-holidays" data={{ 'data-count': String(calendar.holidays) }}>
            {t('calendar.days', { count: calendar.holidays })}
          </Fact>
          <Fact label={t('calendar.workdays')} testId="calendar-workdays" data={{ 'data-count': String(calendar.workdays) }}>
            {t('calendar.days', { count: calendar.workdays })}
          </Fact>
          <Fact label={t('calendar.knownThrough')} testId="calendar-known-through">
            {calendar.holidaysKnownThrough ?? t('calendar.knownThroughUnknown')}
          </Fact>
          <Fact label={t('calendar.version')} testId="calendar-version" data={{ 'data-revision': String(calendar.revision) }}>
            {version}
          </Fact>
        </SimpleGrid>

        {calendar.holidaysKnownThrough && (
          <Text size="sm" c="dimmed" data-testid="calendar-provisional-note">
            {calendar.provisionalThrough
              ? t('calendar.provisionalNote', { date: calendar.holidaysKnownThrough, through: calendar.provisionalThrough })
              : t('calendar.unknownNote', { date: calendar.holidaysKnownThrough })}
          </Text>
        )}

        {coverage === 'outdated' && (
          <Alert color="red" variant="light" role="alert" title={t('calendar.outdatedTitle')} data-testid="calendar-outdated-warning" data-through={through}>
            {t(props.canChange ? 'calendar.outdated' : 'calendar.outdatedAgent', { date: through })}
          </Alert>
        )}
        {coverage === 'expiring' && (
          <Text size="sm" c="orange.8" data-testid="calendar-expiring-note" data-through={through}>
            {t(props.canChange ? 'calendar.expiring' : 'calendar.expiringAgent', { date: through })}
          </Text>
        )}

        {props.canChange && (
          <Stack gap="xs">
            <Group gap="sm">
              <FileButton
                onChange={(file) => void onFile(file)}
                accept=".ics,.csv,.json,text/calendar,text/csv,application/json"
                resetRef={resetInput}
                disabled={busy !== null}
                inputProps={{ 'data-testid': 'ics-file-input', 'aria-label': t('calendar.import') } as JSX.IntrinsicElements['input']}
              >
                {(button) => (
                  <Button {...button} variant="light" loading={busy === 'import'} disabled={busy !== null} data-testid="ics-import">
                    {t('calendar.import')}
                  </Button>
                )}
              </FileButton>
              <Button
                variant="default"
                onClick={() => void onReset()}
                disabled={!calendar.importedFrom || (busy !== null && busy !== 'reset')}
                loading={busy === 'reset'}
                data-testid="calendar-reset"
              >
                {t('calendar.reset')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('calendar.importNote')}
            </Text>
            {failure?.action === 'import' && <ImportError failure={failure} />}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
