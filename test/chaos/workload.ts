import { v7 as uuidv7 } from 'uuid';
import type { ApiResult } from '../../src/shared/api/result';
import type { Answers, CustomerTier } from '../../src/shared/domain/model';
import { validateAnswer, walk } from '../../src/shared/scripts/script-interpreter';
import type { Script } from '../../src/shared/scripts/script-schema';
import type { ChaosLog } from './chaos-log';
import type { DesktopHandle } from './desktop-handle';
import type { DesktopSnapshot } from './desktop-protocol';
import type { Random } from './random';

/**
 * What agents and the lead do, through the real core API: open a task, start a call, save notes,
 * finish with a disposition (completed / no answer / busy with a callback time), register issues
 * and add to their timelines; the lead reassigns callbacks between agents (a conditional change
 * that loses when someone moved the task first). Targets are picked from the desktop's own
 * replica, so an agent works on whatever their desktop shows, stale or not.
 */

const HOUR = 3600_000;

async function run<T>(desktop: DesktopHandle, log: ChaosLog, name: string, input: unknown, detail = ''): Promise<ApiResult<T>> {
  const result = await desktop.call<T>(name, input);
  log.op(desktop.name, name, result.ok, result.ok ? detail : `${detail} (${result.error.code}: ${result.error.message.slice(0, 80)})`.trim());
  return result;
}

/** Answers that walk the script to its end, so a "completed" call passes the core's checks. */
export function completingAnswers(script: Script | null, tier: CustomerTier): Answers {
  const answers: Answers = {};
  if (!script) return answers;
  for (let guard = 0; guard < script.steps.length * 2; guard++) {
    const { path, complete } = walk(script, { answers, customer: { tier } });
    if (complete) return answers;
    const question = script.steps.find((step) => step.id === path.at(-1))?.question;
    if (!question) return answers;
    const candidates = { choice: question.options?.[0]?.value ?? '', yesno: true, text: '回访正常', score: 8, nps: 9 } as const;
    const value = candidates[question.type];
    if (validateAnswer(question, value) !== null) return answers;
    answers[question.key] = value;
  }
  return answers;
}

type TaskOpen = { script: Script | null; detail: { customer: { tier: CustomerTier } } };

async function finishCall(desktop: DesktopHandle, rnd: Random, log: ChaosLog, draft: DesktopSnapshot['drafts'][number]): Promise<void> {
  const disposition = rnd.weighted({ completed: 4, no_answer: 4, customer_busy: 2 });
  let answers: Answers = {};
  if (disposition === 'completed') {
    const opened = await run<TaskOpen>(desktop, log, 'task.open', { taskId: draft.taskId });
    if (!opened.ok) return;
    answers = completingAnswers(opened.value.script, opened.value.detail.customer.tier);
  }
  const now = Date.now() + desktop.config.skewMs;
  // A busy customer is rebooked at a time the core accepts (a calling window on a working day): one it suggests.
  const slots = disposition === 'customer_busy' ? await run<{ slots: number[] }>(desktop, log, 'call.suggestSlots', { taskId: draft.taskId }) : null;
  const slot = slots?.ok ? slots.value.slots[rnd.int(0, Math.max(0, slots.value.slots.length - 1))] : undefined;
  await run(desktop, log, 'call.finish', {
    callId: draft.callId,
    disposition,
    answers,
    notes: `结束通话 ${disposition} ${rnd.int(1, 9999)}`,
    satisfaction: null,
    nps: null,
    rescheduleAt: disposition === 'customer_busy' ? (slot ?? now + rnd.int(20, 72) * HOUR) : null,
  }, `${disposition} task ${draft.taskId.slice(-6)}`);
}

async function startCall(desktop: DesktopHandle, log: ChaosLog, taskId: string): Promise<void> {
  const opened = await run(desktop, log, 'task.open', { taskId }, `task ${taskId.slice(-6)}`);
  if (!opened.ok) return;
  // A call already under way on this task (even one someone else started) is resumed, not duplicated.
  await run(desktop, log, 'call.start', { taskId, callId: uuidv7(), noteId: uuidv7() }, `task ${taskId.slice(-6)}`);
}

const severities = new Map<string, string>();

async function createTicket(desktop: DesktopHandle, rnd: Random, log: ChaosLog, customerId: string): Promise<void> {
  let severity = severities.get(desktop.name);
  if (!severity) {
    const options = await desktop.call<{ defaultSeverity: string }>('ticket.options', {});
    if (!options.ok) return;
    severity = options.value.defaultSeverity;
    severities.set(desktop.name, severity);
  }
  await run(desktop, log, 'ticket.create', {
    ticketId: uuidv7(),
    kind: rnd.chance(0.7) ? 'service_request' : 'complaint',
    customerId,
    purchaseId: null,
    callId: null,
    channel: 'callback',
    scenario: 'fault_repair',
    category: 'quality_fault',
    demand: rnd.pick(['repair', 'exchange', 'information'] as const),
    severity,
    symptom: `洗衣机异响 ${rnd.int(1, 9999)}`,
    ownerAgentId: null,
    department: '售后服务部',
  }, `customer ${customerId.slice(-6)}`);
}

/** One step of an agent's work, chosen by the seeded stream from what the desktop shows. */
export async function agentStep(desktop: DesktopHandle, rnd: Random, log: ChaosLog): Promise<void> {
  const snap = await desktop.snapshot();
  const mine = snap.tasks.filter((task) => task.assigned === snap.me && task.isOpen === 1);
  const drafts = snap.drafts.filter((draft) => mine.some((task) => task.id === draft.taskId));
  const draft = rnd.pick(drafts);
  if (draft && rnd.chance(0.8)) {
    if (rnd.chance(0.35)) {
      await run(desktop, log, 'note.save', { noteId: draft.noteId ?? uuidv7(), callId: draft.callId, body: `客户反馈 ${rnd.int(1, 99999)}` });
    } else {
      await finishCall(desktop, rnd, log, draft);
    }
    return;
  }
  const action = rnd.weighted({ call: 6, ticket: 1.5, entry: 1.5, idle: 1 });
  const task = rnd.pick(mine.filter((candidate) => !drafts.some((d) => d.taskId === candidate.id)));
  if (action === 'call' && task) return startCall(desktop, log, task.id);
  if (action === 'ticket' && task) return createTicket(desktop, rnd, log, task.customerId);
  const ticket = rnd.pick(snap.tickets.filter((candidate) => candidate.owner === snap.me && candidate.status !== 'closed' && candidate.status !== 'voided'));
  if (action === 'entry' && ticket) {
    await run(desktop, log, 'ticket.addEntry', {
      ticketId: ticket.id,
      entryId: uuidv7(),
      kind: rnd.chance(0.5) ? 'progress' : 'internal_note',
      body: `跟进 ${rnd.int(1, 9999)}`,
    }, `ticket ${ticket.id.slice(-6)}`);
  }
}

/** The lead moves an open callback from one of the team's agents to another (a race it may lose). */
export async function leadStep(desktop: DesktopHandle, rnd: Random, log: ChaosLog, agentIds: readonly string[]): Promise<void> {
  const snap = await desktop.snapshot();
  const task = rnd.pick(snap.tasks.filter((candidate) => candidate.isOpen === 1 && candidate.assigned !== null && agentIds.includes(candidate.assigned)));
  if (!task) return;
  const to = rnd.pick(agentIds.filter((id) => id !== task.assigned));
  if (!to) return;
  await run(desktop, log, 'task.assign', { taskId: task.id, agentId: to }, `task ${task.id.slice(-6)} -> ${to.slice(-6)}`);
}

/**
 * Works on one task while cut off from the hub (call started and finished), for the deletion
 * scenario: returns the ids of the mutations it saved, which must all come back rejected.
 */
export async function workOffline(desktop: DesktopHandle, log: ChaosLog, taskId: string): Promise<string[]> {
  const before = desktop.saved.length;
  const snap = await desktop.snapshot();
  let draft = snap.drafts.find((candidate) => candidate.taskId === taskId);
  if (!draft) {
    const started = await run<{ callId: string; noteId: string }>(desktop, log, 'call.start', { taskId, callId: uuidv7(), noteId: uuidv7() }, `offline, task ${taskId.slice(-6)}`);
    draft = started.ok ? { callId: started.value.callId, taskId, noteId: started.value.noteId } : undefined;
    if (!draft) return [];
  }
  await run(desktop, log, 'call.finish', {
    callId: draft.callId, disposition: 'no_answer', answers: {}, notes: '离线记录：无人接听', satisfaction: null, nps: null, rescheduleAt: null,
  }, `offline, task ${taskId.slice(-6)}`);
  return desktop.saved.slice(before).map((mutation) => mutation.id);
}
