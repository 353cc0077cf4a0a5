import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import type { ApiOutput, CallDraft } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import type { AnswerValue, Answers, Disposition } from '../../../../shared/domain/model';
import { nextStepId, validateAnswer, walk } from '../../../../shared/scripts/script-interpreter';
import type { Step } from '../../../../shared/scripts/script-schema';
import { api } from '../../api';
import { createAutosaver, type Autosaver, type SaveStatus } from './autosaver';

type Opened = ApiOutput<'task.open'>;

interface CallState {
  taskId: string | null;
  opened: Opened | null;
  loadError: ApiError | null;
  draft: CallDraft | null;
  answers: Answers;
  /** Steps walked so far, the current one last; Previous pops it. */
  path: string[];
  stepError: string | null;
  notes: string;
  noteStatus: SaveStatus;
  answerStatus: SaveStatus;
  disposition: Disposition;
  rescheduleAt: number | null;
  slots: number[];
  finishing: boolean;
  finishError: ApiError | null;
  finished: boolean;

  open(taskId: string): Promise<void>;
  close(): void;
  start(): Promise<CallDraft | null>;
  answer(value: AnswerValue): void;
  next(): void;
  previous(): void;
  setNotes(text: string): void;
  setDisposition(disposition: Disposition): void;
  setRescheduleAt(at: number | null): void;
  finish(): Promise<boolean>;
}

let notesSaver: Autosaver | null = null;
let answersSaver: Autosaver | null = null;
let starting: Promise<CallDraft | null> | null = null;

const END_TO_DISPOSITION: Record<NonNullable<Step['end']>, Disposition> = {
  completed: 'completed',
  customer_busy: 'customer_busy',
  wrong_number: 'wrong_number',
  refused: 'refused',
};

export function currentStep(state: Pick<CallState, 'opened' | 'path'>): Step | null {
  const id = state.path.at(-1);
  return state.opened?.script?.steps.find((s) => s.id === id) ?? null;
}

/** The answers that lie on the path the script actually takes: a changed branch drops the rest. */
export function answersOnPath(opened: Opened, answers: Answers): Answers {
  const script = opened.script;
  if (!script) return answers;
  const { path } = walk(script, { answers, customer: { tier: opened.detail.customer.tier } });
  const kept: Answers = {};
  for (const id of path) {
    const key = script.steps.find((s) => s.id === id)?.question?.key;
    if (key && key in answers) kept[key] = answers[key] as AnswerValue;
  }
  return kept;
}

/** One call at a time: the script walk, the answers, the notes autosave and the finish. */
export const useCallStore = create<CallState>((set, get) => ({
  taskId: null,
  opened: null,
  loadError: null,
  draft: null,
  answers: {},
  path: [],
  stepError: null,
  notes: '',
  noteStatus: { state: 'idle' },
  answerStatus: { state: 'idle' },
  disposition: 'completed',
  rescheduleAt: null,
  slots: [],
  finishing: false,
  finishError: null,
  finished: false,

  async open(taskId) {
    get().close();
    set({ taskId, opened: null, loadError: null });
    const result = await api.call('task.open', { taskId });
    if (get().taskId !== taskId) return;
    if (!result.ok) {
      set({ loadError: result.error });
      return;
    }
    const opened = result.value;
    const draft = opened.draft;
    const answers = draft?.answers ?? {};
    const script = opened.script;
    // A resumed call continues where the saved answers lead.
    let path: string[] = script?.steps[0] ? [script.steps[0].id] : [];
    if (script && Object.keys(answers).length > 0) path = walk(script, { answers, customer: { tier: opened.detail.customer.tier } }).path;
    set({ opened, draft, answers, path, notes: draft?.notes ?? '', noteStatus: draft ? { state: 'saved', at: draft.startedAt } : { state: 'idle' } });
    notesSaver = createAutosaver({
      initial: draft?.notes ?? '',
      onStatus: (noteStatus) => set({ noteStatus }),
      save: async (body) => {
        const call = await get().start();
        if (!call) return { ok: false, message: get().finishError?.message ?? 'call not started' };
        const saved = await api.call('note.save', { noteId: call.noteId, callId: call.callId, body });
        return saved.ok ? { ok: true, savedAt: saved.value.savedAt } : { ok: false, message: saved.error.message };
      },
    });
    answersSaver = createAutosaver({
      initial: JSON.stringify(answers),
      onStatus: (answerStatus) => set({ answerStatus }),
      save: async (json) => {
        const call = await get().start();
        if (!call) return { ok: false, message: get().finishError?.message ?? 'call not started' };
        const saved = await api.call('call.saveAnswers', { callId: call.callId, answers: JSON.parse(json) as Answers });
        return saved.ok ? { ok: true, savedAt: saved.value.savedAt } : { ok: false, message: saved.error.message };
      },
    });
    const slots = await api.call('call.suggestSlots', { taskId });
    if (slots.ok && get().taskId === taskId) set({ slots: slots.value.slots });
  },

  close() {
    notesSaver?.dispose();
    notesSaver = null;
    answersSaver?.dispose();
    answersSaver = null;
    starting = null;
    set({
      taskId: null, opened: null, draft: null, answers: {}, path: [], stepError: null, notes: '', noteStatus: { state: 'idle' },
      answerStatus: { state: 'idle' }, disposition: 'completed', rescheduleAt: null, slots: [], finishing: false, finishError: null, finished: false, loadError: null,
    });
  },

  start() {
    const { draft, taskId } = get();
    if (draft) return Promise.resolve(draft);
    if (!taskId) return Promise.resolve(null);
    // Typing and answering both start the call; only one start may go out.
    starting ??= api.call('call.start', { callId: uuidv7(), taskId, noteId: uuidv7() }).then((result) => {
      starting = null;
      if (!result.ok) {
        set({ finishError: result.error });
        return null;
      }
      set({ draft: result.value });
      return result.value;
    });
    return starting;
  },

  answer(value) {
    const step = currentStep(get());
    if (!step?.question) return;
    const answers = { ...get().answers, [step.question.key]: value };
    set({ answers, stepError: null });
    answersSaver?.update(JSON.stringify(answers));
  },

  next() {
    const { opened, answers, path } = get();
    const step = currentStep(get());
    if (!opened?.script || !step) return;
    if (step.question) {
      const problem = validateAnswer(step.question, answers[step.question.key]);
      if (problem) {
        set({ stepError: problem });
        return;
      }
    }
    const next = nextStepId(opened.script, step.id, { answers, customer: { tier: opened.detail.customer.tier } });
    if (!next) return;
    const nextStep = opened.script.steps.find((s) => s.id === next);
    set({
      path: [...path, next],
      stepError: null,
      ...(nextStep?.end ? { disposition: END_TO_DISPOSITION[nextStep.end] } : {}),
    });
  },

  previous() {
    const { path } = get();
    if (path.length > 1) set({ path: path.slice(0, -1), stepError: null });
  },

  setNotes(text) {
    set({ notes: text });
    notesSaver?.update(text);
  },

  setDisposition(disposition) {
    set({ disposition, finishError: null, ...(disposition === 'customer_busy' ? {} : { rescheduleAt: null }) });
  },

  setRescheduleAt(rescheduleAt) {
    set({ rescheduleAt, finishError: null });
  },

  async finish() {
    const { opened, disposition, rescheduleAt } = get();
    if (!opened || get().finishing) return false;
    set({ finishing: true, finishError: null });
    const call = await get().start();
    const notesSaved = (await notesSaver?.flush()) ?? true;
    await answersSaver?.flush();
    if (!call || !notesSaved) {
      set({ finishing: false, finishError: get().finishError ?? { code: 'internal', message: 'notes not saved' } });
      return false;
    }
    const answers = answersOnPath(opened, get().answers);
    const score = (key: string): number | null => (typeof answers[key] === 'number' ? (answers[key] as number) : null);
    const result = await api.call('call.finish', {
      callId: call.callId,
      disposition,
      answers,
      notes: get().notes,
      satisfaction: score('satisfaction'),
      nps: score('nps'),
      rescheduleAt: disposition === 'customer_busy' ? rescheduleAt : null,
    });
    if (!result.ok) {
      set({ finishing: false, finishError: result.error });
      return false;
    }
    set({ finishing: false, finished: true });
    return true;
  },
}));
