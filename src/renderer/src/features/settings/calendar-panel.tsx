import { Alert, Button, FileButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaSetup } from '../../../../shared/api/sla-contract';
import { useNow } from '../shell/use-now';
import { holidayCoverage, todayIn } from './calendar-dates';
import { ImportError } from './import-error';
import { useSettings } from './settings-store';

/** A day is long; re-reading the date once a minute catches midnight soon enough. */
const DATE_TICK_MS = 60_000;

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
  const { t } = useTranslation('settings');
  const { calendar } = props.setup;
  const busy = useSettings((s) => s.busy);
  const failure = useSettings((s) => s.failure);
  const now = useNow(DATE_TICK_MS);
  const resetInput = useRef<() => void>(null);
  const today = todayIn(calendar.timeZone, now);
  const coverage = holidayCoverage(calendar.holidaysKnownThrough, today);
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
        </SimpleGrid>

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
                accept=".ics,text/calendar"
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
