/**
 * Who calls whom (DOMAIN.md: key customers to senior staff or a supervisor; otherwise balance
 * the team's open workload, respecting product-line skills). A lead can override afterwards.
 *
 * Public API:
 *   assignAgents(tasks, agents, customers, options?): Assignment[]   one per task, in task order
 *
 * Rules, in order:
 * - An agent with skills set takes only tasks of those product lines (or tasks without a line);
 *   an agent without skills (null) takes any line.
 * - Key-customer work (a key customer, or a key_customer callback) goes to a senior agent or a
 *   lead with the skill; when there is none, to the regular pool, saying no_senior_available.
 * - Other work goes to agents and senior agents; leads and admins are not in that pool.
 * - Within a pool, the agent with the fewest open tasks (counting what this run assigned) wins;
 *   ties go to the smaller id, so the same input always gives the same assignment.
 * - No eligible agent: agentId null with the reason, for a lead to assign by hand.
 * Tasks are assigned in the order given: pass them in priority order (the planner's output is).
 */
import type { AgentRole, CallbackType, CustomerTier } from '../domain/model';
import { PlanningError } from './planning-error';

export interface AssignableAgent {
  id: string;
  role: AgentRole;
  /** Product lines this agent handles; null: any. */
  skills: readonly string[] | null;
  /** Open tasks already on the agent's queue. */
  openTasks: number;
}

export interface AssignableTask {
  customerId: string;
  type: CallbackType;
  productLine: string | null;
}

export interface AssignmentCustomer {
  id: string;
  tier: CustomerTier;
}

export type AssignmentReason =
  /** Key-customer work on a senior agent or lead. */
  | 'senior_for_key_customer'
  /** Key-customer work, but no senior agent or lead has the skill: the least loaded regular agent. */
  | 'no_senior_available'
  /** The least loaded eligible agent. */
  | 'balanced'
  /** Nobody may take this product line. */
  | 'no_agent_for_product_line'
  /** The team has no agent who takes callbacks. */
  | 'no_agents';

export interface Assignment {
  agentId: string | null;
  reason: AssignmentReason;
}

export interface AssignmentOptions {
  /** Who counts as a key customer; the rules' keyCustomers tiers. Default: high_value. */
  keyTiers?: readonly CustomerTier[];
}

const SENIOR: ReadonlySet<AgentRole> = new Set(['senior_agent', 'lead']);
const REGULAR: ReadonlySet<AgentRole> = new Set(['agent', 'senior_agent']);

export function assignAgents(
  tasks: readonly AssignableTask[],
  agents: readonly AssignableAgent[],
  customers: readonly AssignmentCustomer[],
  options: AssignmentOptions = {},
): Assignment[] {
  const keyTiers = new Set(options.keyTiers ?? ['high_value']);
  const tierOf = new Map(customers.map((c) => [c.id, c.tier]));
  const ids = new Set<string>();
  agents.forEach((agent, index) => {
    if (ids.has(agent.id)) throw new PlanningError('invalid_input', `agents[${index}].id: agent ${agent.id} is listed twice`);
    if (!Number.isSafeInteger(agent.openTasks) || agent.openTasks < 0) {
      throw new PlanningError('invalid_input', `agents[${index}].openTasks: must be a whole number >= 0, got ${agent.openTasks}`);
    }
    ids.add(agent.id);
  });
  // Sorted by id once: the first of equally loaded candidates is then the smallest id.
  const team = [...agents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Map(team.map((a) => [a.id, a.openTasks]));
  const regular = team.filter((a) => REGULAR.has(a.role));
  const senior = team.filter((a) => SENIOR.has(a.role));

  const leastLoaded = (pool: readonly AssignableAgent[], line: string | null): AssignableAgent | null => {
    let best: AssignableAgent | null = null;
    let bestLoad = Infinity;
    for (const agent of pool) {
      if (line !== null && agent.skills !== null && !agent.skills.includes(line)) continue;
      const current = load.get(agent.id) ?? 0;
      if (current < bestLoad) {
        best = agent;
        bestLoad = current;
      }
    }
    return best;
  };

  return tasks.map((task, index) => {
    const tier = tierOf.get(task.customerId);
    if (tier === undefined) throw new PlanningError('invalid_input', `tasks[${index}].customerId: customer ${task.customerId} is not among the customers given`);
    const isKey = keyTiers.has(tier) || task.type === 'key_customer';
    let agent: AssignableAgent | null = null;
    let reason: AssignmentReason = 'balanced';
    if (isKey) {
      agent = leastLoaded(senior, task.productLine);
      reason = agent ? 'senior_for_key_customer' : 'no_senior_available';
    }
    agent ??= leastLoaded(regular, task.productLine);
    if (!agent) {
      const pool = isKey ? senior.length + regular.length : regular.length;
      return { agentId: null, reason: pool === 0 ? 'no_agents' : 'no_agent_for_product_line' };
    }
    load.set(agent.id, (load.get(agent.id) ?? 0) + 1);
    return { agentId: agent.id, reason };
  });
}
