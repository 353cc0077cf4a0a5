import { describe, expect, it } from 'vitest';
import { generateDemoWorkspace } from '../../src/shared/demo/demo-workspace';
import { CALLBACK_TYPES, TASK_STATUSES } from '../../src/shared/domain/model';

const anchor = Date.UTC(2026, 10, 23, 2);

describe('demo workspace', () => {
  it('is deterministic for a seed and day', () => {
    expect(generateDemoWorkspace({ anchor, seed: 7 })).toEqual(generateDemoWorkspace({ anchor: anchor + 3_600_000, seed: 7 }));
    expect(generateDemoWorkspace({ anchor, seed: 7 }).customers[0]).not.toEqual(generateDemoWorkspace({ anchor, seed: 8 }).customers[0]);
  });

  it('has the promised size, every callback type and every task state, and past calls', () => {
    const demo = generateDemoWorkspace({ anchor });
    expect(demo.customers.length).toBeGreaterThanOrEqual(200);
    expect(demo.purchases.length).toBeGreaterThanOrEqual(500);
    expect(demo.tasks.length).toBeGreaterThanOrEqual(300);
    expect(new Set(demo.tasks.map((t) => t.type))).toEqual(new Set(CALLBACK_TYPES));
    expect(new Set(demo.tasks.map((t) => t.status))).toEqual(new Set(TASK_STATUSES));
    expect(demo.calls.length).toBeGreaterThan(50);
    expect(new Set(demo.customers.map((c) => c.tier))).toEqual(new Set(['new', 'regular', 'high_value']));
  });

  it('uses unique ids and mainland mobile numbers', () => {
    const demo = generateDemoWorkspace({ anchor });
    const ids = [...demo.customers, ...demo.purchases, ...demo.tasks, ...demo.calls, ...demo.agents].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const customer of demo.customers) expect(customer.phone).toMatch(/^1[3-9]\d{9}$/);
    for (const purchase of demo.purchases) expect(demo.customers.some((c) => c.id === purchase.customerId)).toBe(true);
  });

  it('puts open work in every queue group for the current agent', () => {
    const demo = generateDemoWorkspace({ anchor });
    const mine = demo.tasks.filter((t) => t.assignedAgentId === demo.currentAgentId && ['pending', 'retry', 'rescheduled'].includes(t.status));
    expect(mine.some((t) => t.dueEnd < anchor)).toBe(true);
    expect(mine.some((t) => t.dueStart <= anchor && t.dueEnd >= anchor)).toBe(true);
    expect(mine.some((t) => t.dueStart > anchor + 86_400_000)).toBe(true);
  });
});
