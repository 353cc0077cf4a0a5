import { Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Alert } from '../../../../shared/api/alert-contract';
import { i18n } from '../../i18n';
import { useSettings } from '../settings/settings-store';
import { describeAlert } from './alert-text';

export interface FiredBatch {
  alerts: Alert[];
  notify: string[];
  shownByHost: boolean;
  doNotDisturb: boolean;
}

/** Web Notifications still on screen; a collected one would lose its click handler. */
const shown = new Set<Notification>();

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function desktop(title: string, body: string, tag: string, onOpen: (() => void) | null): void {
  const notification = new Notification(title, { body, tag });
  shown.add(notification);
  notification.onclick = () => {
    window.focus();
    onOpen?.();
    notification.close();
  };
  notification.onclose = () => shown.delete(notification);
}

function toast(id: string, color: string, title: string, body: string, open: () => void, autoClose: number): void {
  notifications.show({
    id,
    // Out of the way of the header and the forms: alerts arrive while the agent is typing.
    position: 'bottom-right',
    color,
    title,
    autoClose,
    'data-testid': 'app-toast',
    'data-alert-id': id,
    message: (
      <UnstyledButton
        onClick={() => {
          notifications.hide(id);
          open();
        }}
        data-testid="app-toast-open"
      >
        <Text size="sm">{body}</Text>
      </UnstyledButton>
    ),
  });
}

/**
 * Shows the alerts the core chose to notify: as desktop notifications when the page has
 * permission and the host has not shown them natively already, and always as an in-app toast,
 * so an alert is seen even where the OS refuses notifications. The rest of the batch (held back
 * by do-not-disturb, or more than the core lets through at once) becomes one summary, which
 * do-not-disturb keeps quiet unless something else is shown with it.
 */
export function announce(batch: FiredBatch, openAlert: (alert: Alert) => void, openCentre: () => void): void {
  const t = i18n.t;
  const chosen = batch.alerts.filter((a) => batch.notify.includes(a.id));
  const desktopAllowed = !batch.shownByHost && notificationPermission() === 'granted';
  for (const alert of chosen) {
    const text = describeAlert(t, alert, useSettings.getState().setup?.calendar ?? null);
    const title = `CareCall · ${text.title}`;
    if (desktopAllowed) desktop(title, text.body, alert.id, () => openAlert(alert));
    toast(alert.id, alert.kind === 'breach' ? 'red' : 'orange', text.title, text.body, () => openAlert(alert), alert.kind === 'breach' ? 30_000 : 12_000);
  }
  const rest = batch.alerts.length - chosen.length;
  if (rest <= 0 || (batch.doNotDisturb && chosen.length === 0)) return;
  const body = t('alerts:more', { count: rest });
  if (desktopAllowed) desktop('CareCall', body, `carecall-more-${batch.alerts[0]?.id ?? ''}`, openCentre);
  toast(`more-${batch.alerts[0]?.id ?? Date.now()}`, 'gray', t('alerts:moreTitle'), body, openCentre, 12_000);
}
