import { create } from 'zustand';
import type { CustomerDetail } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';

interface HistoryState {
  customerId: string | null;
  detail: CustomerDetail | null;
  error: ApiError | null;
  loading: boolean;
  load(customerId: string): Promise<void>;
}

/** The customer whose history is open; one at a time, re-read whenever the screen opens. */
export const useHistory = create<HistoryState>((set, get) => ({
  customerId: null,
  detail: null,
  error: null,
  loading: false,

  async load(customerId) {
    // Keep showing this customer's last copy while re-reading; never another customer's.
    const same = get().customerId === customerId;
    set({ customerId, loading: true, error: null, detail: same ? get().detail : null });
    const result = await api.call('customer.get', { customerId });
    if (get().customerId !== customerId) return;
    if (result.ok) set({ detail: result.value, loading: false });
    else set({ error: result.error, loading: false });
  },
}));
