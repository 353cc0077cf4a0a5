import { flushSync } from 'react-dom';
import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import type { ApiOutput, CallDraft } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { Answers, type AnswerValue, type Disposition } from '../../../../shared/domain/model';
import { nextStepId, validateAnswer, walk } from '../../../../shared/scripts/script-interpreter';
import type { Step } from '../../../../shared/scripts/script-schema';
import { api } from '../../api';
import { i18n } from '../../i18n';
import { createAutosaver, type Autosaver, type SaveStatus } from './autosaver';
import { unsavedJournal, type UnsavedJournal } from './unsaved-journal';

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
  /** False: the task's due window has no calling time left; the slots come after it. */
  slotsWithinDueWindow: boolean;
  finishing: boolean;
  finishError: ApiError | null;
  finished: boolean;
  /** Which tab of the right-hand panel shows: the notes, or the de-escalation lines. */
  sideTab: SideTab;

  open(taskId: string): Promise<void>;
  close(): void;
  start(): Promise<CallDraft | null>;
  answer(value: AnswerValue): void;
  next(): void;
  previous(): void;
  setNotes(text: string): void;
  setDisposition(disposition: Disposition): void;
  setRescheduleAt(at: number | null): void;
  setSideTab(tab: SideTab): void;
  /** Shows the notes tab and puts the cursor at the end of the notes. */
  focusNotes(): void;
  finish(): Promise<boolean>;
}

export type SideTab = 'notes' | 'lines';
export const NOTES_FIELD_ID = 'call-notes';

/**
 * One opened task. Its savers keep a reference to it, so a save still under way when the agent
 * leaves the screen finishes against the right call, and never writes into the next screen.
 */
interface Session {
  taskId: string;
  draft: CallDraft | null;
  starting: Promise<CallDraft | null> | null;
  notesSaver: Autosaver | null;
  answersSaver: Autosaver | null;
  notesJournal: UnsavedJournal;
  answersJournal: UnsavedJournal;
}

/** Answers typed and never confirmed saved; anything unreadable is ignored, not trusted. */
function recallAnswers(journal: UnsavedJournal): Answers | null {
  const text = journal.recall();
  if (text === null) return null;
  try {
    const parsed = Answers.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

let session: Session | null = null;
/** Saves of screens already left; the next task.open waits for them so it reads the latest text. */
let leaving: Promise<unknown> = Promise.resolve();

function notStarted(): { ok: false; message: string } {
  return { ok: false, message: i18n.t('call:notStarted') };
}

/**
 * Starts the session's call once: typing, answering and dialling all start it, and only one
 * call.start goes out. Works for a session the agent has already left, so its last words save.
 */
function startSession(mine: Session): Promise<CallDraft | null> {
  if (mine.draft) return Promise.resolve(mine.draft);
  mine.starting ??= api.call('call.start', { callId: uuidv7(), taskId: mine.taskId, noteId: uuidv7() }).then((result) => {
    mine.starting = null;
    if (!result.ok) {
      if (session === mine) useCallStore.setState({ finishError: result.error });
      return null;
    }
    mine.draft = result.value;
    if (session === mine) useCallStore.setState({ draft: result.value });
    return result.value;
  });
  return mine.starting;
}

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
  slotsWithinDueWindow: true,
  finishing: false,
  finishError: null,
  finished: false,
  sideTab: 'notes',

  async open(taskId) {
    // Coming back from the customer's history to the same call: keep it exactly as it was.
    if (session?.taskId === taskId && get().taskId === taskId && (get().opened || !get().loadError)) return;
    get().close();
    const mine: Session = {
      taskId, draft: null, starting: null, notesSaver: null, answersSaver: null,
      notesJournal: unsavedJournal(taskId, 'notes'), answersJournal: unsavedJournal(taskId, 'answers'),
    };
    session = mine;
    set({ taskId, opened: null, loadError: null });
    await leaving;
    if (session !== mine) return;
    const result = await api.call('task.open', { taskId });
    if (session !== mine) return;
    if (!result.ok) {
      set({ loadError: result.error });
      return;
    }
    const opened = result.value;
    const draft = opened.draft;
    mine.draft = draft;
    const savedNotes = draft?.notes ?? '';
    const savedAnswers = draft?.answers ?? {};
    // Text typed last time but never confirmed (reload, crash, failed save) comes back and is saved now.
    const notes = mine.notesJournal.recall() ?? savedNotes;
    const answers = recallAnswers(mine.answersJournal) ?? savedAnswers;
    const script = opened.script;
    // A resumed call continues where the saved answers lead.
    let path: string[] = script?.steps[0] ? [script.steps[0].id] : [];
    if (script && Object.keys(answers).length > 0) path = walk(script, { answers, customer: { tier: opened.detail.customer.tier } }).path;
    set({ opened, draft, answers, path, notes, noteStatus: { state: 'idle' }, answerStatus: { state: 'idle' } });
    // A save may run after the agent has left this screen; it still starts and writes this call.
    const startMine = (): Promise<CallDraft | null> => startSession(mine);
    mine.notesSaver = createAutosaver({
      initial: savedNotes,
      onStatus: (noteStatus) => session === mine && set({ noteStatus }),
      save: async (body) => {
        const call = await startMine();
        if (!call) return notStarted();
        const saved = await api.call('note.save', { noteId: call.noteId, callId: call.callId, body });
        if (saved.ok) mine.notesJournal.confirm(body);
        return saved.ok ? { ok: true, savedAt: saved.value.savedAt } : { ok: false, message: saved.error.message };
      },
    });
    mine.answersSaver = createAutosaver({
      initial: JSON.stringify(savedAnswers),
      onStatus: (answerStatus) => session === mine && set({ answerStatus }),
      save: async (json) => {
        const call = await startMine();
        if (!call) return notStarted();
        const saved = await api.call('call.saveAnswers', { callId: call.callId, answers: JSON.parse(json) as Answers });
        if (saved.ok) mine.answersJournal.confirm(json);
        return saved.ok ? { ok: true, savedAt: saved.value.savedAt } : { ok: false, message: saved.error.message };
      },
    });
    if (notes !== savedNotes) mine.notesSaver.update(notes);
    const answersJson = JSON.stringify(answers);
    if (answersJson !== JSON.stringify(savedAnswers)) mine.answersSaver.update(answersJson);
    const slots = await api.call('call.suggestSlots', { taskId });
    if (slots.ok && session === mine) set({ slots: slots.value.slots, slotsWithinDueWindow: slots.value.withinDueWindow });
  },

  close() {
    const old = session;
    session = null;
    if (old) {
      // Whatever was typed in the last moments is still saved (against its own call), then the savers stop.
      const savers = [old.notesSaver, old.answersSaver].filter((saver): saver is Autosaver => saver !== null);
      const finished = get().finished;
      const flushed = Promise.all(savers.map((saver) => (finished ? Promise.resolve(true) : saver.flush()))).finally(() => {
        savers.forEach((saver) => saver.dispose());
      });
      leaving = Promise.all([leaving, flushed]);
    }
    set({
      taskId: null, opened: null, draft: null, answers: {}, path: [], stepError: null, notes: '', noteStatus: { state: 'idle' },
      answerStatus: { state: 'idle' }, disposition: 'completed', rescheduleAt: null, slots: [], slotsWithinDueWindow: true, finishing: false, finishError: null, finished: false, loadError: null, sideTab: 'notes',
    });
  },

  start() {
    return session ? startSession(session) : Promise.resolve(null);
  },

  answer(value) {
    const step = currentStep(get());
    if (!step?.question) return;
    const answers = { ...get().answers, [step.question.key]: value };
    set({ answers, stepError: null });
    const json = JSON.stringify(answers);
    session?.answersJournal.remember(json);
    session?.answersSaver?.update(json);
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
    session?.notesJournal.remember(text);
    session?.notesSaver?.update(text);
  },

  setDisposition(disposition) {
    set({ disposition, finishError: null, ...(disposition === 'customer_busy' ? {} : { rescheduleAt: null }) });
  },

  setRescheduleAt(rescheduleAt) {
    set({ rescheduleAt, finishError: null });
  },

  setSideTab(sideTab) {
    set({ sideTab });
  },

  focusNotes() {
    const focus = (): void => {
      const field = document.getElementById(NOTES_FIELD_ID);
      if (!(field instanceof HTMLTextAreaElement)) return;
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    };
    // Render the tab switch now, then focus at once: keys typed right after Alt+N land in the notes.
    if (get().sideTab !== 'notes') flushSync(() => set({ sideTab: 'notes' }));
    focus();
  },

  async finish() {
    const { opened, disposition, rescheduleAt } = get();
    if (!opened || get().finishing) return false;
    set({ finishing: true, finishError: null });
    const mine = session;
    const call = await get().start();
    // Notes first: the finish must not overtake text the agent typed a moment ago.
    const notesSaved = (await mine?.notesSaver?.flush()) ?? true;
    await mine?.answersSaver?.flush();
    if (session !== mine) return false;
    if (!call || !notesSaved) {
      set({ finishing: false, finishError: get().finishError ?? { code: 'internal', message: i18n.t('call:notesNotSaved') } });
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
    if (session !== mine) return false;
    if (!result.ok) {
      set({ finishing: false, finishError: result.error });
      return false;
    }
    // The call is closed in the core; nothing typed in it is pending any more.
    mine?.notesJournal.clear();
    mine?.answersJournal.clear();
    set({ finishing: false, finished: true });
    return true;
  },
}));
