import { create } from 'zustand';
import { ICS_MAX_CHARS, type SlaSetup } from '../../../../shared/api/sla-contract';
import type { AgentRole } from '../../../../shared/domain/model';
import type { ApiError, ApiResult } from '../../../../shared/api/result';
import { api } from '../../api';
import { useSession } from '../session/session-store';

export type SlaPreset = SlaSetup['preset'];
export type SettingsAction = 'preset' | 'import' | 'reset';

/** What the last change ran into; the screen words it by action and code. */
export type SettingsFailure =
  | { action: SettingsAction; kind: 'api'; error: ApiError; fileName?: string }
  /** Refused before reaching the core: the file is too big to send, or could not be read. */
  | { action: 'import'; kind: 'too_large' | 'unreadable'; fileName: string };

/** The same rule as the core (sla-setup-service requireLead); the core still decides. */
export function canChangeSla(role: AgentRole | undefined): boolean {
  return role === 'lead' || role === 'admin';
}

interface SettingsState {
  setup: SlaSetup | null;
  loadError: ApiError | null;
  busy: SettingsAction | null;
  failure: SettingsFailure | null;
  load(): Promise<void>;
  setPreset(preset: SlaPreset): Promise<boolean>;
  importIcs(file: File): Promise<boolean>;
  resetCalendar(): Promise<boolean>;
  clearFailure(): void;
}

let generation = 0;

/** The SLA preset and working calendar this desktop uses: read by everyone, changed by leads. */
export const useSettings = create<SettingsState>((set, get) => {
  /** One change at a time; the core's answer is the new setup, so nothing is re-read after it. */
  const change = async (action: SettingsAction, run: () => Promise<ApiResult<SlaSetup>>, fileName?: string): Promise<boolean> => {
    if (get().busy) return false;
    set({ busy: action, failure: null });
    const result = await run();
    // A load started meanwhile must not overwrite what the change returned.
    generation++;
    if (result.ok) {
      set({ setup: result.value, busy: null, loadError: null });
      return true;
    }
    set({ busy: null, failure: { action, kind: 'api', error: result.error, ...(fileName ? { fileName } : {}) } });
    // Refused as not a lead: the role on screen is out of date, so re-read who is signed in.
    if (result.error.code === 'unauthorized') void useSession.getState().load();
    return false;
  };

  return {
    setup: null,
    loadError: null,
    busy: null,
    failure: null,

    async load() {
      const gen = ++generation;
      const result = await api.call('sla.get', {});
      if (gen !== generation) return;
      if (result.ok) set({ setup: result.value, loadError: null });
      else set({ loadError: result.error });
    },

    setPreset: (preset) => change('preset', () => api.call('sla.setPreset', { preset })),

    async importIcs(file) {
      if (get().busy) return false;
      // Checked here because the browser host refuses big requests before the core could say why.
      if (file.size > ICS_MAX_CHARS * 4) {
        set({ failure: { action: 'import', kind: 'too_large', fileName: file.name } });
        return false;
      }
      let text: string;
      try {
        text = await file.text();
      } catch {
        set({ failure: { action: 'import', kind: 'unreadable', fileName: file.name } });
        return false;
      }
      if (text.length > ICS_MAX_CHARS) {
        set({ failure: { action: 'import', kind: 'too_large', fileName: file.name } });
        return false;
      }
      // The core takes names up to 200 characters; the end keeps the extension.
      const fileName = (file.name.trim() || 'calendar.ics').slice(-200);
      // .ics, or the State Council's list as CSV/JSON: the core tells them apart.
      return change('import', () => api.call('calendar.importSchedule', { fileName, text }), fileName);
    },

    resetCalendar: () => change('reset', () => api.call('calendar.reset', {})),

    clearFailure: () => set({ failure: null }),
  };
});
