import type { HubUser } from '../../shared/sync/protocol';
import { v7 as uuidv7 } from 'uuid';
import type { Settings } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import { generateDemoWorkspace } from '../../shared/demo/demo-workspace';
import { Locale, type Agent } from '../../shared/domain/model';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AgentRepository } from '../db/repositories/agent-repository';
import { CallRepository } from '../db/repositories/call-repository';
import { CustomerRepository } from '../db/repositories/customer-repository';
import { NoteRepository } from '../db/repositories/note-repository';
import { PurchaseRepository } from '../db/repositories/purchase-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { TaskRepository } from '../db/repositories/task-repository';
import type { MutationRunner } from './mutations';

const DEFAULT_SETTINGS: Settings = { locale: 'zh-CN', company: '安心家电售后服务中心', dialUriTemplate: 'tel:{phone}', doNotDisturb: false, smsWebhookUrl: '' };

/** Who is working, their settings, and creating the workspace (demo or empty). */
export class WorkspaceService {
  private readonly settings: SettingsRepository;
  private readonly agents: AgentRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mutations: MutationRunner,
  ) {
    this.settings = new SettingsRepository(db);
    this.agents = new AgentRepository(db);
  }

  currentAgent(): Agent | null {
    const id = this.settings.get('current_agent_id');
    return id ? this.agents.get(id) : null;
  }

  requireAgent(): Agent {
    const agent = this.currentAgent();
    if (!agent) throw new CoreError('conflict', 'No workspace yet: create the demo workspace or an empty one first.');
    return agent;
  }

  /** The hub's user becomes the signed-in agent; tickets numbered here carry the hub's device code. */
  adoptHubUser(user: HubUser, deviceCode: string): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      this.agents.upsert({ id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role }, user.skills, now);
      this.settings.set('current_agent_id', user.id);
      this.settings.set('device_code', deviceCode);
    })();
  }

  getSettings(): Settings {
    const locale = Locale.safeParse(this.settings.get('locale'));
    return {
      locale: locale.success ? locale.data : DEFAULT_SETTINGS.locale,
      company: this.settings.get('company') ?? DEFAULT_SETTINGS.company,
      dialUriTemplate: this.settings.get('dial_uri_template') ?? DEFAULT_SETTINGS.dialUriTemplate,
      doNotDisturb: this.settings.get('do_not_disturb') === 'true',
      smsWebhookUrl: this.settings.get('sms_webhook_url') ?? '',
    };
  }

  updateSettings(change: Partial<Settings>): Settings {
    // Where customers' numbers are sent is the deployment's decision, not an agent's.
    if (change.smsWebhookUrl !== undefined) {
      const agent = this.requireAgent();
      if (agent.role !== 'lead' && agent.role !== 'admin') throw new CoreError('unauthorized', 'only a team lead can set the SMS gateway', { smsWebhookUrl: 'lead only' });
    }
    return this.mutations.run('settings.update', change, ['settings'], () => {
      if (change.locale) this.settings.set('locale', change.locale);
      if (change.company) this.settings.set('company', change.company);
      if (change.dialUriTemplate) this.settings.set('dial_uri_template', change.dialUriTemplate);
      if (change.doNotDisturb !== undefined) this.settings.set('do_not_disturb', String(change.doNotDisturb));
      if (change.smsWebhookUrl !== undefined) this.settings.set('sms_webhook_url', change.smsWebhookUrl);
      return this.getSettings();
    });
  }

  createEmpty(input: { agentName: string; employeeNo: string }): Agent {
    this.ensureNoWorkspace();
    const agent: Agent = { id: uuidv7(), name: input.agentName, employeeNo: input.employeeNo, role: 'agent' };
    return this.mutations.run('workspace.createEmpty', { agent }, ['settings'], (now) => {
      this.agents.insert(agent, now);
      this.settings.set('current_agent_id', agent.id);
      return agent;
    });
  }

  createDemo(seed = 20261123): { customers: number; purchases: number; tasks: number } {
    this.ensureNoWorkspace();
    const anchor = this.clock.now();
    const demo = generateDemoWorkspace({ seed, anchor });
    const customers = new CustomerRepository(this.db);
    const purchases = new PurchaseRepository(this.db);
    const tasks = new TaskRepository(this.db);
    const calls = new CallRepository(this.db);
    const notes = new NoteRepository(this.db);
    // The outbox records the recipe (seed and day), not thousands of rows.
    return this.mutations.run('workspace.createDemo', { seed, anchor }, ['tasks', 'customers', 'calls', 'settings'], (now) => {
      for (const agent of demo.agents) this.agents.insert(agent, now);
      for (const customer of demo.customers) customers.insert(customer, now);
      for (const purchase of demo.purchases) purchases.insert(purchase, now);
      for (const task of demo.tasks) tasks.insert(task, now);
      for (const call of demo.calls) {
        calls.insertStarted(call, now);
        calls.finish(call.id, call);
        notes.upsert({ id: uuidv7(), customerId: call.customerId, taskId: call.taskId, callId: call.id, agentId: call.agentId, body: call.notes }, now);
      }
      this.settings.set('current_agent_id', demo.currentAgentId);
      return { customers: demo.customers.length, purchases: demo.purchases.length, tasks: demo.tasks.length };
    });
  }

  private ensureNoWorkspace(): void {
    if (this.currentAgent()) throw new CoreError('conflict', 'This store already has a workspace.');
  }
}
