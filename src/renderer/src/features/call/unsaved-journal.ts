/**
 * Text the agent typed that the core has not yet confirmed, kept synchronously in localStorage.
 * The autosave waits for a pause in typing and may fail (host gone, disk full); a reload, a crash
 * or a closed window in that gap must not lose what was typed. The next open of the same task
 * puts the text back and saves it.
 */
const PREFIX = 'carecall.unsaved.';

export interface UnsavedJournal {
  /** Keeps the latest typed text until a save confirms it. */
  remember(text: string): void;
  /** A save confirmed this text; drop the entry unless something newer was typed since. */
  confirm(savedText: string): void;
  /** The text typed and never confirmed, if any. */
  recall(): string | null;
  clear(): void;
}

export function unsavedJournal(taskId: string, field: 'notes' | 'answers'): UnsavedJournal {
  const key = `${PREFIX}${taskId}.${field}`;
  // Storage can be unavailable or full; the autosave still runs, only this safety net is lost.
  const attempt = <T>(action: () => T, fallback: T): T => {
    try {
      return action();
    } catch {
      return fallback;
    }
  };
  return {
    remember: (text) => attempt(() => localStorage.setItem(key, text), undefined),
    confirm: (savedText) =>
      attempt(() => {
        if (localStorage.getItem(key) === savedText) localStorage.removeItem(key);
      }, undefined),
    recall: () => attempt(() => localStorage.getItem(key), null),
    clear: () => attempt(() => localStorage.removeItem(key), undefined),
  };
}
