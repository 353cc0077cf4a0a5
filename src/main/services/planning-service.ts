import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { ApiOutput } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import type { CompiledCalendar } from '../../shared/calendar/working-time';
import { assignAgents, type AssignmentCustomer } from '../../shared/planning/assignment';
import { planCallbacks, type PlanClosedIssue, type PlannedTask } from '../../shared/planning/planner';
import { checkRulesAgainstCalendar, keyCustomerFilters, parsePlanningRules, type PlanningRules } from '../../shared/planning/planning-rules';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { PlanningRepository } from '../db/repositories/planning-repository';
import { TaskRepository } from '../db/repositories/task-repository';
import type { MutationRunner } from './mutations';
import type { WorkspaceService } from './workspace-service';

/** Reads resources/planning/default-rules.json; a broken file is logged and planning says why on use. */
export function loadPlanningRules(resourcesDir: string, log: (message: string) => void): PlanningRules | null {
  try {
    return parsePlanningRules(JSON.parse(readFileSync(join(resourcesDir, 'planning', 'default-rules.json'), 'utf8')));
  } catch (error) {
    log(`the callback planning rules could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * Turns deliveries, first purchases, periodic plans and campaigns into callback tasks, each once
 * (the purpose key), assigned to agents. Runs on demand, after an import, and at a ticket's
 * closing for its follow-up, always inside the caller's mutation when there is one.
 */
export class PlanningService {
  private readonly planning: PlanningRepository;
  private readonly tasks: TaskRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly mutations: MutationRunner,
    private readonly workspace: WorkspaceService,
    private readonly rules: PlanningRules | null,
    private readonly calendar: () => CompiledCalendar,
  ) {
    this.planning = new PlanningRepository(db);
    this.tasks = new TaskRepository(db);
  }

  requireRules(): PlanningRules {
    if (!this.rules) throw new CoreError('internal', 'the callback planning rules in resources/planning could not be loaded; see the log');
    checkRulesAgainstCalendar(this.rules, this.calendar());
    return this.rules;
  }

  run(): ApiOutput<'planning.run'> {
    this.workspace.requireAgent();
    const rules = this.requireRules();
    return this.mutations.run('planning.run', { rules: rules.id }, ['tasks'], (now) => this.planInside(now));
  }

  /** Plans and writes the tasks; call inside a mutation. */
  planInside(now: number): ApiOutput<'planning.run'> {
    const rules = this.requireRules();
    const customers = this.planning.customers();
    const result = planCallbacks({
      rules,
      calendar: this.calendar(),
      now,
      customers,
      purchases: this.planning.purchases(),
      // Issues closed in CareCall plan their follow-up at closing (followUpFor); imported records here.
      closedIssues: this.planning.serviceRecordsAsClosedIssues(),
      history: this.planning.history(),
      openTaskKeys: this.planning.openPurposeKeys(),
      existingKeys: this.planning.allPurposeKeys(),
    });
    const ids = this.write(result.tasks, customers, now);
    const skipped: Record<string, number> = {};
    for (const s of result.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    return { created: ids.length, skipped, taskIds: ids.slice(0, 1000) };
  }

  /**
   * The post-resolution callback of an issue closed now, by the rules (a window of working days),
   * planned for its customer alone; call inside the closing mutation. Null when the rules plan
   * none (e.g. one is already open for that customer and purpose).
   */
  followUpFor(issue: PlanClosedIssue, now: number, assignTo: string | null = null): string | null {
    const rules = this.requireRules();
    const customers = this.planning.customers(issue.customerId);
    const result = planCallbacks({
      rules, calendar: this.calendar(), now, customers, purchases: this.planning.purchases(issue.customerId), closedIssues: [issue],
      openTaskKeys: this.planning.openPurposeKeys(issue.customerId), existingKeys: this.planning.purposeKeyLookup(),
    });
    const followUp = result.tasks.filter((t) => t.type === 'post_resolution' && t.ticketId === issue.ticketId);
    // The issue's owner knows the case: the follow-up goes to them when there is one.
    return this.write(followUp, customers, now, assignTo)[0] ?? null;
  }

  private write(planned: readonly PlannedTask[], customers: readonly AssignmentCustomer[], now: number, assignTo: string | null = null): string[] {
    const assignments = assignTo ? planned.map(() => ({ agentId: assignTo })) : assignAgents(planned, this.planning.agents(), customers, { keyTiers: this.rules ? keyCustomerFilters(this.rules).flatMap((f) => f.tiers ?? []) : undefined });
    return planned.map((task, i) => {
      const id = uuidv7();
      this.tasks.insert(
        {
          id, customerId: task.customerId, purchaseId: task.purchaseId, type: task.type, status: 'pending', priority: task.priority,
          dueStart: task.dueStart, dueEnd: task.dueEnd, attempts: 0, assignedAgentId: assignments[i]?.agentId ?? null, lastDisposition: null,
          updatedAt: now,
        },
        now,
        task.purposeKey,
        // Imported service records are not tickets: only a real ticket is linked.
        task.ticketId?.startsWith('svc:') ? null : task.ticketId,
      );
      return id;
    });
  }
}
