import { create } from 'zustand';
import type { ApiOutput, EventPayload } from '../../../../shared/api/contract';
import { IMPORT_MAX_BYTES } from '../../../../shared/api/import-contract';
import type { ApiError, ApiResult } from '../../../../shared/api/result';
import type { ImportField, ImportKind } from '../../../../shared/import/column-mapping';
import type { SupportedEncoding } from '../../../../shared/import/import-schemas';
import type { TierChoices } from '../../../../shared/import/tier-synonyms';
import type { CustomerTier } from '../../../../shared/domain/model';
import { api } from '../../api';
import { selectionFor, toColumnMapping, withField, initialKind, type DayMonthOrder, type MappingSelection, type PreviewAnswer } from './import-mapping';

export type ImportAction = 'upload' | 'preview' | 'dryRun' | 'apply';
export type ImportProgressEvent = EventPayload<'import.progress'>;
export type DryRunAnswer = ApiOutput<'import.dryRun'>;
export type ApplyAnswer = ApiOutput<'import.apply'>;

/** What went wrong last; the screen words it by action and (for the file) the import error code. */
export type ImportFailure =
  | { action: ImportAction; kind: 'api'; error: ApiError }
  /** Refused before reaching the core: too big to send, or the browser could not read it. */
  | { action: 'upload'; kind: 'too_large' | 'unreadable' };

interface ImportState {
  file: { name: string; size: number } | null;
  fileId: string | null;
  answer: PreviewAnswer | null;
  /** The user's choices over what was detected; null: the core's detection stands. */
  encoding: SupportedEncoding | null;
  sheet: string | null;
  selection: MappingSelection | null;
  /** Customer-type spellings of this file the user assigned a tier in the mapping step. */
  tierChoices: TierChoices;
  busy: ImportAction | null;
  /** The latest progress of the running dry run or apply. */
  progress: ImportProgressEvent | null;
  cancelling: boolean;
  /** The last run was stopped by the user (not an error). */
  cancelled: ImportAction | null;
  dryRun: DryRunAnswer | null;
  result: ApplyAnswer | null;
  failure: ImportFailure | null;

  chooseFile(file: File): Promise<void>;
  setEncoding(encoding: SupportedEncoding): Promise<void>;
  setSheet(sheet: string): Promise<void>;
  setKind(kind: ImportKind): void;
  setField(index: number, field: ImportField | null): void;
  setDayMonthOrder(order: DayMonthOrder): void;
  /** A tier for one spelling of the customer-type column; null: back to what the table says. */
  setTierChoice(value: string, tier: CustomerTier | null): void;
  runDryRun(): Promise<void>;
  apply(): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
  /** Listens to the core's progress events; returns the unsubscribe. */
  connect(): () => void;
}

/** Bumped by every new request and by reset, so a late answer for something left behind is dropped. */
let generation = 0;

const isCancelled = (error: ApiError): boolean => error.fields?.['file'] === 'cancelled';

const CLEAN = {
  file: null,
  fileId: null,
  answer: null,
  encoding: null,
  sheet: null,
  selection: null,
  tierChoices: {},
  busy: null,
  progress: null,
  cancelling: false,
  cancelled: null,
  dryRun: null,
  result: null,
  failure: null,
} as const;

/**
 * The import of one CRM export at a time: upload, preview (re-read when the encoding or sheet is
 * overridden), the mapping the user corrects, a dry run, then the apply. State survives leaving
 * the screen, so a long dry run keeps going while the agent looks at the queue.
 */
export const useImport = create<ImportState>((set, get) => {
  /** Runs one call for the current file; the answer only lands if nothing newer started meanwhile. */
  const run = async <T>(action: ImportAction, call: () => Promise<ApiResult<T>>, patch: Partial<ImportState> = {}): Promise<{ value: T } | null> => {
    const gen = ++generation;
    set({ busy: action, failure: null, cancelled: null, cancelling: false, progress: null, ...patch });
    const result = await call();
    if (gen !== generation) return null;
    if (result.ok) {
      set({ busy: null, progress: null, cancelling: false });
      return { value: result.value };
    }
    if (isCancelled(result.error)) set({ busy: null, progress: null, cancelling: false, cancelled: action });
    else set({ busy: null, progress: null, cancelling: false, failure: { action, kind: 'api', error: result.error } });
    return null;
  };

  const readPreview = async (): Promise<void> => {
    const { fileId, encoding, sheet } = get();
    if (!fileId) return;
    const answer = await run('preview', () => api.call('import.preview', { fileId, ...(encoding ? { encoding } : {}), ...(sheet ? { sheet } : {}) }), { dryRun: null, result: null });
    if (!answer) return;
    // Another encoding or sheet with the same headers: the user's mapping still fits, keep it.
    const { answer: before, selection } = get();
    const sameHeaders = before !== null && selection !== null && before.preview.headers.join('\u0000') === answer.value.preview.headers.join('\u0000');
    set({ answer: answer.value, selection: sameHeaders ? selection : selectionFor(answer.value, initialKind(answer.value)) });
  };

  /** The mapping changed: an earlier dry run no longer describes what apply would do. */
  const changeSelection = (next: MappingSelection): void => set({ selection: next, dryRun: null, cancelled: null, failure: null });

  const readInput = () => {
    const { fileId, encoding, sheet, answer, selection, tierChoices } = get();
    if (!fileId || !answer || !selection) return null;
    const mapping = toColumnMapping(selection, answer.preview);
    const choices = mapping.columns.tier && Object.keys(tierChoices).length > 0 ? { tierChoices } : {};
    return { fileId, ...(encoding ? { encoding } : {}), ...(sheet ? { sheet } : {}), mapping, ...choices };
  };

  return {
    ...CLEAN,

    async chooseFile(file) {
      if (get().busy) return;
      generation++;
      set({ ...CLEAN, file: { name: file.name, size: file.size } });
      // Checked here so a 1 GB dump is not sent over the bridge only to be refused.
      if (file.size > IMPORT_MAX_BYTES) {
        set({ failure: { action: 'upload', kind: 'too_large' } });
        return;
      }
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch {
        set({ failure: { action: 'upload', kind: 'unreadable' } });
        return;
      }
      const uploaded = await run('upload', () => api.upload(file.name || 'import.csv', bytes));
      if (!uploaded) return;
      set({ fileId: uploaded.value.fileId });
      await readPreview();
    },

    async setEncoding(encoding) {
      if (get().busy || encoding === (get().encoding ?? get().answer?.preview.source.encoding?.encoding)) return;
      set({ encoding });
      await readPreview();
    },

    async setSheet(sheet) {
      if (get().busy || sheet === (get().sheet ?? get().answer?.preview.source.sheet)) return;
      set({ sheet });
      await readPreview();
    },

    setKind(kind) {
      const { answer, selection, busy } = get();
      if (!answer || busy || selection?.kind === kind) return;
      changeSelection(selectionFor(answer, kind));
    },

    setField(index, field) {
      const { selection, busy } = get();
      if (!selection || busy) return;
      changeSelection(withField(selection, index, field));
    },

    setDayMonthOrder(order) {
      const { selection, busy } = get();
      if (!selection || busy) return;
      changeSelection({ ...selection, dayMonthOrder: order });
    },

    setTierChoice(value, tier) {
      const { busy, tierChoices } = get();
      if (busy) return;
      const next = { ...tierChoices };
      if (tier) next[value] = tier;
      else delete next[value];
      // Like a mapping change: the last dry run no longer says what apply would do.
      set({ tierChoices: next, dryRun: null, cancelled: null, failure: null });
    },

    async runDryRun() {
      const input = readInput();
      if (!input || get().busy) return;
      const answer = await run('dryRun', () => api.call('import.dryRun', input), { dryRun: null, result: null });
      if (answer) set({ dryRun: answer.value });
    },

    async apply() {
      const input = readInput();
      if (!input || get().busy || !get().dryRun) return;
      const answer = await run('apply', () => api.call('import.apply', input));
      if (answer) set({ result: answer.value });
    },

    async cancel() {
      const { fileId, busy, cancelling } = get();
      if (!fileId || !busy || busy === 'upload' || cancelling) return;
      set({ cancelling: true });
      const result = await api.call('import.cancel', { fileId });
      // Nothing was running any more (it finished meanwhile): its answer decides what shows.
      if (result.ok && !result.value.cancelled) set({ cancelling: false });
    },

    reset() {
      if (get().busy && get().busy !== 'upload') void get().cancel();
      generation++;
      set({ ...CLEAN });
    },

    connect() {
      return api.on('import.progress', (event) => {
        const { fileId, busy } = get();
        if (event.fileId === fileId && (busy === 'dryRun' || busy === 'apply')) set({ progress: event });
      });
    },
  };
});
