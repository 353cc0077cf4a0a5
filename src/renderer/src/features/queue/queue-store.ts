import { create } from 'zustand';
import type { QueueFilter, QueueGroup, QueueRow } from '../../../../shared/api/contract';
import type { CallbackType, CustomerTier, TaskStatus } from '../../../../shared/domain/model';
import { OPEN_TASK_STATUSES } from '../../../../shared/domain/model';
import { api } from '../../api';
import { notifyApiError } from '../shell/notify-error';

export const PAGE_SIZE = 100;
/** Two pages in flight at most: a fast scroll through 100k rows must not queue up hundreds of reads. */
const MAX_IN_FLIGHT = 2;
/** Pages kept per list; far-away pages are dropped so memory stays flat however far the agent scrolls. */
const MAX_CACHED_PAGES = 40;

export interface QueueFilterState {
  types: CallbackType[];
  tiers: CustomerTier[];
  statuses: TaskStatus[];
  search: string;
}

export type QueueCounts = Record<QueueGroup, number>;

/** What is known of one list (one filter + group): the pages fetched and how long the list is. */
export interface ListCache {
  pages: Record<number, QueueRow[]>;
  /** Rows known to exist: the end of the furthest full page. */
  seen: number;
  /** Exact length, once a short page has shown where the list ends. */
  end: number | null;
}

interface QueueState {
  filter: QueueFilterState;
  group: QueueGroup;
  counts: QueueCounts | null;
  caches: Record<string, ListCache>;
  /** The list as it was before the last refresh, shown until fresh pages arrive so rows do not flash. */
  fallback: { key: string; cache: ListCache } | null;
  /** Index of the highlighted row; -1 until the agent picks one (a new list starts with none). */
  selected: number;
  /** Where the list was scrolled, so coming back from a call lands on the same rows. */
  scrollOffset: number;
  failed: boolean;

  setFilter(patch: Partial<QueueFilterState>): void;
  clearFilter(): void;
  setGroup(group: QueueGroup): void;
  setSelected(index: number): void;
  setScrollOffset(offset: number): void;
  /** The rows on screen changed: fetch the pages they need. */
  want(firstIndex: number, lastIndex: number): void;
  /** Data changed in the core (or the screen came back): re-read counts and visible pages. */
  refresh(): void;
}

const EMPTY_FILTER: QueueFilterState = { types: [], tiers: [], statuses: [], search: '' };
const emptyCache = (): ListCache => ({ pages: {}, seen: 0, end: null });

export function toApiFilter(filter: QueueFilterState): QueueFilter {
  const out: QueueFilter = {};
  if (filter.types.length > 0) out.types = filter.types;
  if (filter.tiers.length > 0) out.tiers = filter.tiers;
  if (filter.statuses.length > 0) out.statuses = filter.statuses;
  const search = filter.search.trim();
  if (search) out.search = search.slice(0, 200);
  return out;
}

export function listKey(filter: QueueFilterState, group: QueueGroup): string {
  return JSON.stringify([toApiFilter(filter), group]);
}

/**
 * queue.counts counts open tasks; once closed statuses are asked for it cannot size the list,
 * which then grows a page at a time until a short page marks the end.
 */
export function countsSizeList(filter: QueueFilterState): boolean {
  return filter.statuses.every((s) => OPEN_TASK_STATUSES.includes(s));
}

/** How many rows the virtual list shows for the current filter and group. */
export function listSize(state: Pick<QueueState, 'filter' | 'group' | 'counts' | 'caches' | 'fallback'>): number {
  const key = listKey(state.filter, state.group);
  const cache = state.caches[key] ?? emptyCache();
  if (cache.end !== null) return cache.end;
  const previous = state.fallback?.key === key ? state.fallback.cache : null;
  const seen = Math.max(cache.seen, previous?.end ?? previous?.seen ?? 0);
  if (countsSizeList(state.filter)) {
    if (!state.counts) return seen;
    const count = state.counts[state.group];
    // A full page past the count means the count is stale: keep one row more to discover the rest.
    return seen > count ? seen + 1 : count;
  }
  // One placeholder row past what is known; when it comes into view the next page is fetched.
  return seen + 1;
}

export function rowAt(state: Pick<QueueState, 'filter' | 'group' | 'caches' | 'fallback'>, index: number): QueueRow | undefined {
  const key = listKey(state.filter, state.group);
  const page = Math.floor(index / PAGE_SIZE);
  const fresh = state.caches[key]?.pages[page];
  if (fresh) return fresh[index % PAGE_SIZE];
  if (state.fallback?.key === key) return state.fallback.cache.pages[page]?.[index % PAGE_SIZE];
  return undefined;
}

/** Requests in flight, by list key + page; not state, since nothing renders from it. */
const inFlight = new Set<string>();
let wanted: [number, number] = [0, 0];
/** Bumped whenever cached data becomes invalid, so late answers to old requests are dropped. */
let generation = 0;

export const useQueue = create<QueueState>((set, get) => {
  const loadCounts = (): void => {
    const gen = generation;
    void api.call('queue.counts', { filter: toApiFilter(get().filter) }).then((result) => {
      if (gen !== generation) return;
      if (result.ok) set({ counts: result.value });
      else set({ failed: true });
    });
  };

  const storePage = (key: string, page: number, rows: QueueRow[]): void => {
    set((state) => {
      const cache = state.caches[key] ?? emptyCache();
      const pages = { ...cache.pages, [page]: rows };
      const [first, last] = wanted;
      const keys = Object.keys(pages).map(Number);
      if (keys.length > MAX_CACHED_PAGES) {
        for (const p of keys) if (p < first - 5 || p > last + 5) delete pages[p];
      }
      const offset = page * PAGE_SIZE;
      const full = rows.length === PAGE_SIZE;
      let end = cache.end;
      if (!full) end = end === null ? offset + rows.length : Math.min(end, offset + rows.length);
      const seen = full ? Math.max(cache.seen, offset + PAGE_SIZE) : cache.seen;
      return { caches: { ...state.caches, [key]: { pages, seen, end } }, failed: false };
    });
  };

  const pump = (): void => {
    const state = get();
    const key = listKey(state.filter, state.group);
    const cache = state.caches[key];
    const [first, last] = wanted;
    for (let page = first; page <= last && inFlight.size < MAX_IN_FLIGHT; page += 1) {
      if (cache?.pages[page]) continue;
      if (cache && cache.end !== null && page * PAGE_SIZE >= cache.end && page > 0) continue;
      const id = `${generation}:${key}:${page}`;
      if (inFlight.has(id)) continue;
      inFlight.add(id);
      const gen = generation;
      void api
        .call('queue.list', { filter: toApiFilter(state.filter), group: state.group, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          inFlight.delete(id);
          if (gen !== generation) return pump();
          if (result.ok) {
            storePage(key, page, result.value.rows);
            pump();
          } else if (!get().failed) {
            // Once per failure streak: a broken core must not produce a toast per scrolled page.
            set({ failed: true });
            notifyApiError('queue:loadFailed', result.error);
          }
        });
    }
  };

  const invalidate = (keepFallback: boolean): void => {
    generation += 1;
    inFlight.clear();
    const state = get();
    const key = listKey(state.filter, state.group);
    const current = state.caches[key];
    set({
      caches: {},
      fallback: keepFallback && current ? { key, cache: current } : keepFallback ? state.fallback : null,
      counts: keepFallback ? state.counts : null,
    });
    loadCounts();
    pump();
  };

  return {
    filter: EMPTY_FILTER,
    group: 'today',
    counts: null,
    caches: {},
    fallback: null,
    selected: -1,
    scrollOffset: 0,
    failed: false,

    setFilter(patch) {
      set((state) => ({ filter: { ...state.filter, ...patch }, selected: -1, scrollOffset: 0 }));
      wanted = [0, 0];
      invalidate(false);
    },
    clearFilter() {
      get().setFilter(EMPTY_FILTER);
    },
    setGroup(group) {
      if (group === get().group) return;
      set({ group, selected: -1, scrollOffset: 0 });
      wanted = [0, 0];
      pump();
    },
    setSelected(index) {
      set({ selected: Math.max(-1, index) });
    },
    setScrollOffset(offset) {
      set({ scrollOffset: offset });
    },
    want(firstIndex, lastIndex) {
      const next: [number, number] = [Math.floor(Math.max(0, firstIndex) / PAGE_SIZE), Math.floor(Math.max(0, lastIndex) / PAGE_SIZE)];
      if (next[0] === wanted[0] && next[1] === wanted[1] && get().caches[listKey(get().filter, get().group)]) return;
      wanted = next;
      pump();
    },
    refresh() {
      invalidate(true);
    },
  };
});
