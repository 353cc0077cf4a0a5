import { create } from 'zustand';
import type { Alert, AlertSubject } from '../../../../shared/api/alert-contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';
import { useNavigation } from '../navigation/navigation-store';
import { useSession } from '../session/session-store';
import { notifyApiError } from '../shell/notify-error';
import { announce, notificationPermission } from './alert-announcer';

export const ALERTS_PAGE = 50;

interface AlertsState {
  rows: Alert[];
  total: number;
  unread: number;
  /** Open targets past a warning: what the header badge counts. */
  atRisk: number;
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  permission: NotificationPermission | 'unsupported';

  /** Re-reads the newest alerts, as many as are shown now. */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  markRead(alertIds: string[]): Promise<void>;
  markAllRead(): Promise<void>;
  /** Asks the browser for notification permission; only ever from a click, and only while undecided. */
  requestPermission(): Promise<void>;
  /** Shows an alert's subject (the issue, or the callback's call screen) and marks it read. */
  open(alert: Pick<Alert, 'id' | 'subject' | 'subjectId'>): void;
  /** Subscribes to the core's alert events; returns the unsubscribe. Mounted once by the shell. */
  connect(): () => void;
}

const newestFirst = (a: Alert, b: Alert): number => b.firedAt - a.firedAt || (a.id < b.id ? 1 : -1);

export function openSubject(subject: AlertSubject, subjectId: string): void {
  const nav = useNavigation.getState();
  if (subject === 'ticket') nav.openTicket(subjectId);
  else nav.go({ name: 'call', taskId: subjectId });
}

let generation = 0;

/** The alert centre's list, the header badge, and the page side of SLA notifications. */
export const useAlerts = create<AlertsState>((set, get) => ({
  rows: [],
  total: 0,
  unread: 0,
  atRisk: 0,
  loaded: false,
  loading: false,
  error: null,
  permission: notificationPermission(),

  async load() {
    const gen = ++generation;
    const limit = Math.min(200, Math.max(ALERTS_PAGE, get().rows.length));
    set({ loading: true });
    const result = await api.call('alerts.list', { offset: 0, limit });
    if (gen !== generation) return;
    if (!result.ok) {
      set({ loading: false, loaded: true, error: result.error });
      return;
    }
    const { rows, total, unread, atRisk } = result.value;
    set({ rows: [...rows].sort(newestFirst), total, unread, atRisk, loading: false, loaded: true, error: null });
  },

  async loadMore() {
    const { rows, total, loading } = get();
    if (loading || rows.length >= total) return;
    const gen = generation;
    set({ loading: true });
    const result = await api.call('alerts.list', { offset: rows.length, limit: ALERTS_PAGE });
    if (gen !== generation) return;
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    const seen = new Set(get().rows.map((a) => a.id));
    const more = result.value.rows.filter((a) => !seen.has(a.id));
    set({ rows: [...get().rows, ...more].sort(newestFirst), total: result.value.total, unread: result.value.unread, atRisk: result.value.atRisk, loading: false });
  },

  async markRead(alertIds) {
    const unreadIds = alertIds.filter((id) => get().rows.some((a) => a.id === id && a.readAt === null));
    if (unreadIds.length === 0) return;
    const now = Date.now();
    // Shown read at once; the core's count follows.
    set({ rows: get().rows.map((a) => (unreadIds.includes(a.id) ? { ...a, readAt: a.readAt ?? now } : a)), unread: Math.max(0, get().unread - unreadIds.length) });
    const result = await api.call('alerts.markRead', { alertIds: unreadIds });
    if (result.ok) set({ unread: result.value.unread });
    else {
      notifyApiError('alerts:markFailed', result.error);
      void get().load();
    }
  },

  async markAllRead() {
    const now = Date.now();
    set({ rows: get().rows.map((a) => (a.readAt === null ? { ...a, readAt: now } : a)), unread: 0 });
    const result = await api.call('alerts.markRead', { all: true });
    if (result.ok) set({ unread: result.value.unread });
    else {
      notifyApiError('alerts:markFailed', result.error);
      void get().load();
    }
  },

  async requestPermission() {
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    const permission = await Notification.requestPermission();
    set({ permission });
  },

  open(alert) {
    openSubject(alert.subject, alert.subjectId);
    void get().markRead([alert.id]);
  },

  connect() {
    const offFired = api.on('alerts.fired', (event) => {
      const known = new Set(get().rows.map((a) => a.id));
      const fresh = event.alerts.filter((a) => !known.has(a.id));
      set({
        rows: [...fresh, ...get().rows].sort(newestFirst),
        total: get().total + fresh.length,
        unread: get().unread + fresh.filter((a) => a.readAt === null).length,
        atRisk: event.atRisk,
      });
      announce(
        { ...event, doNotDisturb: useSession.getState().session?.settings.doNotDisturb ?? false },
        (alert) => get().open(alert),
        () => useNavigation.getState().go({ name: 'alerts' }),
      );
    });
    // A native notification was clicked (Electron): the shell has already brought the window forward.
    const offOpened = api.on('alerts.opened', (event) => get().open({ id: event.alertId, subject: event.subject, subjectId: event.subjectId }));
    // Acting on an issue or a callback can take it out of "at risk"; re-read the count then.
    const offChanged = api.on('data.changed', (event) => {
      if (event.entities.some((e) => e === 'alerts' || e === 'tickets' || e === 'tasks')) void get().load();
    });
    void get().load();
    return () => {
      offFired();
      offOpened();
      offChanged();
    };
  },
}));
