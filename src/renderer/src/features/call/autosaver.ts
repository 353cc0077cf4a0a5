/**
 * Saves text shortly after the last keystroke and never drops an edit: one save in flight at a
 * time, the newest text saved next, and failed saves retried until they succeed. "Saved" is
 * reported only for text the core has committed.
 */
export type SaveStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  | { state: 'error'; message: string };

export interface Autosaver {
  update(text: string): void;
  /** Resolves once everything typed so far is saved (or the latest save failed). */
  flush(): Promise<boolean>;
  dispose(): void;
}

export function createAutosaver(options: {
  save: (text: string) => Promise<{ ok: true; savedAt: number } | { ok: false; message: string }>;
  onStatus: (status: SaveStatus) => void;
  delayMs?: number;
  retryMs?: number;
  initial?: string;
}): Autosaver {
  const delay = options.delayMs ?? 300;
  const retry = options.retryMs ?? 2000;
  let latest = options.initial ?? '';
  let saved = latest;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<boolean> | null = null;
  let disposed = false;

  const schedule = (ms: number): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
  };

  const run = async (): Promise<boolean> => {
    timer = null;
    if (inFlight) return inFlight;
    if (latest === saved) return true;
    const text = latest;
    options.onStatus({ state: 'saving' });
    inFlight = options.save(text).then((result) => {
      inFlight = null;
      if (disposed) return result.ok;
      if (!result.ok) {
        options.onStatus({ state: 'error', message: result.message });
        schedule(retry);
        return false;
      }
      saved = text;
      if (latest !== saved) {
        options.onStatus({ state: 'pending' });
        schedule(delay);
      } else options.onStatus({ state: 'saved', at: result.savedAt });
      return true;
    });
    return inFlight;
  };

  return {
    update(text) {
      if (disposed) return;
      latest = text;
      options.onStatus({ state: 'pending' });
      schedule(delay);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      // Wait out a save in flight, then save whatever came after it.
      for (let i = 0; i < 5 && latest !== saved; i++) {
        const ok = await (inFlight ?? run());
        if (!ok) return false;
      }
      return latest === saved;
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
