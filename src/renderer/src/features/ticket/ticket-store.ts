import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import type { ApiInput, ApiOutput } from '../../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../../shared/api/result';
import type { TicketAction } from '../../../../shared/tickets/ticket-lifecycle';
import type { ClosingRating, Compensation, Ticket } from '../../../../shared/tickets/ticket-model';
import { api } from '../../api';

type Opened = ApiOutput<'ticket.get'>;

/** A lifecycle step, or a lead's decision on a proposed solution. */
export type StepChoice = TicketAction | 'approve' | 'reject';

/** Steps that need nothing typed: one click does them. */
export const IMMEDIATE_STEPS: readonly StepChoice[] = ['start', 'customer_replied', 'execute', 'confirm'];

export interface StepDraft {
  progress: string;
  solution: string;
  compensations: Compensation[];
  closingRating: ClosingRating | null;
  reason: string;
  comment: string;
}

export interface EntryDraft {
  kind: 'progress' | 'internal_note';
  body: string;
  /** Kept until the entry is saved, so a retry after a lost answer cannot add it twice. */
  entryId: string;
}

interface TicketState {
  ticketId: string | null;
  opened: Opened | null;
  loadError: ApiError | null;

  /** The step whose form is showing, with what is typed in it. */
  step: StepChoice | null;
  stepDraft: StepDraft;
  stepError: ApiError | null;
  stepBusy: boolean;

  entry: EntryDraft;
  entryError: ApiError | null;
  entryBusy: boolean;

  /** A severity picked in the header, waiting for its reason and confirmation. */
  severity: { key: string; reason: string } | null;
  severityError: ApiError | null;
  severityBusy: boolean;

  load(ticketId: string): Promise<void>;
  chooseStep(step: StepChoice): void;
  cancelStep(): void;
  setStepDraft(patch: Partial<StepDraft>): void;
  submitStep(): Promise<boolean>;
  setEntry(patch: Partial<Omit<EntryDraft, 'entryId'>>): void;
  submitEntry(): Promise<boolean>;
  pickSeverity(key: string | null): void;
  setSeverityReason(reason: string): void;
  submitSeverity(): Promise<boolean>;
}

const emptyStepDraft = (solution = ''): StepDraft => ({ progress: '', solution, compensations: [], closingRating: null, reason: '', comment: '' });
const emptyEntry = (kind: EntryDraft['kind'] = 'progress'): EntryDraft => ({ kind, body: '', entryId: uuidv7() });

const trimmed = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);

/** What a step sends: only the fields it uses, and nothing empty. */
export function transitionInput(ticketId: string, action: TicketAction, draft: StepDraft): ApiInput<'ticket.transition'> {
  const input: ApiInput<'ticket.transition'> = { ticketId, action };
  const progress = trimmed(draft.progress);
  if (progress) input.progress = progress;
  if (action === 'propose_solution') {
    const solution = trimmed(draft.solution);
    if (solution) input.solution = solution;
    input.compensations = draft.compensations;
  }
  if (action === 'close') {
    if (draft.closingRating) input.closingRating = draft.closingRating;
    const solution = trimmed(draft.solution);
    if (solution) input.solution = solution;
  }
  if (action === 'reopen' || action === 'void' || action === 'reject_solution') {
    const reason = trimmed(draft.reason);
    if (reason) input.reason = reason;
  }
  return input;
}

/**
 * The issue on screen. What the agent types (a step's form, an entry, a severity reason) lives
 * here and survives an error, a re-read after data.changed, and a trip to another screen and back.
 */
export const useTicket = create<TicketState>((set, get) => {
  /** Applies a step's answer: the ticket changed, so the timeline and the allowed actions did too. */
  const afterChange = async (result: ApiResult<Ticket>, ticketId: string): Promise<boolean> => {
    if (!result.ok) return false;
    const opened = get().opened;
    if (opened && get().ticketId === ticketId) set({ opened: { ...opened, ticket: result.value } });
    await get().load(ticketId);
    return true;
  };

  return {
    ticketId: null,
    opened: null,
    loadError: null,
    step: null,
    stepDraft: emptyStepDraft(),
    stepError: null,
    stepBusy: false,
    entry: emptyEntry(),
    entryError: null,
    entryBusy: false,
    severity: null,
    severityError: null,
    severityBusy: false,

    async load(ticketId) {
      if (get().ticketId !== ticketId) {
        set({
          ticketId, opened: null, loadError: null, step: null, stepDraft: emptyStepDraft(), stepError: null, stepBusy: false,
          entry: emptyEntry(), entryError: null, entryBusy: false, severity: null, severityError: null, severityBusy: false,
        });
      }
      const result = await api.call('ticket.get', { ticketId });
      if (get().ticketId !== ticketId) return;
      if (!result.ok) {
        set({ loadError: result.error });
        return;
      }
      // A step the issue no longer allows (someone else moved it on) closes; its text is kept for next time.
      const step = get().step;
      const stillAllowed =
        step === null ||
        (step === 'approve' || step === 'reject' ? result.value.ticket.status === 'solution_proposed' : result.value.actions.includes(step));
      set({ opened: result.value, loadError: null, ...(stillAllowed ? {} : { step: null, stepError: null }) });
    },

    chooseStep(step) {
      const opened = get().opened;
      // Closing starts from the solution already agreed, so the agent confirms rather than retypes it.
      const draft = get().stepDraft;
      const solution = step === 'close' && !draft.solution ? (opened?.ticket.solution ?? '') : draft.solution;
      set({ step, stepError: null, stepDraft: { ...draft, solution } });
      if (IMMEDIATE_STEPS.includes(step)) void get().submitStep();
    },

    cancelStep() {
      set({ step: null, stepError: null });
    },

    setStepDraft(patch) {
      set({ stepDraft: { ...get().stepDraft, ...patch } });
    },

    async submitStep() {
      const { ticketId, step, stepDraft, stepBusy } = get();
      if (!ticketId || !step || stepBusy) return false;
      set({ stepBusy: true, stepError: null });
      const result =
        step === 'approve' || step === 'reject'
          ? await api.call('ticket.approve', { ticketId, approve: step === 'approve', ...(trimmed(stepDraft.comment) ? { comment: trimmed(stepDraft.comment) } : {}) })
          : await api.call('ticket.transition', transitionInput(ticketId, step, stepDraft));
      if (get().ticketId !== ticketId) return false;
      if (!result.ok) {
        // A one-click step has no form to return to; its error shows under the buttons.
        set({ stepBusy: false, stepError: result.error, ...(IMMEDIATE_STEPS.includes(step) ? { step: null } : {}) });
        return false;
      }
      set({ stepBusy: false, step: null, stepDraft: emptyStepDraft() });
      return afterChange(result, ticketId);
    },

    setEntry(patch) {
      set({ entry: { ...get().entry, ...patch }, entryError: null });
    },

    async submitEntry() {
      const { ticketId, entry, entryBusy } = get();
      const body = entry.body.trim();
      if (!ticketId || entryBusy || !body) return false;
      set({ entryBusy: true, entryError: null });
      const result = await api.call('ticket.addEntry', { ticketId, entryId: entry.entryId, kind: entry.kind, body });
      if (get().ticketId !== ticketId) return false;
      // "already exists": an earlier attempt was stored and only its answer was lost.
      const stored = result.ok || (result.error.code === 'conflict' && result.error.message.includes(entry.entryId));
      if (!stored) {
        set({ entryBusy: false, entryError: result.error });
        return false;
      }
      set({ entryBusy: false, entry: emptyEntry(entry.kind) });
      await get().load(ticketId);
      return true;
    },

    pickSeverity(key) {
      const current = get().opened?.ticket.severity;
      set({ severity: key === null || key === current ? null : { key, reason: get().severity?.reason ?? '' }, severityError: null });
    },

    setSeverityReason(reason) {
      const severity = get().severity;
      if (severity) set({ severity: { ...severity, reason } });
    },

    async submitSeverity() {
      const { ticketId, severity, severityBusy } = get();
      if (!ticketId || !severity || severityBusy) return false;
      set({ severityBusy: true, severityError: null });
      const reason = trimmed(severity.reason);
      const result = await api.call('ticket.setSeverity', { ticketId, severity: severity.key, ...(reason ? { reason } : {}) });
      if (get().ticketId !== ticketId) return false;
      if (!result.ok) {
        set({ severityBusy: false, severityError: result.error });
        return false;
      }
      set({ severityBusy: false, severity: null });
      return afterChange(result, ticketId);
    },
  };
});
