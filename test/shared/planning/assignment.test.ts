import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerTier } from '../../../src/shared/domain/model';
import { assignAgents, type AssignableAgent, type AssignableTask } from '../../../src/shared/planning/assignment';
import { PlanningError } from '../../../src/shared/planning/planning-error';

const customers = [
  { id: 'reg', tier: 'regular' as CustomerTier },
  { id: 'vip', tier: 'high_value' as CustomerTier },
  { id: 'new', tier: 'new' as CustomerTier },
];
const task = (customerId: string, productLine: string | null = null, type: AssignableTask['type'] = 'routine_early'): AssignableTask => ({ customerId, productLine, type });
const agent = (id: string, over: Partial<AssignableAgent> = {}): AssignableAgent => ({ id, role: 'agent', skills: null, openTasks: 0, ...over });

describe('assigning callbacks to agents', () => {
  it('balances open work across agents, ties to the smaller id', () => {
    const agents = [agent('b', { openTasks: 2 }), agent('a', { openTasks: 0 }), agent('c', { openTasks: 1 })];
    const result = assignAgents(Array.from({ length: 6 }, () => task('reg')), agents, customers);
    // Loads a0 b2 c1: a; then a and c tie at 1, a wins; c; all at 2, a; b and c tie, b; c.
    expect(result.map((r) => r.agentId)).toEqual(['a', 'a', 'c', 'a', 'b', 'c']);
    expect(result.every((r) => r.reason === 'balanced')).toBe(true);
  });

  it('gives key customers and key-customer calls to senior agents or leads', () => {
    const agents = [agent('junior'), agent('senior', { role: 'senior_agent', openTasks: 4 }), agent('lead', { role: 'lead', openTasks: 3 }), agent('admin', { role: 'admin' })];
    const result = assignAgents([task('vip'), task('vip'), task('reg', null, 'key_customer'), task('reg'), task('new')], agents, customers);
    expect(result).toEqual([
      { agentId: 'lead', reason: 'senior_for_key_customer' },
      { agentId: 'lead', reason: 'senior_for_key_customer' },
      { agentId: 'senior', reason: 'senior_for_key_customer' },
      { agentId: 'junior', reason: 'balanced' },
      { agentId: 'junior', reason: 'balanced' },
    ]);
  });

  it('leaves leads and admins out of the regular pool', () => {
    const result = assignAgents([task('reg')], [agent('lead', { role: 'lead' }), agent('admin', { role: 'admin' })], customers);
    expect(result).toEqual([{ agentId: null, reason: 'no_agents' }]);
  });

  it('respects product-line skills where they are set', () => {
    const agents = [agent('washers', { skills: ['washer'] }), agent('fridges', { skills: ['fridge'], openTasks: 10 }), agent('any', { openTasks: 1 })];
    const result = assignAgents([task('reg', 'fridge'), task('reg', 'washer'), task('reg', 'washer'), task('reg', 'tv'), task('reg', null)], agents, customers);
    expect(result.map((r) => r.agentId)).toEqual(['any', 'washers', 'washers', 'any', 'washers']);
    const onlySpecialists = assignAgents([task('reg', 'tv'), task('vip', 'fridge')], [agent('washers', { skills: ['washer'] }), agent('fridges', { skills: ['fridge'] })], customers);
    expect(onlySpecialists).toEqual([
      { agentId: null, reason: 'no_agent_for_product_line' },
      { agentId: 'fridges', reason: 'no_senior_available' },
    ]);
  });

  it('is deterministic whatever order the agents come in', () => {
    const agentList = fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6'),
        role: fc.constantFrom('agent', 'senior_agent', 'lead', 'admin' as const),
        skills: fc.option(fc.subarray(['washer', 'fridge', 'tv'], { minLength: 1 })),
        openTasks: fc.nat(5),
      }),
      { selector: (a) => a.id, minLength: 1 },
    );
    const tasks = fc.array(fc.record({ customerId: fc.constantFrom('reg', 'vip', 'new'), productLine: fc.option(fc.constantFrom('washer', 'fridge', 'tv')), type: fc.constantFrom('routine_early', 'key_customer' as const) }));
    fc.assert(
      fc.property(agentList, tasks, (agents, work) => {
        const result = assignAgents(work, agents, customers);
        expect(assignAgents(work, [...agents].reverse(), customers)).toEqual(result);
        result.forEach((r, i) => {
          const assigned = agents.find((a) => a.id === r.agentId);
          const line = work[i]?.productLine ?? null;
          if (assigned && line !== null && assigned.skills !== null) expect(assigned.skills).toContain(line);
          if (assigned) expect(assigned.role).not.toBe('admin');
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects unknown customers and bad loads', () => {
    expect(() => assignAgents([task('ghost')], [agent('a')], customers)).toThrow('tasks[0].customerId: customer ghost is not among the customers given');
    expect(() => assignAgents([], [agent('a', { openTasks: -1 })], customers)).toThrow(PlanningError);
    expect(() => assignAgents([], [agent('a'), agent('a')], customers)).toThrow('agents[1].id: agent a is listed twice');
  });
});
