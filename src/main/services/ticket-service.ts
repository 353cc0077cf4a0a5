import { maskName } from '../../shared/domain/person-name';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { v7 as uuidv7 } from 'uuid';
import type { ApiInput, ApiOutput } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import type { Agent, Locale } from '../../shared/domain/model';
import { availableActions, LEAD_ONLY_ACTIONS, transitionProblem, TRANSITIONS } from '../../shared/tickets/ticket-lifecycle';
import type { Escalation, Ticket, TicketKind, TicketStep, TimelineEntry } from '../../shared/tickets/ticket-model';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AgentRepository } from '../db/repositories/agent-repository';
import { CallRepository } from '../db/repositories/call-repository';
import { CustomerRepository } from '../db/repositories/customer-repository';
import { PurchaseRepository } from '../db/repositories/purchase-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { TaskRepository } from '../db/repositories/task-repository';
import { TicketRepository, type TicketChange, type TicketRecord } from '../db/repositories/ticket-repository';
import type { PlanClosedIssue } from '../../shared/planning/planner';
import type { MutationRunner } from './mutations';
import type { SeverityInfo, SlaEngine } from './sla-engine';
import type { WorkspaceService } from './workspace-service';

const NUMBER_PREFIX: Record<TicketKind, string> = { complaint: 'CP', service_request: 'SR' };
/** Crockford-style alphabet: no I, L, O, U, so a device code read over the phone is unambiguous. */
const DEVICE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LEAD_ROLES: readonly Agent['role'][] = ['lead', 'admin'];
/** Seed 001's field-service progress, offered on every open issue. */
const FIELD_STEPS: readonly TicketStep[] = ['departed', 'on_site', 'waiting_parts'];
/** Stable reason a frozen issue refuses a change with (the renderer translates it). */
export const EVIDENCE_FROZEN = 'evidence_frozen';

type TransitionInput = ApiInput<'ticket.transition'>;

/** Issues (工单): registration, the lifecycle with its timeline, escalation, closing with its follow-up callback. */
export class TicketService {
  private readonly tickets: TicketRepository;
  private readonly customers: CustomerRepository;
  private readonly purchases: PurchaseRepository;
  private readonly calls: CallRepository;
  private readonly tasks: TaskRepository;
  private readonly agents: AgentRepository;
  private readonly settings: SettingsRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly mutations: MutationRunner,
    private readonly workspace: WorkspaceService,
    private readonly sla: SlaEngine,
    /** Plans an issue's post-resolution callback inside the closing mutation (PlanningService.followUpFor). */
    private readonly followUps: (issue: PlanClosedIssue, now: number, ownerId: string | null) => string | null,
  ) {
    this.tickets = new TicketRepository(db);
    this.customers = new CustomerRepository(db);
    this.purchases = new PurchaseRepository(db);
    this.calls = new CallRepository(db);
    this.tasks = new TaskRepository(db);
    this.agents = new AgentRepository(db);
    this.settings = new SettingsRepository(db);
  }

  options(locale: Locale): ApiOutput<'ticket.options'> {
    this.workspace.requireAgent();
    return {
      policyId: this.sla.policyId,
      policyName: pick(this.sla.policyName, locale),
      defaultSeverity: this.sla.defaultSeverity,
      severities: this.severityOptions(locale),
      owners: this.agents.list(),
    };
  }

  create(input: ApiInput<'ticket.create'>): Ticket {
    const agent = this.workspace.requireAgent();
    if (this.tickets.exists(input.ticketId)) throw new CoreError('conflict', `ticket ${input.ticketId} already exists`);
    if (!this.customers.getView(input.customerId)) throw new CoreError('not_found', `no customer ${input.customerId}`, { customerId: 'unknown customer' });
    const severity = this.requireSeverity(input.severity);
    const purchase = input.purchaseId ? this.purchases.get(input.purchaseId) : null;
    if (input.purchaseId && (!purchase || purchase.customerId !== input.customerId))
      throw new CoreError('not_found', `purchase ${input.purchaseId} is not one of this customer's`, { purchaseId: 'not this customer\u2019s purchase' });
    if (input.callId && !this.calls.get(input.callId)) throw new CoreError('not_found', `no call ${input.callId}`, { callId: 'unknown call' });
    const ownerId = input.ownerAgentId ?? agent.id;
    if (!this.agents.get(ownerId)) throw new CoreError('not_found', `no agent ${ownerId}`, { ownerAgentId: 'unknown agent' });

    if (input.receivedAt !== undefined && input.receivedAt > this.clock.now())
      throw new CoreError('invalid_input', 'the time it was received cannot be in the future', { receivedAt: 'received_in_future' });

    return this.mutations.run('ticket.create', input, ['tickets'], (now) => {
      // Received before (or at) registration, never after it.
      if (input.receivedAt !== undefined && input.receivedAt > now)
        throw new CoreError('invalid_input', 'the time it was received cannot be after its registration', { receivedAt: 'received_after_registration' });
      const number = this.nextNumber(input.kind, now);
      const warrantyStatus = input.warrantyStatus ?? warrantyOf(purchase?.warrantyEnd ?? null, now, this.sla.timeZone);
      this.tickets.insert(
        {
          id: input.ticketId, number, kind: input.kind, customerId: input.customerId, purchaseId: input.purchaseId, callId: input.callId,
          channel: input.channel, scenario: input.scenario, category: input.category, demand: input.demand, severity: severity.key,
          policyId: this.sla.policyId, symptom: input.symptom, warrantyStatus, ownerAgentId: ownerId, department: input.department,
          approvalRequired: input.kind === 'complaint', registeredAt: now, receivedAt: input.receivedAt ?? now,
        },
        now,
      );
      this.event(input.ticketId, agent.id, now, 'status', null, 'registered', '', { number, severity: severity.key, receivedAt: input.receivedAt ?? now });
      // Urgent issues escalate the moment they are registered (report to the lead at once).
      if (severity.escalateAtRegistration) this.startEscalation(input.ticketId, severity.key, now, 'urgent_registration', agent.id);
      return this.view(this.requireRecord(input.ticketId), now);
    });
  }

  list(input: ApiInput<'ticket.list'>): ApiOutput<'ticket.list'> {
    const agent = this.workspace.requireAgent();
    const now = this.clock.now();
    const { rows, total } = this.tickets.list(input.scope === 'mine' ? agent.id : null, input.state, input.offset, input.limit);
    return { rows: rows.map((r) => this.listRow(r, now)), total, now };
  }

  forCustomer(customerId: string): ApiOutput<'ticket.forCustomer'> {
    this.workspace.requireAgent();
    const now = this.clock.now();
    return { rows: this.tickets.forCustomer(customerId).map((r) => this.listRow(r, now)) };
  }

  get(ticketId: string, locale: Locale): ApiOutput<'ticket.get'> {
    const agent = this.workspace.requireAgent();
    const record = this.requireRecord(ticketId);
    const now = this.clock.now();
    const lead = LEAD_ROLES.includes(agent.role);
    const ticket = this.view(record, now);
    return {
      ticket,
      timeline: this.tickets.timeline(ticketId),
      // Lead-only actions (legal handling, for complaints) are offered to leads only.
      actions: availableActions(record.status).filter((a) => !LEAD_ONLY_ACTIONS.includes(a) || (lead && record.kind === 'complaint')),
      canApprove: lead,
      steps: this.stepOptions(ticket, lead),
      severities: this.severityOptions(locale, record.policyId),
      now,
    };
  }

  private severityOptions(locale: Locale, policyId?: string): ApiOutput<'ticket.options'>['severities'] {
    const target = (t: SeverityInfo['response']) =>
      t ? { minutes: t.minutes ?? null, workingDays: t.workingDays ?? null, clock: t.clock, source: t.source } : null;
    return this.sla.severities(policyId).map((s) => ({
      key: s.key,
      label: pick(s.label, locale),
      response: target(s.response),
      resolution: target(s.resolution),
      resolutionFromGoal: s.resolutionFromGoal,
    }));
  }

  /** Steps worth recording now: field service while open, then what the policy's rules wait for. */
  private stepOptions(ticket: Ticket, lead: boolean): TicketStep[] {
    if (ticket.legalHoldAt !== null || ticket.status === 'closed' || ticket.status === 'voided') return [];
    const steps = new Set<TicketStep>(FIELD_STEPS);
    if (ticket.resolvedAt !== null) steps.add('customer_told');
    for (const rule of ticket.rules) if (rule.stoppedAt === null && rule.stopsAt !== 'registered') steps.add(rule.stopsAt as TicketStep);
    if (!lead) steps.delete('supervisor_contacted');
    return [...steps];
  }

  /** Records a step (seed 001's field progress, customer told, ...) as a progress entry for the customer. */
  recordStep(input: ApiInput<'ticket.recordStep'>): Ticket {
    const agent = this.workspace.requireAgent();
    const record = this.requireRecord(input.ticketId);
    this.refuseIfFrozen(record);
    if (record.status === 'closed' || record.status === 'voided') throw new CoreError('conflict', `the issue is ${record.status}; reopen it to record a step`, { step: 'issue_not_open' });
    if (this.tickets.eventExists(input.entryId)) throw new CoreError('conflict', `entry ${input.entryId} already exists`);
    if (input.step === 'customer_told' && record.resolvedAt === null)
      throw new CoreError('conflict', 'the customer is told the result once the solution has been carried out', { step: 'not_executed' });
    if (input.step === 'supervisor_contacted' && !LEAD_ROLES.includes(agent.role))
      throw new CoreError('unauthorized', 'only a team lead records a supervisor\u2019s contact with the customer', { step: 'lead_only' });
    if ((input.step === 'picked_up' || input.step === 'refund_exchange_done') && record.scenario !== 'return_exchange')
      throw new CoreError('invalid_input', 'pickup and refund or exchange are steps of a return or exchange', { step: 'not_return_exchange' });
    return this.mutations.run(`ticket.step.${input.step}`, input, ['tickets'], (now) => {
      this.tickets.addEvent({ id: input.entryId, ticketId: record.id, at: now, agentId: agent.id, kind: 'progress', fromStatus: null, toStatus: null, body: input.body ?? '', data: { step: input.step } });
      this.tickets.update(record.id, { steps: [...record.steps, { step: input.step, at: now }] }, now);
      // Telling the customer where the work stands is the first escalation level's duty.
      this.completeEscalationLevel(record.id, 1, now);
      return this.view(this.requireRecord(record.id), now);
    });
  }

  /** Under legal handling the evidence (timeline, call notes) is frozen: every change is refused. */
  private refuseIfFrozen(record: TicketRecord): void {
    if (record.legalHoldAt !== null)
      throw new CoreError('conflict', `issue ${record.number} is under legal handling: its evidence is frozen`, { ticketId: EVIDENCE_FROZEN });
  }

  /** For the call service: a call whose issue is under legal handling keeps its notes as they are. */
  refuseFrozenCall(callId: string): void {
    const number = this.tickets.heldTicketOfCall(callId);
    if (number) throw new CoreError('conflict', `issue ${number} is under legal handling: the notes of its call are frozen`, { callId: EVIDENCE_FROZEN });
  }

  transition(input: TransitionInput): Ticket {
    const agent = this.workspace.requireAgent();
    const record = this.requireRecord(input.ticketId);
    this.refuseIfFrozen(record);
    if (LEAD_ONLY_ACTIONS.includes(input.action) && !LEAD_ROLES.includes(agent.role))
      throw new CoreError('unauthorized', 'only a team lead can hand a complaint to legal handling', { action: 'lead_only' });
    const problem = transitionProblem(input.action, record.status);
    if (problem) throw new CoreError('conflict', problem, { action: problem });
    const needs = this.requiredFields(input, record);
    if (needs) throw new CoreError('invalid_input', needs.message, { [needs.field]: needs.message });

    return this.mutations.run(`ticket.${input.action}`, input, ['tickets', 'tasks'], (now) => {
      const to = TRANSITIONS[input.action].to;
      const change: TicketChange = { status: to };
      let body = input.progress ?? input.reason ?? '';
      const data: TimelineEntry['data'] = {};
      switch (input.action) {
        case 'respond':
          change.respondedAt = now;
          break;
        case 'wait_customer':
          change.pausedSince = now;
          break;
        case 'customer_replied':
          change.pausedSince = null;
          change.pauses = [...record.pauses, [record.pausedSince ?? now, now]];
          break;
        case 'propose_solution': {
          const compensations = input.compensations ?? [];
          change.solution = input.solution ?? null;
          change.compensations = compensations;
          change.approvalRequired = record.kind === 'complaint' || compensations.length > 0;
          change.approvedBy = null;
          body = input.solution ?? '';
          data.compensations = compensations.join(',');
          if (record.respondedAt === null) change.respondedAt = now;
          this.completeEscalationLevel(record.id, 2, now);
          break;
        }
        case 'execute':
          change.resolvedAt = now;
          break;
        case 'confirm':
          this.completeEscalationLevel(record.id, 3, now);
          break;
        case 'close': {
          if (input.closingRating === 'dissatisfied') return this.dissatisfiedAtClosing(record, input, agent, now);
          change.closedAt = now;
          change.closingRating = input.closingRating ?? null;
          change.solution = input.solution ?? record.solution;
          change.durationMs = now - record.registeredAt;
          change.followUpTaskId = this.scheduleFollowUp(record, now);
          data.rating = input.closingRating ?? null;
          this.tickets.finishEscalations(record.id, now);
          break;
        }
        case 'reopen':
          change.closedAt = null;
          change.resolvedAt = null;
          change.closingRating = null;
          change.durationMs = null;
          break;
        case 'void':
          this.tickets.finishEscalations(record.id, now);
          break;
        case 'legal_hold':
          // Out of the normal SLA and escalation path; the reason is kept with who decided it.
          change.legalHoldAt = now;
          change.legalHoldBy = agent.name;
          change.legalHoldReason = input.reason ?? '';
          change.pausedSince = null;
          this.tickets.finishEscalations(record.id, now);
          break;
        default:
          break;
      }
      this.tickets.update(record.id, change, now);
      this.event(record.id, agent.id, now, 'status', record.status, to, body, data);
      if (input.action === 'respond' || (input.progress && input.action !== 'close' && input.action !== 'legal_hold')) this.completeEscalationLevel(record.id, 1, now);
      return this.view(this.requireRecord(record.id), now);
    });
  }

  approve(input: ApiInput<'ticket.approve'>): Ticket {
    const agent = this.workspace.requireAgent();
    if (!LEAD_ROLES.includes(agent.role)) throw new CoreError('unauthorized', 'only a team lead can approve a solution or compensation');
    const record = this.requireRecord(input.ticketId);
    this.refuseIfFrozen(record);
    if (record.status !== 'solution_proposed') throw new CoreError('conflict', `there is no proposed solution to approve (the issue is ${record.status.replace(/_/g, ' ')})`);
    return this.mutations.run('ticket.approve', input, ['tickets'], (now) => {
      const change: TicketChange = input.approve ? { approvedBy: agent.name } : { status: 'in_progress', approvedBy: null };
      this.tickets.update(record.id, change, now);
      this.event(record.id, agent.id, now, 'approval', record.status, change.status ?? record.status, input.comment ?? '', { approved: input.approve });
      return this.view(this.requireRecord(record.id), now);
    });
  }

  addEntry(input: ApiInput<'ticket.addEntry'>): TimelineEntry {
    const agent = this.workspace.requireAgent();
    const record = this.requireRecord(input.ticketId);
    this.refuseIfFrozen(record);
    if (record.status === 'voided') throw new CoreError('conflict', 'this issue was voided; nothing can be added to it');
    if (this.tickets.eventExists(input.entryId)) throw new CoreError('conflict', `entry ${input.entryId} already exists`);
    return this.mutations.run('ticket.addEntry', input, ['tickets'], (now) => {
      this.tickets.addEvent({ id: input.entryId, ticketId: record.id, at: now, agentId: agent.id, kind: input.kind, fromStatus: null, toStatus: null, body: input.body, data: {} });
      // Telling the customer what happens next is the first level's duty when escalated.
      if (input.kind === 'progress') this.completeEscalationLevel(record.id, 1, now);
      this.tickets.update(record.id, {}, now);
      const entry = this.tickets.timeline(record.id).find((e) => e.id === input.entryId);
      if (!entry) throw new CoreError('internal', 'the entry was not stored');
      return entry;
    });
  }

  setSeverity(input: ApiInput<'ticket.setSeverity'>): Ticket {
    const agent = this.workspace.requireAgent();
    const record = this.requireRecord(input.ticketId);
    this.refuseIfFrozen(record);
    if (record.status === 'closed' || record.status === 'voided') throw new CoreError('conflict', `the issue is ${record.status}; reopen it to change its severity`);
    const severity = this.requireSeverity(input.severity, record.policyId);
    if (severity.key === record.severity) return this.view(record, this.clock.now());
    return this.mutations.run('ticket.setSeverity', input, ['tickets'], (now) => {
      // Targets are recomputed from the registration time by the SLA clock on every read.
      this.tickets.update(record.id, { severity: severity.key }, now);
      this.event(record.id, agent.id, now, 'severity', null, null, input.reason ?? '', { from: record.severity, to: severity.key });
      if (severity.escalateAtRegistration) this.startEscalation(record.id, severity.key, now, 'urgent_registration', agent.id);
      return this.view(this.requireRecord(record.id), now);
    });
  }

  /** Called by the SLA watcher when a target is breached: starts the chain once. */
  escalateOnBreach(ticketId: string): boolean {
    const record = this.tickets.get(ticketId);
    if (!record || record.status === 'closed' || record.status === 'voided' || record.legalHoldAt !== null || record.escalationLevel > 0) return false;
    this.mutations.run('ticket.escalate', { ticketId, reason: 'breach' }, ['tickets'], (now) => {
      this.startEscalation(ticketId, record.severity, now, 'breach', null);
    });
    return true;
  }

  /** The stored record, for the watcher. */
  record(ticketId: string): TicketRecord | null {
    return this.tickets.get(ticketId);
  }

  view(record: TicketRecord, now: number): Ticket {
    const { response, resolution, resolutionFromGoal, rules } = this.sla.clocks(record, now);
    const { escalationLevel: _level, pauses: _pauses, ...rest } = record;
    return { ...rest, response, resolution, resolutionFromGoal, rules, escalations: this.tickets.escalations(record.id) };
  }

  private listRow(record: TicketRecord, now: number): ApiOutput<'ticket.list'>['rows'][number] {
    const { response, resolution } = this.sla.clocks(record, now);
    return {
      // The issue list is the centre's complaint tracking record: the name masked (张*) as the seeds' records show it.
      id: record.id, number: record.number, kind: record.kind, customerName: maskName(record.customerName), scenario: record.scenario,
      severity: record.severity, status: record.status, registeredAt: record.registeredAt, response, resolution,
      ownerName: record.ownerName, updatedAt: record.updatedAt, escalationLevel: record.escalationLevel,
    };
  }

  private requiredFields(input: TransitionInput, record: TicketRecord): { field: string; message: string } | null {
    if (input.action === 'propose_solution' && !input.solution) return { field: 'solution', message: 'describe the proposed solution' };
    if (input.action === 'execute' && record.approvalRequired && !record.approvedBy)
      return { field: 'action', message: 'a team lead must approve this solution before it is carried out' };
    if (input.action === 'close' && !input.closingRating) return { field: 'closingRating', message: 'record how satisfied the customer is before closing' };
    if (input.action === 'close' && !(input.solution ?? record.solution)) return { field: 'solution', message: 'record the final solution before closing' };
    if (input.action === 'void' && !input.reason) return { field: 'reason', message: 'say why the issue is voided' };
    if (input.action === 'reopen' && !input.reason) return { field: 'reason', message: 'say why the issue is reopened' };
    if (input.action === 'legal_hold' && record.kind !== 'complaint') return { field: 'action', message: 'only a complaint can be handed to legal handling' };
    if (input.action === 'legal_hold' && !input.reason) return { field: 'reason', message: 'say why this complaint is handed to legal handling' };
    return null;
  }

  /** Not accepted: the issue stays open, goes back to work, and escalates to re-plan with the customer. */
  private dissatisfiedAtClosing(record: TicketRecord, input: TransitionInput, agent: Agent, now: number): Ticket {
    this.tickets.update(record.id, { status: 'in_progress', closingRating: 'dissatisfied' }, now);
    this.event(record.id, agent.id, now, 'status', record.status, 'in_progress', input.progress ?? input.reason ?? '', { rating: 'dissatisfied' });
    this.startFollowUp(record.id, record.severity, now, agent.id);
    return this.view(this.requireRecord(record.id), now);
  }

  /**
   * The policy's follow-up for a dissatisfied customer (seed 001's three levels unless the preset
   * says otherwise), also when the issue already escalated at registration or on a breach: it
   * replaces that ladder. One already running for an earlier refusal goes on as it is.
   */
  private startFollowUp(ticketId: string, severity: string, now: number, agentId: string): void {
    const current = this.tickets.escalations(ticketId);
    if (current.some((e) => e.reason === 'dissatisfied' && e.doneAt === null)) return;
    const chain = this.sla.escalationChain(severity, now, 'dissatisfied', this.tickets.get(ticketId)?.policyId);
    for (const level of chain) this.tickets.putEscalation(ticketId, level);
    // Levels of the old ladder beyond the follow-up's are over.
    this.tickets.finishEscalationsAbove(ticketId, chain.length, now);
    this.event(ticketId, agentId, now, 'escalation', null, null, '', { reason: 'dissatisfied', levels: chain.length, role: chain[0]?.role ?? null });
    this.tickets.update(ticketId, {}, now);
  }

  private startEscalation(ticketId: string, severity: string, now: number, reason: Escalation['reason'], agentId: string | null): void {
    if (this.tickets.escalations(ticketId).length > 0) return;
    const chain = this.sla.escalationChain(severity, now, reason, this.tickets.get(ticketId)?.policyId);
    for (const level of chain) this.tickets.addEscalation(ticketId, level);
    this.event(ticketId, agentId, now, 'escalation', null, null, '', { reason, levels: chain.length, role: chain[0]?.role ?? null });
    this.tickets.update(ticketId, {}, now);
  }

  /**
   * Escalation levels are done by the work they ask for, like seed 001's follow-up: level 1 by
   * telling the customer (response or progress), level 2 by a proposed solution, level 3 by the
   * customer's confirmation.
   */
  private completeEscalationLevel(ticketId: string, level: number, now: number): void {
    this.tickets.finishEscalationsUpTo(ticketId, level, now);
  }

  /** The post-resolution callback, by the planning rules (within N working days), for the issue's owner. */
  private scheduleFollowUp(record: TicketRecord, now: number): string | null {
    const planned = this.followUps(
      { ticketId: record.id, customerId: record.customerId, purchaseId: record.purchaseId, closedAt: now, kind: record.kind, scenario: record.scenario },
      now,
      record.ownerAgentId,
    );
    // Closed again while the last follow-up is still to be made: that one serves (one open task per purpose).
    return planned ?? this.tasks.openFollowUpOf(record.id);
  }

  private nextNumber(kind: TicketKind, now: number): string {
    let device = this.settings.get('device_code');
    if (!device) {
      device = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => DEVICE_ALPHABET[b % 32]).join('');
      this.settings.set('device_code', device);
    }
    const prefix = `${NUMBER_PREFIX[kind]}${format(new TZDate(now, this.sla.timeZone), 'yyyyMMdd')}-${device}`;
    return `${prefix}-${String(this.tickets.nextNumber(prefix)).padStart(3, '0')}`;
  }

  private event(ticketId: string, agentId: string | null, at: number, kind: TimelineEntry['kind'], from: Ticket['status'] | null, to: Ticket['status'] | null, body: string, data: TimelineEntry['data']): void {
    this.tickets.addEvent({ id: uuidv7(), ticketId, at, agentId, kind, fromStatus: from, toStatus: to, body, data });
  }

  private requireRecord(ticketId: string): TicketRecord {
    const record = this.tickets.get(ticketId);
    if (!record) throw new CoreError('not_found', `no issue ${ticketId}`, { ticketId: 'unknown issue' });
    return record;
  }

  private requireSeverity(key: string, policyId?: string): NonNullable<ReturnType<SlaEngine['severity']>> {
    const severity = this.sla.severity(key, policyId);
    if (!severity) {
      const known = this.sla.severities(policyId).map((s) => s.key).join(', ');
      throw new CoreError('invalid_input', `unknown severity "${key}"; this policy has ${known}`, { severity: `unknown severity; one of ${known}` });
    }
    return severity;
  }
}

function pick(text: Record<string, string>, locale: Locale): string {
  return text[locale] ?? text['zh-CN'] ?? Object.values(text)[0] ?? '';
}

/** In warranty while the warranty end date (inclusive, local day) has not passed. */
function warrantyOf(warrantyEnd: string | null, now: number, timeZone: string): Ticket['warrantyStatus'] {
  if (!warrantyEnd) return 'unknown';
  return format(new TZDate(now, timeZone), 'yyyy-MM-dd') <= warrantyEnd ? 'in_warranty' : 'out_of_warranty';
}
