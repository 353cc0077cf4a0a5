import { app, Notification, type BrowserWindow } from 'electron';
import type { Alert } from '../../shared/api/alert-contract';
import type { ApiResult } from '../../shared/api/result';
import type { SlaSetup } from '../../shared/api/sla-contract';
import { IPC_EVENT_CHANNEL } from '../../shared/api/ipc-channels';
import type { Core } from '../core';
import { basisOfDate } from '../../shared/calendar/calendar-basis';
import { localDateIn } from '../../shared/planning/local-dates';
import { describeAlert } from './alert-text';

/**
 * Native notifications for SLA alerts. Clicking one brings the window forward and opens the
 * issue (or callback) in the page; the dock/taskbar badge shows how many are at risk.
 * Windows needs the AppUserModelID set at startup (index.ts) for notifications to show at all.
 */
export function bindAlertNotifier(core: Core, window: BrowserWindow): () => void {
  const shown = new Set<Notification>();
  const open = (alert: Alert): void => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    window.webContents.send(IPC_EVENT_CHANNEL, 'alerts.opened', { alertId: alert.id, subject: alert.subject, subjectId: alert.subjectId });
  };
  const off = core.on('alerts.fired', async ({ alerts, notify, atRisk }) => {
    app.setBadgeCount(atRisk);
    if (!Notification.isSupported()) return;
    const locale = app.getLocale();
    // A due time on provisional (or no) holiday data may move: the text says so, as in the page.
    const setup = (await core.dispatch('sla.get', {})) as ApiResult<SlaSetup>;
    const calendar = setup.ok ? setup.value.calendar : null;
    const basisOf = (alert: Alert) => (calendar ? basisOfDate(calendar, localDateIn(calendar.timeZone, alert.dueAt)) : 'official');
    const chosen = alerts.filter((a) => notify.includes(a.id));
    for (const alert of chosen) {
      const text = describeAlert(alert, locale, basisOf(alert));
      const notification = new Notification({ title: text.title, body: text.body, urgency: alert.kind === 'breach' ? 'critical' : 'normal' });
      // Keep a reference until it is dismissed: a collected Notification loses its click handler.
      shown.add(notification);
      notification.on('click', () => open(alert));
      notification.on('close', () => shown.delete(notification));
      notification.show();
    }
    const rest = alerts.length - chosen.length;
    if (rest > 0) new Notification({ title: 'CareCall', body: describeAlert.more(rest, locale) }).show();
  });
  return () => {
    off();
    shown.clear();
  };
}
