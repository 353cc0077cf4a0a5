import type { ApiOutput, CallDraft } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import {
  OPEN_TASK_STATUSES,
  type Answers,
  type CallRecord,
  type CustomerView,
  type Disposition,
  type Locale,
  type Task,
  type TaskStatus,
} from '../../shared/domain/model';
import type { CompiledCalendar } from '../../shared/calendar/working-time';
import { suggestCallSlots } from '../../shared/planning/call-slots';
import { callingTimeProblem, callingWindowsOn } from '../../shared/planning/calling-windows';
import type { PlanningRules } from '../../shared/planning/planning-rules';
import { nextAttempt } from '../../shared/planning/retry-policy';
import { appointmentSmsSendAt, renderAppointmentSms } from '../../shared/planning/sms-template';
import { v7 as uuidv7 } from 'uuid';
import { surnameOf } from '../../shared/domain/person-name';
import type { ProofResult } from '../../shared/domain/purchase-proof';
import { proofMatches } from './purchase-proof';
import { AgentRepository } from '../db/repositories/agent-repository';
import { AppointmentRepository } from '../db/repositories/appointment-repository';
import { AppointmentSmsRepository } from '../db/repositories/appointment-sms-repository';
import { OutboundMessageRepository } from '../db/repositories/outbound-message-repository';
import { validateAnswer, walk } from '../../shared/scripts/script-interpreter';
import type { Script } from '../../shared/scripts/script-schema';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { CallRepository } from '../db/repositories/call-repository';
import { CustomerRepository } from '../db/repositories/customer-repository';
import { NoteRepository } from '../db/repositories/note-repository';
import { PurchaseRepository } from '../db/repositories/purchase-repository';
import { TaskRepository } from '../db/repositories/task-repository';
import type { MutationRunner } from './mutations';
import type { ScriptCatalog } from './script-catalog';
import type { WorkspaceService } from './workspace-service';

const HOUR = 3_600_000;
/** Without planning rules (a broken rules file): +2 h until the third unanswered call. */
const FALLBACK_MAX_ATTEMPTS = 3;
/** The agent is reminded this long before an appointment with the customer. */
const APPOINTMENT_REMINDER_MS = 10 * 60_000;

export interface CallPlanningContext {
  rules(): PlanningRules | null;
  calendar(): CompiledCalendar;
  isWorkingDay(localDate: string): boolean;
  onMessageQueued(): void;
}

export interface FinishInput {
  callId: string;
  disposition: Disposition;
  answers: Answers;
  notes: string;
  satisfaction: number | null;
  nps: number | null;
  rescheduleAt: number | null;
}

/** Opens a callback, runs the call (answers, notes) and finishes it in one mutation. */
export class CallService {
  private readonly tasks: TaskRepository;
  private readonly customers: CustomerRepository;
  private readonly purchases: PurchaseRepository;
  private readonly calls: CallRepository;
  private readonly notes: NoteRepository;
  private readonly appointments: AppointmentRepository;
  private readonly messages: OutboundMessageRepository;
  private readonly agents: AgentRepository;
  private readonly appointmentSms: AppointmentSmsRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mutations: MutationRunner,
    private readonly workspace: WorkspaceService,
    private readonly scripts: ScriptCatalog,
    /** The planning rules (retries, calling windows, appointment SMS) and the working calendar. */
    private readonly planning?: CallPlanningContext,
  ) {
    this.appointments = new AppointmentRepository(db);
    this.appointmentSms = new AppointmentSmsRepository(db);
    this.messages = new OutboundMessageRepository(db);
    this.agents = new AgentRepository(db);
    this.tasks = new TaskRepository(db);
    this.customers = new CustomerRepository(db);
    this.purchases = new PurchaseRepository(db);
    this.calls = new CallRepository(db);
    this.notes = new NoteRepository(db);
  }

  open(taskId: string): ApiOutput<'task.open'> {
    const agent = this.workspace.requireAgent();
    const task = this.requireTask(taskId);
    const detail = this.customerDetail(task.customerId);
    const { script, problem } = this.scripts.forType(task.type);
    const settings = this.workspace.getSettings();
    const purchase = task.purchaseId ? this.purchases.get(task.purchaseId) : null;
    return {
      task,
      detail,
      script,
      scriptError: problem,
      draft: this.draftFor(task.id),
      placeholders: {
        customerTitle: customerTitle(detail.customer, settings.locale),
        agentName: agent.name,
        agentNo: agent.employeeNo,
        company: settings.company,
        product: purchase ? `${purchase.productLine} ${purchase.model}` : '',
      },
    };
  }

  customerDetail(customerId: string): ApiOutput<'customer.get'> {
    const customer = this.customers.getView(customerId);
    if (!customer) throw new CoreError('not_found', `No customer with id ${customerId}`);
    return {
      customer,
      purchases: this.purchases.listByCustomer(customerId),
      calls: this.calls.listFinishedByCustomer(customerId),
    };
  }

  /** Starting twice (a double click, a resumed screen) returns the call already under way. */
  start(input: { callId: string; taskId: string; noteId: string }): CallDraft {
    const agent = this.workspace.requireAgent();
    const task = this.requireOpenTask(input.taskId);
    const existing = this.draftFor(task.id);
    if (existing) return existing;
    if (this.calls.get(input.callId)) throw new CoreError('conflict', `Call ${input.callId} already exists`);
    if (this.notes.get(input.noteId)) throw new CoreError('conflict', `Note ${input.noteId} already exists`);
    const { script } = this.scripts.forType(task.type);
    const startedAt = this.clock.now();
    this.mutations.run('call.start', { ...input, startedAt }, ['calls'], (now) => {
      this.calls.insertStarted(
        {
          id: input.callId,
          taskId: task.id,
          customerId: task.customerId,
          agentId: agent.id,
          startedAt,
          scriptId: script?.id ?? 'none',
          scriptVersion: script?.version ?? 0,
        },
        now,
      );
      this.notes.upsert(
        { id: input.noteId, customerId: task.customerId, taskId: task.id, callId: input.callId, agentId: agent.id, body: '' },
        now,
      );
    });
    return { callId: input.callId, startedAt, noteId: input.noteId, notes: '', answers: {} };
  }

  saveAnswers(input: { callId: string; answers: Answers }): { savedAt: number } {
    this.requireUnfinishedCall(input.callId);
    return this.mutations.run('call.saveAnswers', input, ['calls'], (now) => {
      this.calls.saveAnswers(input.callId, input.answers);
      return { savedAt: now };
    });
  }

  saveNote(input: { noteId: string; callId: string; body: string }): { savedAt: number } {
    const agent = this.workspace.requireAgent();
    const call = this.calls.get(input.callId);
    if (!call) throw new CoreError('not_found', `No call with id ${input.callId}`);
    const note = this.notes.get(input.noteId);
    if (note && note.callId !== call.id) throw new CoreError('conflict', `Note ${input.noteId} belongs to another call`);
    return this.mutations.run('note.save', input, ['notes'], (now) => {
      this.notes.upsert(
        { id: input.noteId, customerId: call.customerId, taskId: call.taskId, callId: call.id, agentId: agent.id, body: input.body },
        now,
      );
      return { savedAt: now };
    });
  }

  finish(input: FinishInput): { task: Task; call: CallRecord } {
    const call = this.requireUnfinishedCall(input.callId);
    const task = this.requireOpenTask(call.taskId);
    const { script } = this.scripts.forType(task.type);
    const customer = this.customers.getView(task.customerId) as CustomerView;
    checkOutcome(input, script, customer, this.clock.now(), (at) => this.rescheduleProblem(at, customer));
    const outcome = this.nextTaskState(task, input, customer, this.clock.now());
    const busy = input.disposition === 'customer_busy' && input.rescheduleAt !== null ? input.rescheduleAt : null;
    let queuedNow = false;
    this.mutations.run('call.finish', input, ['calls', 'tasks', 'notes', 'messages'], (now) => {
      this.calls.finish(call.id, {
        endedAt: now,
        disposition: input.disposition,
        answers: input.answers,
        satisfaction: input.satisfaction,
        nps: input.nps,
      });
      const note = this.notes.firstForCall(call.id);
      this.notes.upsert(
        {
          id: note?.id ?? call.id,
          customerId: call.customerId,
          taskId: call.taskId,
          callId: call.id,
          agentId: call.agentId,
          body: input.notes,
        },
        now,
      );
      this.tasks.updateOutcome(task.id, outcome, now);
      if (busy !== null) queuedNow = this.book(task, customer, call.agentId, busy, now);
      // Finished another way: an SMS still waiting would announce a call that will not happen.
      else if (outcome.status !== 'rescheduled') this.appointmentSms.cancelWaitingForTask(task.id, now);
    });
    if (queuedNow) this.planning?.onMessageQueued();
    return { task: this.requireTask(task.id), call: this.calls.get(call.id) as CallRecord };
  }

  /** A lead gives a callback to another agent. */
  assign(taskId: string, agentId: string): { taskId: string; agentId: string } {
    const me = this.workspace.requireAgent();
    if (me.role !== 'lead' && me.role !== 'admin') throw new CoreError('unauthorized', 'only a team lead can reassign a callback');
    const task = this.requireOpenTask(taskId);
    if (!this.agents.get(agentId)) throw new CoreError('not_found', `no agent ${agentId}`, { agentId: 'unknown agent' });
    this.mutations.run('task.assign', { taskId, agentId }, ['tasks'], (now) => this.tasks.assign(task.id, agentId, now));
    return { taskId, agentId };
  }

  /**
   * The agreed time: an appointment with the agent's reminder, and the SMS to the customer
   * ("a specialist will call you tomorrow at 10:00"): to the outbox now when the day before's
   * send time has passed, else waiting for it (queueDueAppointmentSms). True: queued now.
   */
  private book(task: Task, customer: CustomerView, agentId: string, at: number, now: number): boolean {
    const appointmentId = uuidv7();
    this.appointments.insert({ id: appointmentId, taskId: task.id, customerId: task.customerId, agentId, at, remindAt: at - APPOINTMENT_REMINDER_MS }, now);
    // An earlier booking's SMS that has not gone yet would announce a time no longer agreed.
    this.appointmentSms.cancelWaitingForTask(task.id, now);
    const rules = this.planning?.rules();
    if (!rules) return false;
    const sendAt = appointmentSmsSendAt(at, now, customer.timeZone, rules.sms.dayBeforeAt);
    const entry = { appointmentId, taskId: task.id, customerId: task.customerId, at, sendAt };
    if (sendAt > now) {
      this.appointmentSms.insert({ ...entry, state: 'waiting', messageId: null }, now);
      return false;
    }
    const messageId = this.queueAppointmentSms(rules, task.customerId, task.id, customer, at, now);
    this.appointmentSms.insert({ ...entry, state: 'queued', messageId }, now);
    return true;
  }

  private queueAppointmentSms(rules: PlanningRules, customerId: string, taskId: string, customer: CustomerView, at: number, now: number): string {
    const settings = this.workspace.getSettings();
    const body = renderAppointmentSms(rules.sms, {
      locale: settings.locale, customerTitle: customerTitle(customer, settings.locale), company: settings.company, at, now, timeZone: customer.timeZone,
    });
    const id = uuidv7();
    this.messages.queue({ id, customerId, taskId, body }, now);
    return id;
  }

  /**
   * Queues the appointment SMS whose time has come (the day before the call), said relative to
   * now ("明天 10:00"); one whose task was finished or rebooked, or whose call time has passed
   * (this desktop was off), is cancelled instead. Driven by the core's clock; returns how many
   * were queued.
   */
  queueDueAppointmentSms(): number {
    const rules = this.planning?.rules();
    if (!rules) return 0;
    const now = this.clock.now();
    let queued = 0;
    this.db.transaction(() => {
      for (const due of this.appointmentSms.due(now, 200)) {
        const customer = this.customers.getView(due.customerId);
        if (!due.stillBooked || due.at <= now || !customer) {
          this.appointmentSms.markCancelled(due.appointmentId, now);
          continue;
        }
        this.appointmentSms.markQueued(due.appointmentId, this.queueAppointmentSms(rules, due.customerId, due.taskId, customer, due.at, now), now);
        queued++;
      }
    })();
    return queued;
  }

  /** What the task becomes after a call with this disposition. */
  private nextTaskState(task: Task, input: FinishInput, customer: CustomerView, now: number) {
    const attempts = task.attempts + 1;
    let status: TaskStatus;
    let dueStart = task.dueStart;
    let dueEnd = task.dueEnd;
    switch (input.disposition) {
      case 'completed':
        status = 'completed';
        break;
      case 'customer_busy':
        status = 'rescheduled';
        dueStart = input.rescheduleAt as number;
        dueEnd = dueStart + HOUR;
        break;
      case 'no_answer': {
        const next = this.retryAfter(attempts, customer, now);
        status = next === null ? 'unreachable' : 'retry';
        if (next !== null) {
          dueStart = next;
          dueEnd = Math.max(task.dueEnd, dueStart + 2 * HOUR);
        }
        break;
      }
      case 'wrong_number':
        status = 'unreachable';
        break;
      case 'refused':
        status = 'refused';
        break;
    }
    return { status, attempts, lastDisposition: input.disposition, dueStart, dueEnd };
  }

  /** When to call again after `unanswered` calls without an answer, by the rules' retry policy; null: give up. */
  private retryAfter(unanswered: number, customer: CustomerView, now: number): number | null {
    const rules = this.planning?.rules();
    if (!rules) return unanswered >= FALLBACK_MAX_ATTEMPTS ? null : now + 2 * HOUR;
    const next = nextAttempt(rules.retry, this.planning!.calendar(), unanswered, now, {
      timeZone: customer.timeZone,
      contactWindow: customer.contactWindow,
      callingWindows: rules.callingWindows,
    });
    return 'at' in next ? next.at : null;
  }

  /**
   * Times to offer a busy customer: inside the task's due window while it has calling time left
   * (never before it opens), else the next ones after now, saying so (withinDueWindow false).
   */
  suggestSlots(taskId: string): { slots: number[]; withinDueWindow: boolean } {
    const task = this.requireTask(taskId);
    const customer = this.customers.getView(task.customerId) as CustomerView;
    const rules = this.planning?.rules();
    const now = this.clock.now();
    // The rules' calling windows on the calendar's working dates: no slots on holidays, 调休 Saturdays included.
    const windows = rules && this.planning ? callingWindowsOn(rules.callingWindows, this.planning.calendar()) : undefined;
    const suggest = (within?: { start: number; end: number }) =>
      suggestCallSlots(now, customer.timeZone, customer.contactWindow, undefined, windows, this.planning?.isWorkingDay, within);
    const inside = task.dueEnd > now ? suggest({ start: task.dueStart, end: task.dueEnd }) : [];
    return inside.length > 0 ? { slots: inside, withinDueWindow: true } : { slots: suggest(), withinDueWindow: false };
  }

  /** Why an agreed time is refused (a reason code for the UI), by the rules' calling windows on the calendar. */
  private rescheduleProblem(at: number, customer: CustomerView): string | null {
    const rules = this.planning?.rules();
    if (!rules || !this.planning) return null;
    const problem = callingTimeProblem(rules.callingWindows, this.planning.calendar(), customer.timeZone, at);
    return problem ? `reschedule.${problem}` : null;
  }

  /**
   * Compares the order or invoice number a customer reads out with the purchase's digest; the
   * number itself is never written (not to the store, the outbox or a log).
   */
  verifyProof(purchaseId: string, proof: string): { result: ProofResult } {
    this.workspace.requireAgent();
    if (!this.purchases.get(purchaseId)) throw new CoreError('not_found', `No purchase with id ${purchaseId}`);
    const digest = this.purchases.proofDigest(purchaseId);
    if (digest === null) return { result: 'not_on_file' };
    return { result: proofMatches(digest, proof) ? 'match' : 'no_match' };
  }

  /** The dial URI with the whole number: built here so the renderer never holds it longer than a dial. */
  dialUri(taskId: string): string {
    const task = this.requireTask(taskId);
    const phone = this.customers.getPhone(task.customerId) as string;
    return this.workspace.getSettings().dialUriTemplate.replaceAll('{phone}', encodeURIComponent(phone));
  }

  private draftFor(taskId: string): CallDraft | null {
    const open = this.calls.openForTask(taskId);
    if (!open) return null;
    const note = this.notes.firstForCall(open.id);
    return { callId: open.id, startedAt: open.startedAt, noteId: note?.id ?? open.id, notes: note?.body ?? '', answers: open.answers };
  }

  private requireTask(taskId: string): Task {
    const task = this.tasks.get(taskId);
    if (!task) throw new CoreError('not_found', `No callback task with id ${taskId}`);
    return task;
  }

  private requireOpenTask(taskId: string): Task {
    const task = this.requireTask(taskId);
    if (!OPEN_TASK_STATUSES.includes(task.status)) {
      throw new CoreError('conflict', `This callback is already ${task.status}; it cannot be called again.`);
    }
    return task;
  }

  private requireUnfinishedCall(callId: string): CallRecord {
    const call = this.calls.get(callId);
    if (!call) throw new CoreError('not_found', `No call with id ${callId}`);
    if (call.endedAt !== null) throw new CoreError('conflict', 'This call was already finished.');
    return call;
  }
}

/**
 * How the script and the SMS address the customer: surname + 先生/女士 (seed 000), compound
 * surnames whole (欧阳先生, not 欧先生); unknown gender gets both forms rather than the full name.
 */
export function customerTitle(customer: Pick<CustomerView, 'name' | 'gender'>, locale: Locale): string {
  const surname = surnameOf(customer.name);
  if (locale === 'en') {
    return customer.gender === 'male' ? `Mr. ${surname}` : customer.gender === 'female' ? `Ms. ${surname}` : `Mr./Ms. ${surname}`;
  }
  const female = locale === 'zh-TW' ? '小姐' : '女士';
  return surname + (customer.gender === 'male' ? '先生' : customer.gender === 'female' ? female : `先生/${female}`);
}


/** Rejects an outcome that contradicts the script or itself, before anything is written. */
function checkOutcome(input: FinishInput, script: Script | null, customer: CustomerView, now: number, rescheduleProblem: (at: number) => string | null): void {
  const fields: Record<string, string> = {};
  if (script) {
    for (const step of script.steps) {
      const question = step.question;
      if (!question || !(question.key in input.answers)) continue;
      const problem = validateAnswer(question, input.answers[question.key]);
      if (problem && input.answers[question.key] !== '') fields[`answers.${question.key}`] = problem;
    }
    if (input.disposition === 'completed' && Object.keys(fields).length === 0) {
      const { path, complete } = walk(script, { answers: input.answers, customer: { tier: customer.tier } });
      if (!complete) {
        const stuckAt = script.steps.find((s) => s.id === path.at(-1));
        fields[`answers.${stuckAt?.question?.key ?? stuckAt?.id ?? ''}`] = 'answer.required';
      }
    }
  }
  if (input.satisfaction !== null && 'satisfaction' in input.answers && input.answers.satisfaction !== input.satisfaction) {
    fields.satisfaction = 'does not match the answer given in the script';
  }
  if (input.nps !== null && 'nps' in input.answers && input.answers.nps !== input.nps) {
    fields.nps = 'does not match the answer given in the script';
  }
  // Reason codes the UI translates (call:reschedule.*); the message says it in English for logs.
  const why: Record<string, string> = {
    'reschedule.required': 'a callback time is required when the customer is busy',
    'reschedule.past': 'the callback time must be in the future',
    'reschedule.not_busy': 'only a busy customer is rescheduled',
    'reschedule.holiday': 'the callback time falls on a public holiday',
    'reschedule.rest_day': 'the callback time falls on a rest day',
    'reschedule.outside_calling_hours': 'the callback time is outside the calling hours',
  };
  if (input.disposition === 'customer_busy') {
    if (input.rescheduleAt === null) fields.rescheduleAt = 'reschedule.required';
    else if (input.rescheduleAt <= now) fields.rescheduleAt = 'reschedule.past';
    else {
      const problem = rescheduleProblem(input.rescheduleAt);
      if (problem) fields.rescheduleAt = problem;
    }
  } else if (input.rescheduleAt !== null) {
    fields.rescheduleAt = 'reschedule.not_busy';
  }
  if (Object.keys(fields).length > 0) {
    const [first, message] = Object.entries(fields)[0] as [string, string];
    throw new CoreError('invalid_input', `call.finish: ${first}: ${why[message] ?? message}`, fields);
  }
}


