import { create } from 'zustand';
import type { SyncStatus } from '../../../../shared/api/sync-contract';
import type { ApiError, ApiResult } from '../../../../shared/api/result';
import { api } from '../../api';
import { useSession } from '../session/session-store';
import { classifySignInError, type SignInFailure } from './sync-errors';

export interface SignInForm {
  hubUrl: string;
  username: string;
  password: string;
}

type Busy = 'signIn' | 'signOut' | 'syncNow';

interface SyncState {
  /** null until the core has answered once. */
  status: SyncStatus | null;
  loadError: ApiError | null;
  busy: Busy | null;
  /** Rejections whose dismissal is on its way to the core. */
  dismissing: string[];

  load(): Promise<void>;
  /** Subscribes to the core's sync status; returns the unsubscribe. Mounted once by the shell. */
  connect(): () => void;
  /** null when signed in; otherwise why not, for the form to explain. */
  signIn(form: SignInForm): Promise<SignInFailure | null>;
  signOut(): Promise<ApiError | null>;
  syncNow(): Promise<ApiError | null>;
  dismissRejection(mutationId: string): Promise<ApiError | null>;
}

let generation = 0;

/** One sync action at a time: a second click while one is out is refused, not queued. */
const UNDER_WAY: ApiError = { code: 'conflict', message: 'another sync action is under way' };

/**
 * The desktop's sync with the hub as the core reports it: the header indicator, its details and
 * the settings panel all read this one status. The core pushes every change as a `sync.status`
 * event; a status read before that event and answered after it must not put the old one back,
 * hence the generation.
 */
export const useSync = create<SyncState>((set, get) => {
  const apply = (status: SyncStatus): void => {
    generation++;
    set({ status, loadError: null });
  };

  const act = async (busy: Busy, call: () => Promise<ApiResult<SyncStatus>>): Promise<ApiError | null> => {
    if (get().busy) return UNDER_WAY;
    set({ busy });
    const result = await call();
    set({ busy: null });
    if (!result.ok) return result.error;
    apply(result.value);
    return null;
  };

  return {
    status: null,
    loadError: null,
    busy: null,
    dismissing: [],

    async load() {
      const gen = ++generation;
      const result = await api.call('sync.status', {});
      if (gen !== generation) return;
      if (result.ok) set({ status: result.value, loadError: null });
      else set({ loadError: result.error });
    },

    connect() {
      // The core reports every change itself, a saved edit's pending count included; standalone
      // there is nothing to count (pending is 0), so no other event needs watching.
      const off = api.on('sync.status', apply);
      // The computer is back on a network (Wi-Fi rejoined, cable in): sync now rather than at the
      // next attempt the backoff planned, which may be a minute away.
      const onOnline = (): void => {
        if (get().status?.state === 'offline') void get().syncNow();
      };
      window.addEventListener('online', onOnline);
      void get().load();
      return () => {
        off();
        window.removeEventListener('online', onOnline);
      };
    },

    async signIn(form) {
      if (get().busy) return { kind: 'other', error: UNDER_WAY };
      set({ busy: 'signIn' });
      const result = await api.call('sync.signIn', { hubUrl: form.hubUrl.trim(), username: form.username.trim(), password: form.password });
      set({ busy: null });
      if (!result.ok) return classifySignInError(result.error);
      apply(result.value);
      // The hub's data replaced this computer's, and with it who is signed in: re-read the session.
      void useSession.getState().load();
      return null;
    },

    async signOut() {
      const error = await act('signOut', () => api.call('sync.signOut', {}));
      if (!error) void useSession.getState().load();
      return error;
    },

    syncNow: () => act('syncNow', () => api.call('sync.now', {})),

    async dismissRejection(mutationId) {
      if (get().dismissing.includes(mutationId)) return null;
      set({ dismissing: [...get().dismissing, mutationId] });
      const result = await api.call('sync.dismissRejection', { mutationId });
      set({ dismissing: get().dismissing.filter((id) => id !== mutationId) });
      if (!result.ok) return result.error;
      apply(result.value);
      return null;
    },
  };
});
