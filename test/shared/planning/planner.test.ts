import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanningError } from '../../../src/shared/planning/planning-error';
import { planCallbacks, purposeOf, type PlanClosedIssue, type PlanResult, type PlannedTask } from '../../../src/shared/planning/planner';
import { at, BERLIN, customer, defaultRules, input, local, only, purchase, sh, SHANGHAI, URUMQI } from './fixtures';

const byKey = (result: PlanResult): Record<string, PlannedTask> => Object.fromEntries(result.tasks.map((t) => [t.purposeKey, t]));
const windowOf = (task: PlannedTask | undefined, zone = SHANGHAI): [string, string] => {
  if (!task) throw new Error('no such task');
  return [at(zone, task.dueStart), at(zone, task.dueEnd)];
};
const closed = (ticketId: string, customerId: string, closedAt: number, over: Partial<PlanClosedIssue> = {}): PlanClosedIssue => ({
  ticketId,
  customerId,
  closedAt,
  kind: 'service_request',
  scenario: 'usage_question',
  ...over,
});

describe('routine callbacks after delivery', () => {
  it('plans the three routine callbacks of a delivery at +7..15, +30..33 and +90..97 days', () => {
    const result = planCallbacks(input({ now: sh('2026-03-02 10:00'), customers: [customer('c1')], purchases: [purchase('p1', 'c1', '2026-03-02')] }));
    const tasks = byKey(result);
    expect(Object.keys(tasks).sort()).toEqual(['routine_early:p1', 'routine_long_term:p1', 'routine_stable:p1']);
    // Mon 9 Mar .. Tue 17 Mar; +30 is Wed 1 Apr; +90 is Sun 31 May, so the window starts on Mon 1 Jun.
    expect(windowOf(tasks['routine_early:p1'])).toEqual(['2026-03-09 00:00:00', '2026-03-17 23:59:59']);
    expect(windowOf(tasks['routine_stable:p1'])).toEqual(['2026-04-01 00:00:00', '2026-04-04 23:59:59']);
    expect(windowOf(tasks['routine_long_term:p1'])).toEqual(['2026-06-01 00:00:00', '2026-06-07 23:59:59']);
    expect(tasks['routine_early:p1']).toMatchObject({ customerId: 'c1', purchaseId: 'p1', ticketId: null, type: 'routine_early', productLine: 'washer', extended: false });
    // dueEnd is the day's last millisecond: overdue means dueEnd < now.
    expect(tasks['routine_early:p1']?.dueEnd).toBe(sh('2026-03-18 00:00') - 1);
  });

  it('starts the 7-15 day window after National Day when the delivery was on 24 September 2026', () => {
    // +7..+15 is 1-9 October; 1-7 October are off, so the window runs 8-9 October.
    const result = planCallbacks(input({ now: sh('2026-09-24 18:00'), customers: [customer('c1')], purchases: [purchase('p1', 'c1', '2026-09-24')] }));
    const early = byKey(result)['routine_early:p1'];
    expect(windowOf(early)).toEqual(['2026-10-08 00:00:00', '2026-10-09 23:59:59']);
    expect(early?.extended).toBe(false);
  });

  it('moves a window whose days are all holidays to the next working day, and says so', () => {
    // Delivered 1 September: +30..33 is 1-4 October, all National Day.
    const result = planCallbacks(input({ now: sh('2026-09-01 12:00'), customers: [customer('c1')], purchases: [purchase('p1', 'c1', '2026-09-01')] }));
    const stable = byKey(result)['routine_stable:p1'];
    expect(windowOf(stable)).toEqual(['2026-10-08 00:00:00', '2026-10-08 23:59:59']);
    expect(stable?.extended).toBe(true);
  });

  it('moves a weekend-only window to Monday', () => {
    const rules = only('newCustomer');
    rules.newCustomer.window = { fromDays: 1, toDays: 2 };
    // Bought on Friday 6 March: Saturday and Sunday are off.
    const result = planCallbacks(input({ rules, now: sh('2026-03-06 12:00'), customers: [customer('c1')], purchases: [purchase('p1', 'c1', null, { purchaseDate: '2026-03-06' })] }));
    const first = byKey(result)['new_customer:c1'];
    expect(windowOf(first)).toEqual(['2026-03-09 00:00:00', '2026-03-09 23:59:59']);
    expect(first).toMatchObject({ extended: true, purchaseId: 'p1', type: 'new_customer' });
  });

  it('plans nothing for a window that ended before now (a delivery two years ago), and keeps a running one', () => {
    const now = sh('2026-09-01 10:00');
    const result = planCallbacks(
      input({
        now,
        customers: [customer('c1')],
        purchases: [purchase('old', 'c1', '2024-08-01'), purchase('recent', 'c1', '2026-08-20'), purchase('waiting', 'c1', null)],
      }),
    );
    expect(result.tasks.map((t) => t.purposeKey).sort()).toEqual(['routine_early:recent', 'routine_long_term:recent', 'routine_stable:recent']);
    // 27 Aug .. 4 Sep is running: planned with its real window, started in the past.
    expect(windowOf(byKey(result)['routine_early:recent'])).toEqual(['2026-08-27 00:00:00', '2026-09-04 23:59:59']);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.purposeKey, s.reason]));
    expect(reasons).toEqual({
      'routine_early:old': 'window_passed',
      'routine_stable:old': 'window_passed',
      'routine_long_term:old': 'window_passed',
      'routine_early:waiting': 'not_delivered',
      'routine_stable:waiting': 'not_delivered',
      'routine_long_term:waiting': 'not_delivered',
    });
  });

  it('plans on the last day of a window until that day is over', () => {
    const purchases = [purchase('p1', 'c1', '2026-03-02')];
    const lastDay = planCallbacks(input({ now: sh('2026-03-17 23:59'), customers: [customer('c1')], purchases }));
    expect(byKey(lastDay)['routine_early:p1']).toBeDefined();
    const after = planCallbacks(input({ now: sh('2026-03-18 00:00'), customers: [customer('c1')], purchases }));
    expect(after.skipped).toContainEqual({ purposeKey: 'routine_early:p1', reason: 'window_passed' });
  });
});

describe('post-resolution callbacks within N working days', () => {
  const rules = only('postResolution');
  const plan = (closedAt: number, zone = SHANGHAI, days = 3, earliest = 0) => {
    const r = structuredClone(rules);
    r.postResolution.latestWorkingDays = days;
    r.postResolution.earliestWorkingDays = earliest;
    const result = planCallbacks(input({ rules: r, now: closedAt, customers: [customer('c1', { timeZone: zone })], closedIssues: [closed('t1', 'c1', closedAt)] }));
    const task = byKey(result)[`post_resolution:t1:${closedAt}`];
    if (!task) throw new Error('no post-resolution task');
    return task;
  };

  it('counts 3 working days across a weekend', () => {
    // Closed Thursday 5 March: Friday, Monday, Tuesday.
    const task = plan(sh('2026-03-05 15:00'));
    expect(windowOf(task)).toEqual(['2026-03-05 15:00:00', '2026-03-10 23:59:59']);
    expect(task).toMatchObject({ type: 'post_resolution', ticketId: 't1', purchaseId: null });
  });

  it('counts the swapped working days of the 2026 Spring Festival (14 and 28 February)', () => {
    // Thursday 12 Feb: Fri 13, Sat 14 (worked), then 15-23 off, Tue 24.
    expect(windowOf(plan(sh('2026-02-12 16:00')))[1]).toBe('2026-02-24 23:59:59');
    // Thursday 26 Feb: Fri 27, Sat 28 (worked), Mon 2 March.
    expect(windowOf(plan(sh('2026-02-26 10:00')))[1]).toBe('2026-03-02 23:59:59');
    // Seed 003's 5 working days from 12 Feb: ... Tue 24, Wed 25, Thu 26.
    expect(windowOf(plan(sh('2026-02-12 16:00'), SHANGHAI, 5))[1]).toBe('2026-02-26 23:59:59');
  });

  it('opens seed 003\'s window on the 3rd working day after closing and ends it with the 5th (3 to 5 working days)', () => {
    // Closed Thursday 5 March: Fri 6 (1), Mon 9 (2), Tue 10 (3), Wed 11 (4), Thu 12 (5).
    expect(windowOf(plan(sh('2026-03-05 15:00'), SHANGHAI, 5, 3))).toEqual(['2026-03-10 00:00:00', '2026-03-12 23:59:59']);
    // Across the 2026 Spring Festival: closed Thu 12 Feb: Fri 13 (1), Sat 14 (2, worked), Tue 24 (3) .. Thu 26 (5).
    expect(windowOf(plan(sh('2026-02-12 16:00'), SHANGHAI, 5, 3))).toEqual(['2026-02-24 00:00:00', '2026-02-26 23:59:59']);
  });

  it('does not let a callback of seed 003\'s window be called before it opens: the planned task starts on the 3rd working day, not at the closing', () => {
    const closedAt = sh('2026-03-05 15:00');
    const task = plan(closedAt, SHANGHAI, 5, 3);
    expect(task.dueStart).toBeGreaterThan(closedAt + 4 * 86_400_000);
  });

  it('counts from the closing day in the customer\'s own zone', () => {
    // 03:00 Friday in Shanghai is 20:00 Thursday in Berlin and 01:00 Friday in Urumqi.
    const closedAt = sh('2026-03-06 03:00');
    expect(windowOf(plan(closedAt), SHANGHAI)[1]).toBe('2026-03-11 23:59:59');
    expect(windowOf(plan(closedAt, BERLIN), BERLIN)[1]).toBe('2026-03-10 23:59:59');
    // 01:00 Friday Shanghai is 23:00 Thursday in Urumqi (UTC+6).
    expect(windowOf(plan(sh('2026-03-06 01:00'), URUMQI), URUMQI)[1]).toBe('2026-03-10 23:59:59');
    expect(plan(closedAt, BERLIN).dueEnd).toBe(local(BERLIN, '2026-03-11 00:00') - 1);
  });

  it('gives a reopened issue closed again a new callback, but not while the first is open', () => {
    const first = sh('2026-03-02 10:00');
    const second = sh('2026-03-04 10:00');
    const issues = [closed('t1', 'c1', first), closed('t1', 'c1', second)];
    const both = planCallbacks(input({ rules, now: first, customers: [customer('c1')], closedIssues: issues }));
    // One open per purpose: the second closing waits while the first callback is open.
    expect(both.tasks.map((t) => t.purposeKey)).toEqual([`post_resolution:t1:${first}`]);
    expect(both.skipped).toEqual([{ purposeKey: `post_resolution:t1:${second}`, reason: 'open_task_for_purpose' }]);
    const afterDone = planCallbacks(
      input({ rules, now: second, customers: [customer('c1')], closedIssues: issues, existingKeys: new Set([`post_resolution:t1:${first}`]) }),
    );
    expect(afterDone.tasks.map((t) => t.purposeKey)).toEqual([`post_resolution:t1:${second}`]);
  });
});

describe('a customer in another time zone', () => {
  it('turns the window\'s local dates into the customer\'s own midnights (Urumqi, Berlin)', () => {
    const customers = [customer('sh'), customer('xj', { timeZone: URUMQI }), customer('de', { timeZone: BERLIN })];
    const purchases = [purchase('p-sh', 'sh', '2026-09-24'), purchase('p-xj', 'xj', '2026-09-24'), purchase('p-de', 'de', '2026-03-20')];
    const tasks = byKey(planCallbacks(input({ now: sh('2026-03-20 12:00'), customers, purchases })));
    // The mainland holidays are dates: Urumqi's window also starts on 8 October, at its own midnight.
    expect(windowOf(tasks['routine_early:p-xj'], URUMQI)).toEqual(['2026-10-08 00:00:00', '2026-10-09 23:59:59']);
    expect(tasks['routine_early:p-xj']?.dueStart).toBe(tasks['routine_early:p-sh']?.dueStart as number + 2 * 3_600_000);
    // Berlin: 27 March (CET) .. 4 April (CEST, after the clocks moved on 29 March).
    expect(windowOf(tasks['routine_early:p-de'], BERLIN)).toEqual(['2026-03-27 00:00:00', '2026-04-04 23:59:59']);
    expect(tasks['routine_early:p-de']?.dueStart).toBe(Date.UTC(2026, 2, 26, 23, 0));
    expect(tasks['routine_early:p-de']?.dueEnd).toBe(Date.UTC(2026, 3, 4, 22, 0) - 1);
  });
});

describe('new customers, periodic plans and campaigns', () => {
  it('calls a new customer within 3 days of the first purchase, once ever', () => {
    const rules = only('newCustomer');
    const purchases = [purchase('p2', 'c1', null, { purchaseDate: '2026-03-10' }), purchase('p1', 'c1', null, { purchaseDate: '2026-03-03' })];
    const result = planCallbacks(input({ rules, now: sh('2026-03-03 12:00'), customers: [customer('c1', { tier: 'new' })], purchases }));
    expect(windowOf(byKey(result)['new_customer:c1'])).toEqual(['2026-03-04 00:00:00', '2026-03-06 23:59:59']);
    expect(byKey(result)['new_customer:c1']?.purchaseId).toBe('p1');
    // The CRM knows an earlier first purchase: this customer is not new.
    const known = planCallbacks(input({ rules, now: sh('2026-03-03 12:00'), customers: [customer('c1', { firstPurchaseDate: '2019-05-01' })], purchases }));
    expect(known.tasks).toEqual([]);
    expect(known.skipped).toEqual([{ purposeKey: 'new_customer:c1', reason: 'window_passed' }]);
  });

  it('plans the current quarter\'s satisfaction callback for regular customers, else the next quarter\'s', () => {
    const rules = only('satisfaction');
    const customers = [customer('reg'), customer('vip', { tier: 'high_value' }), customer('new', { tier: 'new' })];
    // 20 October: Q4's window is 1-30 October, from 8 October after National Day.
    const current = planCallbacks(input({ rules, now: sh('2026-10-20 09:00'), customers }));
    expect(current.tasks.map((t) => t.purposeKey)).toEqual(['satisfaction:reg:2026-10']);
    expect(windowOf(current.tasks[0])).toEqual(['2026-10-08 00:00:00', '2026-10-30 23:59:59']);
    // 5 November: Q4's window is over; January's is next.
    const next = planCallbacks(input({ rules, now: sh('2026-11-05 09:00'), customers }));
    expect(next.tasks.map((t) => t.purposeKey)).toEqual(['satisfaction:reg:2027-01']);
    // Last quarter's callback is still open: no second one for the same purpose.
    const open = planCallbacks(input({ rules, now: sh('2026-10-20 09:00'), customers, openTaskKeys: ['satisfaction:reg:2026-07'] }));
    expect(open.tasks).toEqual([]);
    expect(open.skipped).toEqual([{ purposeKey: 'satisfaction:reg:2026-10', reason: 'open_task_for_purpose' }]);
    expect(purposeOf('satisfaction:reg:2026-07')).toBe('satisfaction:reg');
  });

  it('plans monthly key-customer calls for high-value customers', () => {
    const rules = only('keyCustomerPlan');
    const customers = [customer('reg'), customer('vip', { tier: 'high_value' })];
    const result = planCallbacks(input({ rules, now: sh('2026-10-02 09:00'), customers }));
    // 1-10 October: from 8 October; the swapped Saturday 10 October is the last day.
    expect(result.tasks.map((t) => [t.purposeKey, ...windowOf(t)])).toEqual([['key_customer:vip:2026-10', '2026-10-08 00:00:00', '2026-10-10 23:59:59']]);
    expect(result.tasks[0]?.priorityFactors).toEqual(['key_customer']);
  });

  it('plans key-customer calls for customers with a past complaint (seeds 000/002: 历史投诉客户), from closed issues or the store\'s history', () => {
    const rules = only('keyCustomerPlan');
    const customers = [customer('reg'), customer('complained'), customer('recorded'), customer('asked')];
    const closedIssues = [
      closed('t1', 'complained', sh('2026-09-01 10:00'), { kind: 'complaint', scenario: 'service_complaint' }),
      // A service request is not a complaint.
      closed('t2', 'asked', sh('2026-09-01 10:00')),
    ];
    const history = [{ customerId: 'recorded', lastRepairAt: null, lastSatisfaction: null, pastComplaint: true }];
    const result = planCallbacks(input({ rules, now: sh('2026-10-02 09:00'), customers, closedIssues, history }));
    expect(result.tasks.map((t) => t.purposeKey).sort()).toEqual(['key_customer:complained:2026-10', 'key_customer:recorded:2026-10']);
    expect(result.tasks.every((t) => t.priorityFactors.includes('key_customer'))).toBe(true);
    // Without the pastComplaint filter only high-value customers are key customers.
    const tiersOnly = structuredClone(rules);
    tiersOnly.keyCustomers = [{ tiers: ['high_value'] }];
    expect(planCallbacks(input({ rules: tiersOnly, now: sh('2026-10-02 09:00'), customers, closedIssues, history })).tasks).toEqual([]);
  });

  it('plans a campaign for the customers its filter matches', () => {
    const rules = only();
    rules.campaigns = [
      {
        id: 'mid-autumn-2026',
        name: { 'zh-CN': '中秋问候', en: 'Mid-Autumn greeting' },
        purpose: 'holiday_greeting',
        date: '2026-09-21',
        windowDays: 4,
        filter: { tiers: ['high_value', 'regular'], cities: ['上海', '杭州'], productLines: ['washer'] },
      },
    ];
    const customers = [
      customer('a', { city: '上海' }),
      customer('b', { city: '北京' }),
      customer('c', { city: '杭州', tier: 'new' }),
      customer('d', { city: '杭州', tier: 'high_value' }),
      customer('e', { city: '上海' }),
    ];
    const purchases = [purchase('pa', 'a', null), purchase('pb', 'b', null), purchase('pc', 'c', null), purchase('pd', 'd', null), purchase('pe', 'e', null, { productLine: 'fridge' })];
    const result = planCallbacks(input({ rules, now: sh('2026-09-15 09:00'), customers, purchases }));
    expect(result.tasks.map((t) => t.purposeKey).sort()).toEqual(['campaign:mid-autumn-2026:a', 'campaign:mid-autumn-2026:d']);
    expect(result.tasks[0]).toMatchObject({ type: 'proactive_care', campaignId: 'mid-autumn-2026' });
    // 21-24 September, all working days.
    expect(windowOf(result.tasks[0])).toEqual(['2026-09-21 00:00:00', '2026-09-24 23:59:59']);
  });
});

describe('priority', () => {
  it('puts recent repairs, then low satisfaction, then key customers first, then the due date', () => {
    const rules = only('routine', 'postResolution');
    const now = sh('2026-03-02 10:00');
    const customers = ['plain', 'repair', 'unhappy', 'vip', 'late'].map((id) => customer(id, { tier: id === 'vip' ? 'high_value' : 'regular' }));
    const purchases = customers.map((c) => purchase(`p-${c.id}`, c.id, c.id === 'late' ? '2026-03-01' : '2026-03-02'));
    const result = planCallbacks(
      input({
        rules,
        now,
        customers,
        purchases,
        history: [
          { customerId: 'repair', lastRepairAt: sh('2026-02-20 10:00'), lastSatisfaction: null },
          { customerId: 'unhappy', lastRepairAt: sh('2025-06-01 10:00'), lastSatisfaction: 5 },
          { customerId: 'plain', lastRepairAt: null, lastSatisfaction: 9 },
        ],
        closedIssues: [closed('complaint', 'plain', now, { kind: 'complaint', scenario: 'service_complaint' }), closed('question', 'late', now)],
      }),
    );
    const early = result.tasks.filter((t) => t.type === 'routine_early' || t.type === 'post_resolution');
    expect(early.map((t) => [t.purposeKey.replace(/:\d+$/, ''), t.priority])).toEqual([
      ['post_resolution:complaint', 1],
      ['routine_early:p-repair', 1],
      ['routine_early:p-unhappy', 2],
      ['post_resolution:question', 3],
      // 'plain' has just had a complaint closed: a key customer now (seeds 000/002), like the high-value one.
      ['routine_early:p-plain', 3],
      ['routine_early:p-vip', 3],
      ['routine_early:p-late', 4],
    ]);
    expect(result.tasks.find((t) => t.purposeKey === 'routine_early:p-repair')?.priorityFactors).toEqual(['recent_repair']);
    expect(result.tasks.find((t) => t.purposeKey.startsWith('post_resolution:complaint'))?.priorityFactors).toEqual(['key_customer', 'post_resolution', 'complaint_or_repair_closed']);
  });

  it('counts a closed repair issue as a recent repair, until recentRepairDays have passed', () => {
    const rules = only('routine');
    const customers = [customer('c1')];
    const purchases = [purchase('p1', 'c1', '2026-03-02')];
    const closedIssues = [closed('r1', 'c1', sh('2026-02-10 10:00'), { scenario: 'fault_repair' })];
    const soon = planCallbacks(input({ rules, now: sh('2026-03-02 10:00'), customers, purchases, closedIssues }));
    expect(soon.tasks[0]?.priority).toBe(1);
    const later = planCallbacks(input({ rules, now: sh('2026-03-13 10:00'), customers, purchases, closedIssues }));
    expect(later.tasks[0]?.priority).toBe(4);
  });
});

describe('idempotency', () => {
  const zones = [SHANGHAI, URUMQI, BERLIN];
  const tiers = ['new', 'regular', 'high_value'] as const;
  const date = fc.integer({ min: 0, max: 540 }).map((d) => new Date(Date.UTC(2025, 9, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const world = fc
    .record({
      customers: fc.uniqueArray(
        fc.record({ id: fc.integer({ min: 1, max: 30 }), zone: fc.constantFrom(...zones), tier: fc.constantFrom(...tiers), first: date }),
        { selector: (c) => c.id, maxLength: 8 },
      ),
      purchases: fc.array(fc.record({ customer: fc.integer({ min: 0, max: 7 }), delivery: fc.option(date), line: fc.constantFrom('washer', 'fridge') }), { maxLength: 20 }),
      closings: fc.array(fc.record({ customer: fc.integer({ min: 0, max: 7 }), offsetDays: fc.integer({ min: -20, max: 5 }), repair: fc.boolean() }), { maxLength: 5 }),
      now: fc.integer({ min: 0, max: 450 }).map((d) => Date.UTC(2025, 9, 1, 3) + d * 86_400_000 + 7 * 3_600_000),
      split: fc.integer({ min: 0, max: 20 }),
    })
    .filter((w) => w.customers.length > 0)
    .map((w) => {
      const customers = w.customers.map((c) => customer(`c${c.id}`, { timeZone: c.zone, tier: c.tier, firstPurchaseDate: c.first }));
      const pick = (index: number) => customers[index % customers.length]?.id as string;
      return {
        now: w.now,
        split: w.split,
        customers,
        purchases: w.purchases.map((p, i) => purchase(`p${i}`, pick(p.customer), p.delivery, { productLine: p.line })),
        closedIssues: w.closings.map((c, i) => closed(`t${i}`, pick(c.customer), w.now + c.offsetDays * 86_400_000, { scenario: c.repair ? 'fault_repair' : 'usage_question' })),
      };
    });
  const rules = defaultRules();
  rules.campaigns = [{ id: 'spring', name: { 'zh-CN': '春节问候', en: 'Spring Festival' }, purpose: 'holiday_greeting', date: '2026-02-09', windowDays: 5, filter: {} }];

  it('plans nothing new when run again with the tasks it created', () => {
    const planned = new Map<string, number>();
    fc.assert(
      fc.property(world, (w) => {
        const first = planCallbacks({ ...w, rules, calendar: input({ now: 0 }).calendar });
        const keys = first.tasks.map((t) => t.purposeKey);
        for (const task of first.tasks) planned.set(task.type, (planned.get(task.type) ?? 0) + 1);
        expect(new Set(keys).size).toBe(keys.length);
        const again = planCallbacks({ ...w, rules, calendar: input({ now: 0 }).calendar, existingKeys: new Set(keys), openTaskKeys: keys });
        expect(again.tasks).toEqual([]);
        // ... also after the tasks were done and are no longer open.
        expect(planCallbacks({ ...w, rules, calendar: input({ now: 0 }).calendar, existingKeys: new Set(keys) }).tasks).toEqual([]);
      }),
      { numRuns: 150 },
    );
    // The worlds were rich enough to plan every kind of callback.
    expect([...planned.keys()].sort()).toEqual([
      'key_customer',
      'new_customer',
      'post_resolution',
      'proactive_care',
      'routine_early',
      'routine_long_term',
      'routine_stable',
      'satisfaction',
    ]);
  });

  it('adds exactly the tasks new deliveries imply: planning in two imports equals planning once', () => {
    fc.assert(
      fc.property(world, (w) => {
        const calendar = input({ now: 0 }).calendar;
        const once = planCallbacks({ ...w, rules, calendar });
        const firstImport = planCallbacks({ ...w, purchases: w.purchases.slice(0, w.split), rules, calendar });
        const keys = firstImport.tasks.map((t) => t.purposeKey);
        const secondImport = planCallbacks({ ...w, rules, calendar, existingKeys: new Set(keys), openTaskKeys: keys });
        const sorted = (tasks: PlannedTask[]) => [...tasks].sort((a, b) => (a.purposeKey < b.purposeKey ? -1 : 1));
        expect(sorted([...firstImport.tasks, ...secondImport.tasks])).toEqual(sorted(once.tasks));
      }),
      { numRuns: 150 },
    );
  });
});

describe('bad input', () => {
  const now = sh('2026-03-02 10:00');
  const problem = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof PlanningError)) throw error;
      expect(error.code).toBe('invalid_input');
      return error.message;
    }
    throw new Error('expected a PlanningError');
  };

  it('names the field of a bad date, zone or instant', () => {
    expect(problem(() => planCallbacks(input({ now, customers: [customer('c1')], purchases: [purchase('p1', 'c1', '2026-13-01', { purchaseDate: '2026-03-01' })] })))).toBe(
      'purchases[0].deliveryDate: must be a date written yyyy-MM-dd or null, got "2026-13-01"',
    );
    expect(problem(() => planCallbacks(input({ now, customers: [customer('c1', { timeZone: 'Mars/Olympus' })] })))).toBe(
      'customers[0].timeZone: must be an IANA time zone, e.g. Asia/Shanghai, got "Mars/Olympus"',
    );
    expect(problem(() => planCallbacks(input({ now, customers: [customer('c1'), customer('c1')] })))).toMatch(/^customers\[1\]\.id: is listed twice/);
    expect(problem(() => planCallbacks(input({ now: Number.NaN })))).toMatch(/^now must be an epoch ms instant/);
    expect(problem(() => planCallbacks(input({ now, customers: [customer('c1')], history: [{ customerId: 'c1', lastRepairAt: null, lastSatisfaction: 11 }] })))).toBe(
      'history[0].lastSatisfaction: must be a score 1..10 or null, got 11',
    );
  });

  it('skips a purchase of an unknown customer and a duplicated purchase, saying why', () => {
    const result = planCallbacks(
      input({ now, customers: [customer('c1')], purchases: [purchase('p1', 'ghost', '2026-03-02'), purchase('p2', 'c1', '2026-03-02'), purchase('p2', 'c1', '2026-03-02')] }),
    );
    expect(result.tasks).toHaveLength(3);
    expect(result.skipped).toContainEqual({ purposeKey: 'routine_early:p1', reason: 'unknown_customer' });
    expect(result.skipped).toContainEqual({ purposeKey: 'routine_early:p2', reason: 'duplicate_input' });
  });
});
