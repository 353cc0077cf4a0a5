import { create } from 'zustand';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import type { SeverityOption, TicketListRow } from '../../../../shared/api/ticket-contract';
import { api } from '../../api';
import { i18n } from '../../i18n';

export type TicketScope = 'mine' | 'all';
export type TicketStateFilter = 'open' | 'closed' | 'all';
export type TicketOptions = ApiOutput<'ticket.options'>;

export const TICKETS_PAGE = 100;

interface TicketsState {
  scope: TicketScope;
  state: TicketStateFilter;
  rows: TicketListRow[];
  total: number;
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  /** Severities (labelled in the UI language by the core) and owners for the form and the labels. */
  options: TicketOptions | null;
  optionsLocale: string | null;
  optionsError: ApiError | null;

  setScope(scope: TicketScope): void;
  setState(state: TicketStateFilter): void;
  /** Re-reads the list from the top, as many rows as are shown now (so a refresh keeps the scroll). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** Reads the options once per UI language; `force` after the policy may have changed. */
  loadOptions(force?: boolean): Promise<TicketOptions | null>;
}

/** Bumped per filter change so a late answer for the previous filter is dropped. */
let generation = 0;
let optionsInFlight: Promise<TicketOptions | null> | null = null;

/** The issues list ("我的工单") and the policy options every ticket screen labels with. */
export const useTickets = create<TicketsState>((set, get) => ({
  scope: 'mine',
  state: 'open',
  rows: [],
  total: 0,
  loaded: false,
  loading: false,
  error: null,
  options: null,
  optionsLocale: null,
  optionsError: null,

  setScope(scope) {
    if (scope === get().scope) return;
    set({ scope, rows: [], total: 0, loaded: false });
    void get().load();
  },

  setState(state) {
    if (state === get().state) return;
    set({ state, rows: [], total: 0, loaded: false });
    void get().load();
  },

  async load() {
    const gen = ++generation;
    const { scope, state } = get();
    const limit = Math.min(500, Math.max(TICKETS_PAGE, get().rows.length));
    set({ loading: true });
    const result = await api.call('ticket.list', { scope, state, offset: 0, limit });
    if (gen !== generation) return;
    if (!result.ok) {
      set({ loading: false, error: result.error, loaded: true });
      return;
    }
    set({ rows: result.value.rows, total: result.value.total, loading: false, loaded: true, error: null });
  },

  async loadMore() {
    const { scope, state, rows, loading } = get();
    if (loading || rows.length >= get().total) return;
    const gen = generation;
    set({ loading: true });
    const result = await api.call('ticket.list', { scope, state, offset: rows.length, limit: TICKETS_PAGE });
    if (gen !== generation) return;
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    // Rows may have moved between pages meanwhile; never show one twice.
    const seen = new Set(get().rows.map((r) => r.id));
    set({ rows: [...get().rows, ...result.value.rows.filter((r) => !seen.has(r.id))], total: result.value.total, loading: false, error: null });
  },

  loadOptions(force = false) {
    const locale = i18n.resolvedLanguage ?? i18n.language;
    const current = get();
    if (!force && current.options && current.optionsLocale === locale) return Promise.resolve(current.options);
    optionsInFlight ??= api.call('ticket.options', {}).then((result) => {
      optionsInFlight = null;
      if (!result.ok) {
        set({ optionsError: result.error });
        return get().options;
      }
      set({ options: result.value, optionsLocale: locale, optionsError: null });
      return result.value;
    });
    return optionsInFlight;
  },
}));

/**
 * Severity labels read "一般：客户经指导可自行解决"; lists show the part before the colon and keep
 * the whole sentence for the tooltip. A key the policy no longer has is shown as it is.
 */
export function severityLabel(options: TicketOptions | null, key: string): { short: string; full: string } {
  const found: SeverityOption | undefined = options?.severities.find((s) => s.key === key);
  if (!found) return { short: key, full: key };
  const short = found.label.split(/[：:]/)[0]?.trim() || found.label;
  return { short, full: found.label };
}
