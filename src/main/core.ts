import type { EventName, EventPayload } from '../shared/api/contract';
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatcher';
import { systemClock, type Clock } from './clock';
import type { Db } from './db/connection';
import { openStore } from './db/store';
import { AlertRepository } from './db/repositories/alert-repository';
import { CustomerRepository } from './db/repositories/customer-repository';
import { OutboxRepository } from './db/repositories/outbox-repository';
import { CallService } from './services/call-service';
import { MutationRunner, type ChangedEntity } from './services/mutations';
import { QueueService } from './services/queue-service';
import { ScriptCatalog } from './services/script-catalog';
import { WorkspaceService } from './services/workspace-service';
import { SlaWatcher, type Timers } from './alerts/sla-watcher';
import { callbackSource, ticketSource } from './alerts/watch-sources';
import { AlertService } from './services/alert-service';
import { loadSlaSources } from './services/shared-sla-engine';
import { SlaSetupService } from './services/sla-setup-service';
import { TicketService } from './services/ticket-service';
import { loadPlanningRules, PlanningService } from './services/planning-service';
import { SmsDispatcher } from './services/sms-dispatcher';
import { ImportService, loadTierSynonyms } from './services/import-service';
import type { ApiResult } from '../shared/api/result';
import { CoreError } from '../shared/api/result';
import { OutboundMessageRepository } from './db/repositories/outbound-message-repository';
import { ChangeCapture } from './db/change-capture';
import { SyncRepository } from './db/repositories/sync-repository';
import { schemaVersion } from './db/migrate';
import { httpTransport, type HubTransport } from './sync/hub-transport';
import { fileSecretStore, type SecretStore } from './sync/secret-store';
import { SyncService } from './sync/sync-service';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface CoreOptions {
  dataDir: string;
  /** Folder holding scripts/ (resources/ in the repo, the packaged resources in a build). */
  resourcesDir: string;
  clock?: Clock;
  /** Opens a dial URI itself and returns true (Electron), or returns false to hand it to the page. */
  openDialUri?: (uri: string) => boolean;
  /** The agent's time zone for "due today". */
  timeZone?: string;
  nativeBinding?: string;
  log?: (message: string, error?: unknown) => void;
  /** Timers of the SLA watcher; tests pass fakes driven with the clock. */
  timers?: Timers;
  /** False keeps the SLA watcher from starting (a test drives it with `core.watcher`). */
  watch?: boolean;
  /** The desktop shell shows alert notifications itself (Electron); otherwise the page does. */
  notificationsShownByHost?: boolean;
  /** Where the hub session token is kept (Electron: safeStorage); a private file by default. */
  secrets?: SecretStore;
  /** How the desktop reaches a hub (tests put faults in between). */
  hubTransport?: (hubUrl: string) => HubTransport;
  /** Sync timing, for tests and benchmarks. */
  sync?: { intervalMs?: number; heartbeatMs?: number; pushBatch?: number; deviceName?: string };
}

export interface Core {
  dispatch: Dispatch;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Creates the demo workspace when the store is still empty (the browser host does this). */
  ensureDemoWorkspace(): boolean;
  readonly db: Db;
  readonly scriptProblems: readonly { file: string; stepId: string | null; message: string }[];
  readonly watcher: SlaWatcher;
  /** A file for import, handed over by the transport (IPC or HTTP upload), outside the JSON calls. */
  upload(fileName: string, bytes: Uint8Array): ApiResult<{ fileId: string }>;
  /** The clock jumped (test mode, or the OS said it resumed): let the watcher look now. */
  clockChanged(): void;
  readonly sync: SyncService;
  close(): void;
}

/** How often the outbox retries messages the gateway did not take. */
const SMS_RETRY_MS = 60_000;

/** Wires the store, the services and the one API table. Runs under Electron and plain Node alike. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message, error) => console.error(`CareCall: ${message}`, error ?? ''));
  const store = openStore(options.dataDir, () => clock.now(), { nativeBinding: options.nativeBinding });
  if (store.notice) log(store.notice);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    listeners.get(event)?.forEach((listener) => listener(payload));
  };
  // Set below; a change to tickets or callbacks reschedules their alerts.
  let watcher: SlaWatcher | null = null;
  let sync: SyncService | null = null;
  const capture = new ChangeCapture(store.db);
  const mutations = new MutationRunner(
    store.db,
    clock,
    (entities: ChangedEntity[]) => {
      emit('data.changed', { entities });
      if (entities.includes('tickets') || entities.includes('tasks')) watcher?.poke();
      // Every saved edit heads for the hub at once when one is configured.
      if (capture.isEnabled) sync?.engine.localEdit();
    },
    capture,
  );
  const scripts = new ScriptCatalog(`${options.resourcesDir}/scripts`);
  for (const problem of scripts.problems) log(`script ${problem.file}${problem.stepId ? ` step ${problem.stepId}` : ''}: ${problem.message}`);
  const workspace = new WorkspaceService(store.db, clock, mutations);
  const queue = new QueueService(store.db, clock, workspace, options.timeZone ?? 'Asia/Shanghai');
  // A new preset or calendar moves every target: the watcher re-plans them all.
  const slaSetup = new SlaSetupService(store.db, loadSlaSources(options.resourcesDir, log), mutations, workspace, log, () => watcher?.resync(), () => clock.now());
  const sla = slaSetup.engine;
  const planningRules = loadPlanningRules(options.resourcesDir, log);
  const planning = new PlanningService(store.db, clock, mutations, workspace, planningRules, () => slaSetup.calendar());
  const sms = new SmsDispatcher(store.db, {
    clock,
    webhookUrl: () => workspace.getSettings().smsWebhookUrl || null,
    log,
    onChanged: () => emit('data.changed', { entities: ['messages'] }),
    // The appointment SMS the day before the call (calls is set below, before any flush runs).
    releaseDue: () => calls.queueDueAppointmentSms(),
  });
  const outboundMessages = new OutboundMessageRepository(store.db);
  const imports = new ImportService(
    store.db,
    options.dataDir,
    mutations,
    workspace,
    planning,
    (fileId, phase, progress) => emit('import.progress', { fileId, phase, progress }),
    () => slaSetup.calendar().timeZone,
    loadTierSynonyms(options.resourcesDir, log),
  );
  const calls = new CallService(store.db, clock, mutations, workspace, scripts, {
    rules: () => planningRules,
    calendar: () => slaSetup.calendar(),
    isWorkingDay: (localDate) => sla.isWorkingDay(localDate),
    // Try to hand a new appointment SMS to the gateway at once; it stays queued if that fails.
    onMessageQueued: () => void sms.flush(),
  });
  const outbox = new OutboxRepository(store.db);
  const customers = new CustomerRepository(store.db);
  const tickets = new TicketService(store.db, clock, mutations, workspace, sla, (issue, now, ownerId) => planning.followUpFor(issue, now, ownerId));
  const firedAlerts = new AlertRepository(store.db);
  watcher = new SlaWatcher({
    clock,
    timers: options.timers,
    sources: [ticketSource(store.db, sla), callbackSource(store.db, () => workspace.currentAgent()?.id ?? null)],
    record: (alerts) => firedAlerts.recordNew(alerts),
    emit: (fired, notify, atRisk) => {
      emit('alerts.fired', { alerts: fired, notify, atRisk, shownByHost: options.notificationsShownByHost ?? false });
      emit('data.changed', { entities: ['alerts'] });
    },
    doNotDisturb: () => workspace.getSettings().doNotDisturb,
    onBreach: (alert) => tickets.escalateOnBreach(alert.subjectId),
    log,
  });
  const theWatcher: SlaWatcher = watcher;
  const syncService = new SyncService({
    repo: new SyncRepository(store.db),
    capture,
    clock,
    dataDir: options.dataDir,
    schemaVersion: schemaVersion(store.db),
    secrets: options.secrets ?? fileSecretStore(join(options.dataDir, 'hub-session')),
    transport: options.hubTransport ?? ((hubUrl) => httpTransport(hubUrl)),
    deviceName: options.sync?.deviceName ?? hostname(),
    adoptUser: (user, deviceCode) => workspace.adoptHubUser(user, deviceCode),
    onApplied: () => emit('data.changed', { entities: ['tasks', 'calls', 'notes', 'customers', 'tickets'] }),
    // Pulled rows carry the hub's timestamps, older than the watcher's watermark: re-plan them all.
    // A pulled calendar (another lead's import) rebuilds the SLA engine first.
    onPulled: () => {
      if (slaSetup.reload()) emit('data.changed', { entities: ['settings'] });
      theWatcher.resync();
    },
    onStatus: (status) => emit('sync.status', status),
    log,
    intervalMs: options.sync?.intervalMs,
    heartbeatMs: options.sync?.heartbeatMs,
    pushBatch: options.sync?.pushBatch,
  });
  sync = syncService;
  /** With a hub, bulk changes come from the hub's admin tools, not from one desktop. */
  const refuseWithHub = (what: string): void => {
    if (syncService.configured && workspace.currentAgent()?.role !== 'admin') {
      throw new CoreError('conflict', `${what} is done on the hub (by an admin) while this desktop syncs with ${syncService.engine.hubUrl}`);
    }
  };
  const alertService = new AlertService(store.db, mutations, () => theWatcher.atRisk());

  const handlers: Handlers = {
    'session.get': () => ({
      agent: workspace.currentAgent(),
      workspace: workspace.currentAgent() ? 'ready' : 'empty',
      settings: workspace.getSettings(),
      storeNotice: store.notice,
    }),
    'workspace.createDemo': () => {
      refuseWithHub('creating a demo workspace');
      return workspace.createDemo();
    },
    'workspace.createEmpty': (input) => {
      refuseWithHub('creating a workspace');
      return workspace.createEmpty(input);
    },
    'settings.update': (input) => {
      const settings = workspace.updateSettings(input);
      // A gateway just set takes what waited in the outbox at once.
      if (input.smsWebhookUrl) void sms.flush();
      return settings;
    },
    'queue.list': (input) => queue.list(input),
    'queue.counts': (input) => queue.counts(input),
    'task.open': (input) => calls.open(input.taskId),
    'customer.get': (input) => calls.customerDetail(input.customerId),
    'customer.search': (input) => {
      workspace.requireAgent();
      return { rows: customers.search(input.query, input.limit) };
    },
    'call.start': (input) => calls.start(input),
    'call.saveAnswers': (input) => calls.saveAnswers(input),
    'note.save': (input) => {
      // A call's notes are evidence once its complaint is under legal handling.
      tickets.refuseFrozenCall(input.callId);
      return calls.saveNote(input);
    },
    'call.finish': (input) => {
      // Finishing writes the call's final notes: frozen too once its complaint is with legal.
      tickets.refuseFrozenCall(input.callId);
      return calls.finish(input);
    },
    'call.suggestSlots': (input) => calls.suggestSlots(input.taskId),
    'purchase.verifyProof': (input) => calls.verifyProof(input.purchaseId, input.proof),
    'call.dial': (input) => {
      const uri = calls.dialUri(input.taskId);
      return { uri: options.openDialUri?.(uri) ? null : uri };
    },
    'script.get': (input) => ({ script: scripts.byId(input.scriptId) }),
    'outbox.stats': () => outbox.stats(),
    'ticket.options': () => tickets.options(workspace.getSettings().locale),
    'ticket.create': (input) => tickets.create(input),
    'ticket.list': (input) => tickets.list(input),
    'ticket.forCustomer': (input) => tickets.forCustomer(input.customerId),
    'ticket.get': (input) => tickets.get(input.ticketId, workspace.getSettings().locale),
    'ticket.transition': (input) => tickets.transition(input),
    'ticket.approve': (input) => tickets.approve(input),
    'ticket.addEntry': (input) => tickets.addEntry(input),
    'ticket.setSeverity': (input) => tickets.setSeverity(input),
    'alerts.list': (input) => alertService.list(input),
    'ticket.recordStep': (input) => tickets.recordStep(input),
    'alerts.markRead': (input) => alertService.markRead(input),
    'planning.run': () => {
      refuseWithHub('planning callbacks');
      return planning.run();
    },
    'task.assign': (input) => calls.assign(input.taskId, input.agentId),
    'messages.list': (input) => ({
      rows: outboundMessages.list(input.limit),
      counts: outboundMessages.counts(),
      gatewayConfigured: workspace.getSettings().smsWebhookUrl !== '',
    }),
    'import.preview': (input) => imports.preview(input),
    'import.dryRun': (input) => imports.dryRun(input),
    'import.apply': (input) => {
      refuseWithHub('importing CRM data');
      return imports.apply(input);
    },
    'import.cancel': (input) => imports.cancel(input.fileId),
    'sla.get': () => slaSetup.describe(workspace.getSettings().locale),
    'sla.setPreset': (input) => slaSetup.setPreset(input, workspace.getSettings().locale),
    'calendar.importIcs': (input) => slaSetup.importIcs(input, workspace.getSettings().locale),
    'calendar.importSchedule': (input) => slaSetup.importSchedule(input, workspace.getSettings().locale),
    'sla.setTargetClock': (input) => slaSetup.setTargetClock(input, workspace.getSettings().locale),
    'calendar.reset': () => slaSetup.resetCalendar(workspace.getSettings().locale),
    'sync.status': () => syncService.status(),
    'sync.signIn': (input) => syncService.signIn(input),
    'sync.signOut': () => syncService.signOut(),
    'sync.now': () => syncService.syncNow(),
    'sync.dismissRejection': (input) => syncService.dismissRejection(input.mutationId),
  };

  if (options.watch !== false) theWatcher.start();
  syncService.resume();
  // Failed or waiting messages are tried again now and then, not only when a new one is queued.
  // The same tick queues the appointment SMS whose day-before time has come (by the core's clock).
  const smsRetry = options.watch === false ? null : setInterval(() => void sms.flush(), SMS_RETRY_MS);
  smsRetry?.unref();

  return {
    dispatch: createDispatcher(handlers, log),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    ensureDemoWorkspace() {
      if (workspace.currentAgent() || syncService.configured) return false;
      workspace.createDemo();
      theWatcher.poke();
      return true;
    },
    watcher: theWatcher,
    upload(fileName, bytes) {
      try {
        return { ok: true, value: imports.upload(fileName, bytes) };
      } catch (error) {
        if (error instanceof CoreError) return { ok: false, error: { code: error.code, message: error.message, fields: error.fields } };
        log('upload failed', error);
        return { ok: false, error: { code: 'internal', message: 'the file could not be stored' } };
      }
    },
    clockChanged() {
      theWatcher.poke();
      // An appointment SMS may be due at the new time.
      void sms.flush();
      // Woken from sleep or the network came back: sync now rather than after the backoff.
      syncService.engine.kick();
    },
    sync: syncService,
    db: store.db,
    scriptProblems: scripts.problems,
    close() {
      theWatcher.stop();
      syncService.stop();
      if (smsRetry) clearInterval(smsRetry);
      store.db.close();
    },
  };
}
