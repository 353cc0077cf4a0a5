import { v7 as uuidv7 } from 'uuid';
import { CALLBACK_TYPES, type CallbackType, type Task } from '../../src/shared/domain/model';
import { openStore, type OpenedStore } from '../../src/main/db/store';
import { AgentRepository } from '../../src/main/db/repositories/agent-repository';
import { CustomerRepository } from '../../src/main/db/repositories/customer-repository';
import { PurchaseRepository } from '../../src/main/db/repositories/purchase-repository';
import { SettingsRepository } from '../../src/main/db/repositories/settings-repository';
import { TaskRepository } from '../../src/main/db/repositories/task-repository';

const DAY = 86_400_000;

/**
 * A large store for benchmarks and scale tests: `tasks` callbacks over `agents` agents (the
 * first is the current agent), one customer per five tasks, due dates spread from 20 days ago
 * to 40 days ahead of `now`. Written through the repositories, like real data.
 */
export function fillBigStore(dir: string, options: { tasks: number; agents: number; now: number }): { store: OpenedStore; agentIds: string[]; taskRepo: TaskRepository } {
  const { tasks, now } = options;
  const store = openStore(dir, () => now);
  const { db } = store;
  const agents = new AgentRepository(db);
  const customers = new CustomerRepository(db);
  const purchases = new PurchaseRepository(db);
  const taskRepo = new TaskRepository(db);
  const agentIds = Array.from({ length: options.agents }, () => uuidv7());
  const ids: { customer: string; purchase: string }[] = [];
  db.transaction(() => {
    agentIds.forEach((id, i) => agents.insert({ id, name: `坐席${i}`, employeeNo: `CS${1000 + i}`, role: 'agent' }, now));
    new SettingsRepository(db).set('current_agent_id', agentIds[0]!);
    const customerCount = Math.max(1000, tasks / 5);
    for (let i = 0; i < customerCount; i++) {
      const customer = uuidv7();
      const purchase = uuidv7();
      customers.insert(
        { id: customer, customerNo: `C${i}`, name: `客户${i}`, gender: i % 2 ? 'male' : 'female', phone: `138${String(i).padStart(8, '0')}`, tier: (['new', 'regular', 'high_value'] as const)[i % 3]!, tags: [], contactWindow: null, timeZone: 'Asia/Shanghai', city: '上海' },
        now,
      );
      purchases.insert({ id: purchase, customerId: customer, productLine: '空调', model: `KFR-${i % 50}`, serialNo: `SN${i}`, purchaseDate: '2026-01-01', deliveryDate: '2026-01-03', warrantyEnd: '2032-01-01' }, now);
      ids.push({ customer, purchase });
    }
  })();
  const batch = 50_000;
  for (let start = 0; start < tasks; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(tasks, start + batch); i++) {
        const owner = ids[i % ids.length]!;
        const dueStart = now + (((i * 7919) % 60) - 20) * DAY;
        const task: Task = {
          id: uuidv7(),
          customerId: owner.customer,
          purchaseId: owner.purchase,
          type: CALLBACK_TYPES[i % CALLBACK_TYPES.length] as CallbackType,
          status: i % 7 === 0 ? 'completed' : 'pending',
          priority: 1 + (i % 5),
          dueStart,
          dueEnd: dueStart + 3 * DAY,
          attempts: 0,
          assignedAgentId: agentIds[i % options.agents]!,
          lastDisposition: null,
          updatedAt: now,
        };
        taskRepo.insert(task, now);
      }
    })();
  }
  db.pragma('optimize');
  return { store, agentIds, taskRepo };
}
