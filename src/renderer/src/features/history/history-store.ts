import { create } from 'zustand';
import type { CustomerDetail } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import type { Script } from '../../../../shared/scripts/script-schema';
import { api } from '../../api';

interface HistoryState {
  customerId: string | null;
  detail: CustomerDetail | null;
  error: ApiError | null;
  loading: boolean;
  /** Scripts by id, so answers read as the questions that were asked rather than their keys. */
  scripts: Record<string, Script>;
  load(customerId: string): Promise<void>;
}

/** Script ids already asked for (found or not): each is looked up once per session. */
const requested = new Set<string>();

/** The customer whose history is open; one at a time, re-read whenever the screen opens. */
export const useHistory = create<HistoryState>((set, get) => {
  /** Each script the calls used, once; one that no longer exists leaves the answers shown by their keys. */
  const loadScripts = async (detail: CustomerDetail): Promise<void> => {
    const wanted = [...new Set(detail.calls.map((call) => call.scriptId))].filter((id) => !requested.has(id));
    await Promise.all(
      wanted.map(async (scriptId) => {
        requested.add(scriptId);
        const result = await api.call('script.get', { scriptId });
        if (result.ok) set((state) => ({ scripts: { ...state.scripts, [scriptId]: result.value.script } }));
        else if (result.error.code !== 'not_found') requested.delete(scriptId); // a failed read may succeed next time
      }),
    );
  };

  return {
    customerId: null,
    detail: null,
    error: null,
    loading: false,
    scripts: {},

    async load(customerId) {
      // Keep showing this customer's last copy while re-reading; never another customer's.
      const same = get().customerId === customerId;
      set({ customerId, loading: true, error: null, detail: same ? get().detail : null });
      const result = await api.call('customer.get', { customerId });
      if (get().customerId !== customerId) return;
      if (!result.ok) {
        set({ error: result.error, loading: false });
        return;
      }
      set({ detail: result.value, loading: false });
      await loadScripts(result.value);
    },
  };
});
