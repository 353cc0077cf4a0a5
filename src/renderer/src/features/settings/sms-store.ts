import { create } from 'zustand';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { OutboundMessage } from '../../../../shared/api/planning-contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';
import { useSession } from '../session/session-store';

export type SmsStatus = OutboundMessage['status'];
export const SMS_STATUSES: readonly SmsStatus[] = ['queued', 'sending', 'sent', 'failed'];
type Outbox = ApiOutput<'messages.list'>;

/** The newest messages shown; the counts cover the whole outbox. */
export const SMS_LIST_LIMIT = 200;

interface SmsState {
  rows: OutboundMessage[];
  counts: Outbox['counts'];
  gatewayConfigured: boolean;
  /** The saved webhook; null until read. */
  webhookUrl: string | null;
  loaded: boolean;
  loadError: ApiError | null;
  saving: boolean;
  saveError: ApiError | null;
  load(): Promise<void>;
  /** The core validates the address ('' clears it); true when it was saved. */
  saveWebhook(url: string): Promise<boolean>;
  clearSaveError(): void;
}

let generation = 0;

/**
 * The SMS outbox and the gateway webhook it is sent through. The webhook is a setting, read
 * with the session; the outbox is re-read whenever messages or settings change (whether a
 * gateway is configured follows the setting, which the core reports as 'settings' only).
 */
export const useSms = create<SmsState>((set, get) => ({
  rows: [],
  counts: { queued: 0, sending: 0, sent: 0, failed: 0 },
  gatewayConfigured: false,
  webhookUrl: null,
  loaded: false,
  loadError: null,
  saving: false,
  saveError: null,

  async load() {
    const gen = ++generation;
    const [outbox, session] = await Promise.all([api.call('messages.list', { limit: SMS_LIST_LIMIT }), api.call('session.get', {})]);
    if (gen !== generation) return;
    if (!outbox.ok) {
      set({ loadError: outbox.error });
      return;
    }
    // The outbox is shown even when the address could not be read; the field waits for it.
    set({
      rows: outbox.value.rows,
      counts: outbox.value.counts,
      gatewayConfigured: outbox.value.gatewayConfigured,
      loaded: true,
      loadError: session.ok ? null : session.error,
      ...(session.ok ? { webhookUrl: session.value.settings.smsWebhookUrl } : {}),
    });
  },

  async saveWebhook(url) {
    if (get().saving) return false;
    set({ saving: true, saveError: null });
    const result = await api.call('settings.update', { smsWebhookUrl: url });
    if (!result.ok) {
      set({ saving: false, saveError: result.error });
      // Refused for the role: the role on screen is out of date, so re-read who is signed in.
      if (result.error.code === 'unauthorized') void useSession.getState().load();
      return false;
    }
    // A load started before the change must not put the old address back.
    generation++;
    set({ saving: false, webhookUrl: result.value.smsWebhookUrl, gatewayConfigured: result.value.smsWebhookUrl !== '' });
    const session = useSession.getState().session;
    if (session) useSession.setState({ session: { ...session, settings: result.value } });
    void get().load();
    return true;
  },

  clearSaveError: () => set({ saveError: null }),
}));
