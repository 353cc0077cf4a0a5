import { Alert, Anchor } from '@mantine/core';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../../shared/domain/model';
import { api } from '../../api';
import { useNavigation } from '../navigation/navigation-store';
import { holidayCoverage } from '../settings/calendar-dates';
import { canChangeSla, useSettings } from '../settings/settings-store';

/** Days pass while the app stays open; the core's "today" is re-read this often. */
const RELOAD_MS = 10 * 60_000;

/**
 * Tells a lead, on every screen, that the official holiday data runs out (from 60 days before its
 * end, by the core's clock) or has run out, until the next year's schedule is imported. It also
 * keeps the calendar in the settings store for everyone, for the provisional marks next to deadlines.
 */
export function CalendarBanner(props: { agent: Agent }): JSX.Element | null {
  const { t } = useTranslation('settings');
  const calendar = useSettings((s) => s.setup?.calendar ?? null);
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    const load = (): void => void useSettings.getState().load();
    load();
    const timer = window.setInterval(load, RELOAD_MS);
    const off = api.on('data.changed', (event) => {
      if (event.entities.includes('settings')) load();
    });
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, []);
  if (!calendar || !canChangeSla(props.agent.role)) return null;
  const coverage = holidayCoverage(calendar.holidaysKnownThrough, calendar.today);
  if (coverage !== 'expiring' && coverage !== 'outdated') return null;
  const through = calendar.holidaysKnownThrough ?? '';
  return (
    <Alert
      color={coverage === 'outdated' ? 'red' : 'orange'}
      variant="light"
      radius={0}
      py={6}
      role="status"
      data-testid="calendar-banner"
      data-coverage={coverage}
      data-through={through}
    >
      {t(coverage === 'outdated' ? 'calendar.bannerOutdated' : 'calendar.bannerExpiring', { date: through, year: Number(through.slice(0, 4)) + 1 })}{' '}
      <Anchor component="button" size="sm" onClick={() => go({ name: 'settings' })} data-testid="calendar-banner-open">
        {t('calendar.bannerAction')}
      </Anchor>
    </Alert>
  );
}
