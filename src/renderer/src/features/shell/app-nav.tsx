import { Badge, Button, Group } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlerts } from '../alerts/alerts-store';
import { useCallStore } from '../call/call-store';
import { useNavigation, type View } from '../navigation/navigation-store';

type Section = 'queue' | 'tickets' | 'alerts' | 'settings' | 'import';

function sectionOf(view: View): Section {
  switch (view.name) {
    case 'tickets':
    case 'ticket':
      return 'tickets';
    case 'alerts':
      return 'alerts';
    case 'settings':
      return 'settings';
    case 'import':
      return 'import';
    default:
      return 'queue';
  }
}

/**
 * The places an agent works from: the callback queue, their issues, the alerts (with how many
 * targets are at risk) and the import of CRM exports. A call left open elsewhere gets a way back to it.
 */
export function AppNav(): JSX.Element {
  const { t } = useTranslation();
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  const atRisk = useAlerts((s) => s.atRisk);
  const unread = useAlerts((s) => s.unread);
  // Primitive selections: a fresh object per read would re-render the header forever.
  const callTaskId = useCallStore((s) => (s.opened && s.draft && !s.finished ? s.opened.task.id : null));
  const callName = useCallStore((s) => s.opened?.detail.customer.name ?? '');
  const section = sectionOf(view);
  const item = (name: Section) => ({
    variant: section === name ? 'light' : 'subtle',
    'aria-current': section === name ? ('page' as const) : undefined,
  });

  return (
    <Group gap={4} wrap="nowrap" component="nav" aria-label={t('nav.label')}>
      <Button size="sm" {...item('queue')} onClick={() => go({ name: 'queue' })} data-testid="nav-queue">
        {t('nav.queue')}
      </Button>
      <Button size="sm" {...item('tickets')} onClick={() => go({ name: 'tickets' })} data-testid="nav-tickets">
        {t('nav.tickets')}
      </Button>
      <Button
        size="sm"
        {...item('alerts')}
        onClick={() => go({ name: 'alerts' })}
        data-testid="alerts-nav"
        data-unread={unread}
        fw={unread > 0 ? 700 : undefined}
        rightSection={
          atRisk > 0 ? (
            <Badge size="sm" color="orange" variant="filled" circle={atRisk < 10} data-testid="alerts-badge" data-count={atRisk} title={t('nav.atRisk', { count: atRisk })}>
              {atRisk > 99 ? '99+' : atRisk}
            </Badge>
          ) : null
        }
        aria-label={t('nav.alertsLabel', { atRisk, unread })}
      >
        {t('nav.alerts')}
      </Button>
      <Button size="sm" {...item('import')} onClick={() => go({ name: 'import' })} data-testid="nav-import">
        {t('nav.import')}
      </Button>
      {callTaskId && view.name !== 'call' && (
        <Button size="sm" variant="filled" color="teal" onClick={() => go({ name: 'call', taskId: callTaskId })} data-testid="nav-call">
          {t('nav.backToCall', { name: callName })}
        </Button>
      )}
    </Group>
  );
}

/** Settings sit with the language switch, away from the daily work: agents rarely need them. */
export function SettingsNavButton(): JSX.Element {
  const { t } = useTranslation();
  const here = useNavigation((s) => s.view.name === 'settings');
  const go = useNavigation((s) => s.go);
  return (
    <Button
      size="sm"
      variant={here ? 'light' : 'subtle'}
      color="gray"
      aria-current={here ? 'page' : undefined}
      leftSection={<GearIcon />}
      onClick={() => go({ name: 'settings' })}
      data-testid="nav-settings"
    >
      {t('nav.settings')}
    </Button>
  );
}

function GearIcon(): JSX.Element {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06a1.65 1.65 0 0 0 .33-1.82 1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06a1.65 1.65 0 0 0 1.82.33H9a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06a1.65 1.65 0 0 0-.33 1.82V9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z" />
    </svg>
  );
}
