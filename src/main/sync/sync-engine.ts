import {
  PROTOCOL_VERSION,
  PUSH_MAX_BYTES,
  PUSH_MAX_MUTATIONS,
  PullResponse,
  PushResponse,
  type HubUser,
  type PullResponse as Pulled,
} from '../../shared/sync/protocol';
import type { SyncState, SyncStatus } from '../../shared/api/sync-contract';
import type { Clock } from '../clock';
import type { ResetInProgress, SyncRepository } from '../db/repositories/sync-repository';
import type { ChangeCapture } from '../db/change-capture';
import { HubRequestError, type HubTransport } from './hub-transport';
import { nextBackoffMs } from './backoff';

export const SYNC_KEYS = {
  hubUrl: 'hub_url',
  clientId: 'client_id',
  user: 'user',
  cursor: 'cursor',
  lastSyncedAt: 'last_synced_at',
  needsReset: 'needs_reset',
  team: 'team',
} as const;

export interface SyncEngineOptions {
  repo: SyncRepository;
  /** Paused while a pull is applied: the hub's rows are not local edits. */
  capture: ChangeCapture;
  clock: Clock;
  schemaVersion: number;
  transport: (hubUrl: string) => HubTransport;
  token: () => string | null;
  /** The session ended on the hub (revoked, expired): forget the token. */
  onSignedOut: () => void;
  /** Rows changed under the UI: a pulled page was applied (the screens re-read). */
  onApplied: () => void;
  /** A pull that changed rows is over (once per pull, not per page: re-planning SLA alerts reads every open row). */
  onPulled?: () => void;
  onStatus: (status: SyncStatus) => void;
  log: (message: string, error?: unknown) => void;
  /** How often to sync when nothing pokes (the hub's poke makes this a fallback). */
  intervalMs?: number;
  heartbeatMs?: number;
  /** Smaller push batches, for tests of batching. */
  pushBatch?: number;
}

/**
 * Background sync as explicit ordered steps: push the outbox in batches, pull pages until the
 * hub has nothing more (each page applied in one SQLite transaction, with the still-pending
 * mutations re-applied on top), then send a heartbeat. One run at a time; a local edit or a poke
 * from the hub asks for another run; failures back off exponentially with jitter. The agent works
 * on through all of it: nothing here blocks a save.
 */
/** Thrown past an await when the engine was stopped meanwhile (the store may be closed). */
const STOPPED = new Error('sync stopped');

export class SyncEngine {
  private state: SyncState = 'standalone';
  private lastError: string | null = null;
  private nextAttemptAt: number | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pushedUpTo = 0;
  private lastHeartbeatAt = 0;
  private stopped = true;
  private listenAbort: AbortController | null = null;

  constructor(private readonly options: SyncEngineOptions) {}

  get hubUrl(): string | null {
    return this.options.repo.getState(SYNC_KEYS.hubUrl);
  }

  get user(): HubUser | null {
    const raw = this.options.repo.getState(SYNC_KEYS.user);
    return raw ? (JSON.parse(raw) as HubUser) : null;
  }

  get clientId(): string | null {
    return this.options.repo.getState(SYNC_KEYS.clientId);
  }

  status(): SyncStatus {
    const { repo } = this.options;
    const stats = repo.pendingStats();
    const user = this.user;
    const lastSyncedAt = repo.getState(SYNC_KEYS.lastSyncedAt);
    const team = repo.getState(SYNC_KEYS.team);
    return {
      state: this.state,
      hubUrl: this.hubUrl,
      user: user ? { username: user.username, name: user.name, role: user.role } : null,
      pending: this.hubUrl ? stats.pending : 0,
      oldestPendingAt: this.hubUrl ? stats.oldestAt : null,
      lastSyncedAt: lastSyncedAt ? Number(lastSyncedAt) : null,
      lastError: this.lastError,
      nextAttemptAt: this.nextAttemptAt,
      rejections: repo.rejections(),
      team: team ? (JSON.parse(team) as SyncStatus['team']) : null,
    };
  }

  /** Starts background sync (a hub is configured). Safe to call again. */
  start(): void {
    this.stopped = false;
    this.failures = 0;
    this.pushedUpTo = 0;
    this.setState(this.options.token() ? 'syncing' : 'signed_out');
    this.listen();
    this.kick();
  }

  stop(state: SyncState = 'standalone'): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listenAbort?.abort();
    this.listenAbort = null;
    this.setState(state);
  }

  /** Sync soon: a local edit was saved, the hub poked, the machine woke up, or the user asked. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.runLoop().finally(() => {
      this.running = null;
    });
  }

  /**
   * A local edit was saved. It goes at once unless the hub has been failing: then it waits for the
   * next attempt the backoff planned (a poke, a wake-up or 同步 still go at once), so typing
   * offline does not try the network, and read the whole outbox, on every keystroke's save.
   */
  localEdit(): void {
    if (this.failures === 0) this.kick();
    this.emit();
  }

  /** Resolves when the current run (and any run it asked for) is over. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async runLoop(): Promise<void> {
    do {
      this.again = false;
      await this.runOnce();
      // After a failure the backoff's timer decides when to try again, not what arrived meanwhile.
    } while (this.again && !this.stopped && this.failures === 0);
    if (!this.stopped && this.state === 'online') this.schedule(this.options.intervalMs ?? 30_000);
  }

  private async runOnce(): Promise<void> {
    const hubUrl = this.hubUrl;
    const token = this.options.token();
    if (!hubUrl) return;
    if (!token) {
      this.setState('signed_out');
      return;
    }
    const transport = this.options.transport(hubUrl);
    try {
      if (this.state !== 'online') this.setState('syncing');
      // A push the hub does not take yet must not keep others' changes from arriving: pull anyway.
      const pushFailure = await this.push(transport, token).then(
        () => null,
        (error: unknown) => {
          if (error === STOPPED || (error instanceof HubRequestError && (error.status === 401 || error.status === 426))) throw error;
          return error;
        },
      );
      await this.pull(transport, token);
      if (pushFailure) throw pushFailure;
      await this.heartbeat(transport, token);
      this.failures = 0;
      this.lastError = null;
      this.nextAttemptAt = null;
      this.options.repo.setState(SYNC_KEYS.lastSyncedAt, String(this.options.clock.now()));
      this.setState('online');
    } catch (error) {
      if (error === STOPPED || this.stopped) return;
      this.fail(error);
    }
  }

  private alive(): void {
    if (this.stopped) throw STOPPED;
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = message;
    if (error instanceof HubRequestError && error.status === 401) {
      this.options.onSignedOut();
      this.setState('signed_out');
      return;
    }
    if (error instanceof HubRequestError && error.status === 426) {
      this.setState('update_required');
      return;
    }
    this.failures += 1;
    const delay = nextBackoffMs(this.failures);
    this.nextAttemptAt = this.options.clock.now() + delay;
    if (!(error instanceof HubRequestError && error.unreachable)) this.options.log(`sync failed: ${message}`, error);
    this.setState('offline');
    this.schedule(delay);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delayMs);
    this.timer.unref?.();
  }

  private versions() {
    return { clientId: this.clientId ?? '', protocolVersion: PROTOCOL_VERSION, schemaVersion: this.options.schemaVersion };
  }

  /** Step 1: the outbox, oldest first, in batches under the hub's limits. */
  private async push(transport: HubTransport, token: string): Promise<void> {
    const { repo } = this.options;
    const batchSize = this.options.pushBatch ?? PUSH_MAX_MUTATIONS;
    for (;;) {
      const first = repo.firstPendingSeq();
      if (first === null) return;
      const from = Math.max(this.pushedUpTo, first - 1);
      const batch = repo.pending(batchSize, PUSH_MAX_BYTES * 0.9, from);
      if (batch.length === 0) return;
      try {
        const response = await transport.post(
          '/sync/push',
          {
            ...this.versions(),
            mutations: batch.map((entry) => ({
              seq: entry.seq,
              id: entry.mutationId,
              name: entry.name,
              args: entry.args,
              changes: entry.changes,
              createdAt: entry.createdAt,
            })),
          },
          token,
          (value) => PushResponse.parse(value),
        );
        this.alive();
        // The hub has now seen every number of this batch (applied, rejected, or a replay of the
        // same mutation). Not more: a higher last number may be someone else's mutation.
        const last = batch.at(-1)?.seq ?? 0;
        if (response.lastMutationSeq < last) throw new HubRequestError(502, null, `the hub applied up to ${response.lastMutationSeq}, not ${last}`);
        this.pushedUpTo = last;
      } catch (error) {
        const hubLast = error instanceof HubRequestError ? error.body?.lastMutationSeq : undefined;
        // Our numbers were taken by other mutations: ours move after the hub's last and go again.
        if (error instanceof HubRequestError && error.body?.error === 'sequence_conflict' && hubLast !== undefined) {
          this.options.log(`the hub holds other mutations at this desktop's numbers up to ${hubLast}; renumbering the pending ones after it`);
          // First let a pull drop what the hub did apply under our numbers, so nothing goes twice.
          await this.pull(transport, token);
          repo.renumberPending(hubLast);
          this.pushedUpTo = hubLast;
          continue;
        }
        // The hub has fewer of ours than we sent (it was restored): send again from where it is.
        if (error instanceof HubRequestError && error.body?.error === 'sequence_gap' && hubLast !== undefined && hubLast < this.pushedUpTo) {
          this.pushedUpTo = hubLast;
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Step 2: pages of changes in scope, each applied with the pending mutations re-applied on top.
   * The next page is asked for before the current one is applied, so the hub reads and sends it
   * while this desktop writes: the two overlap instead of taking turns.
   */
  private async pull(transport: HubTransport, token: string): Promise<void> {
    const { repo } = this.options;
    const request = (cursor: string | null): Promise<Pulled> =>
      transport.post('/sync/pull', { ...this.versions(), cursor, pendingFromSeq: repo.firstPendingSeq() }, token, (value) => PullResponse.parse(value));
    let changed = false;
    // A reset may span pages; what it delivered is tracked until its last page. Cut off half-way,
    // needs_reset stays set and the next pull starts it over.
    let reset: ResetInProgress | null = null;
    try {
      let next = request(repo.getState(SYNC_KEYS.needsReset) === '1' ? null : repo.getState(SYNC_KEYS.cursor));
      for (;;) {
        const page = await next;
        this.alive();
        if (page.reset) reset = { seen: repo.holdsSyncedRows() ? new Set() : null, ending: false };
        if (reset) reset.ending = !page.more;
        // Ahead of time only from the cursor this page hands on; a page that ends the pull or
        // turns up our own rejections (which start a reset) leaves nothing to prefetch.
        const prefetched = page.more && page.rejected.length === 0 ? request(page.cursor) : null;
        // An unused prefetch must not surface as an unhandled rejection.
        prefetched?.catch(() => undefined);
        // fetch sends from the event loop: let it go out before the synchronous apply holds the thread.
        if (prefetched) await new Promise((resolve) => setImmediate(resolve));
        this.alive();
        const ownRejections = this.applyPage(page, reset);
        if (reset?.ending) reset = null;
        if (page.rows.length > 0 || page.reset || ownRejections > 0) {
          changed = true;
          this.options.onApplied();
        }
        if (ownRejections > 0) {
          this.emit();
          next = request(null);
          continue;
        }
        if (!page.more) return;
        next = prefetched ?? request(page.cursor);
      }
    } finally {
      if (changed && !this.stopped) this.options.onPulled?.();
    }
  }

  private applyPage(page: Pulled, reset: ResetInProgress | null): number {
    const { repo } = this.options;
    return this.options.capture.paused(() =>
      repo.applyPull(
        { rows: page.rows, acked: page.acked, rejected: page.rejected },
        (rejected) => {
          repo.setState(SYNC_KEYS.cursor, page.cursor);
          repo.setState(SYNC_KEYS.team, page.team ? JSON.stringify(page.team) : null);
          // A rejected mutation's local effects are undone by pulling the hub's view afresh; a
          // reset is done only once its last page is in.
          if (rejected > 0 || (reset && !reset.ending)) repo.setState(SYNC_KEYS.needsReset, '1');
          else if (reset) repo.setState(SYNC_KEYS.needsReset, null);
        },
        reset,
      ),
    );
  }

  /** Step 3: tell the hub (and so the lead) how much work waits on this desktop. */
  private async heartbeat(transport: HubTransport, token: string): Promise<void> {
    const now = this.options.clock.now();
    if (now - this.lastHeartbeatAt < (this.options.heartbeatMs ?? 60_000) && this.lastHeartbeatAt !== 0) return;
    const stats = this.options.repo.pendingStats();
    await transport.post('/sync/heartbeat', { ...this.versions(), pending: stats.pending, oldestPendingAt: stats.oldestAt }, token, () => null);
    this.alive();
    this.lastHeartbeatAt = now;
  }

  /** The hub's poke stream: a poke means "your scope changed, pull". Reconnects with backoff. */
  private listen(): void {
    this.listenAbort?.abort();
    const abort = new AbortController();
    this.listenAbort = abort;
    let failures = 0;
    const loop = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        const hubUrl = this.hubUrl;
        const token = this.options.token();
        if (!hubUrl || !token) return;
        try {
          await this.options.transport(hubUrl).listen(
            token,
            () => this.kick(),
            () => {
              failures = 0;
              // Whatever happened while the stream was down is pulled now.
              this.kick();
            },
            abort.signal,
          );
        } catch {
          // The hub is away; sync runs on its own backoff, the stream retries on its own.
        }
        if (abort.signal.aborted) return;
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, nextBackoffMs(failures)).unref?.());
      }
    };
    void loop();
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.emit();
  }

  emit(): void {
    this.options.onStatus(this.status());
  }
}
