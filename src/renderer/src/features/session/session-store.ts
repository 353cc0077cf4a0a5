import { create } from 'zustand';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { Locale } from '../../../../shared/domain/model';
import type { ApiError, ApiResult } from '../../../../shared/api/result';
import { api } from '../../api';
import { i18n } from '../../i18n';

export type Session = ApiOutput<'session.get'>;

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  session: Session | null;
  error: ApiError | null;
  load(): Promise<void>;
  createDemo(): Promise<ApiResult<ApiOutput<'workspace.createDemo'>>>;
  createEmpty(agentName: string, employeeNo: string): Promise<ApiResult<ApiOutput<'workspace.createEmpty'>>>;
  setLocale(locale: Locale): Promise<ApiError | null>;
  /** Holds back warning notifications; breaches always show (the core decides, see alerts.fired). */
  setDoNotDisturb(on: boolean): Promise<ApiError | null>;
}

function applyLocale(locale: Locale): void {
  void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** Who is working and in which workspace: everything else in the app waits for this. */
export const useSession = create<SessionState>((set, get) => ({
  status: 'loading',
  session: null,
  error: null,

  async load() {
    const result = await api.call('session.get', {});
    if (!result.ok) {
      set({ status: 'failed', error: result.error });
      return;
    }
    applyLocale(result.value.settings.locale);
    set({ status: 'ready', session: result.value, error: null });
  },

  async createDemo() {
    const result = await api.call('workspace.createDemo', {});
    if (result.ok) await get().load();
    return result;
  },

  async createEmpty(agentName, employeeNo) {
    const result = await api.call('workspace.createEmpty', { agentName, employeeNo });
    if (result.ok) await get().load();
    return result;
  },

  async setLocale(locale) {
    // Switch at once so the click feels instant; the saved setting follows.
    applyLocale(locale);
    const result = await api.call('settings.update', { locale });
    if (!result.ok) return result.error;
    const session = get().session;
    if (session) set({ session: { ...session, settings: result.value } });
    return null;
  },

  async setDoNotDisturb(on) {
    const session = get().session;
    if (!session) return null;
    // Flip at once so the switch follows the click; put it back if the core refuses.
    set({ session: { ...session, settings: { ...session.settings, doNotDisturb: on } } });
    const result = await api.call('settings.update', { doNotDisturb: on });
    const latest = get().session;
    if (!result.ok) {
      if (latest) set({ session: { ...latest, settings: { ...latest.settings, doNotDisturb: !on } } });
      return result.error;
    }
    if (latest) set({ session: { ...latest, settings: result.value } });
    return null;
  },
}));
