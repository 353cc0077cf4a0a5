import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type { SyncStatus } from '../../shared/api/sync-contract';
import { CoreError } from '../../shared/api/result';
import { LoginResponse, PROTOCOL_VERSION, type HubUser } from '../../shared/sync/protocol';
import { HubRequestError } from './hub-transport';
import type { SecretStore } from './secret-store';
import { SYNC_KEYS, SyncEngine, type SyncEngineOptions } from './sync-engine';

export interface SyncServiceOptions extends Omit<SyncEngineOptions, 'token' | 'onSignedOut'> {
  dataDir: string;
  secrets: SecretStore;
  deviceName: string;
  /** Makes the hub's user the desktop's signed-in agent, with the device code the hub assigned. */
  adoptUser: (user: HubUser, deviceCode: string) => void;
}

/** How long sign-in waits for the first sync, so the queue is there when the screen opens. */
const FIRST_SYNC_WAIT_MS = 20_000;

/**
 * Signing in to a hub and out again, around the background SyncEngine. With no hub configured
 * the desktop stays a standalone store and nothing here runs.
 */
export class SyncService {
  readonly engine: SyncEngine;

  constructor(private readonly options: SyncServiceOptions) {
    this.engine = new SyncEngine({ ...options, token: () => options.secrets.read(), onSignedOut: () => options.secrets.clear() });
  }

  /** A hub configured earlier: capture local edits and sync in the background. */
  resume(): void {
    if (!this.engine.hubUrl) return;
    this.options.capture.setEnabled(true);
    this.engine.start();
  }

  get configured(): boolean {
    return this.engine.hubUrl !== null;
  }

  status(): SyncStatus {
    return this.engine.status();
  }

  async signIn(input: { hubUrl: string; username: string; password: string }): Promise<SyncStatus> {
    const { repo } = this.options;
    const hubUrl = input.hubUrl.trim().replace(/\/+$/, '');
    const previous = this.engine.user;
    const sameHub = this.engine.hubUrl === hubUrl;
    const sameUser = sameHub && previous?.username === input.username.trim().toLowerCase();
    const pending = repo.pendingStats().pending;
    if (this.engine.hubUrl && !sameUser && pending > 0) {
      throw new CoreError(
        'conflict',
        `${pending} change(s) by ${previous?.name ?? 'the previous user'} have not reached the hub yet; sign in as ${previous?.username ?? 'them'} to send them first`,
      );
    }
    // The hub binds a client id to one user: a new user on this desktop is a new client.
    let clientId = sameUser ? (this.engine.clientId ?? uuidv4()) : uuidv4();
    let login: LoginResponse;
    try {
      login = await this.login(hubUrl, input, clientId);
    } catch (error) {
      if (!(error instanceof HubRequestError && error.status === 409)) throw this.explain(error, hubUrl);
      clientId = uuidv4();
      login = await this.login(hubUrl, input, clientId).catch((retry: unknown) => {
        throw this.explain(retry, hubUrl);
      });
    }

    const joining = !sameHub || previous?.id !== login.user.id;
    if (joining) this.joinHub(hubUrl);
    repo.setState(SYNC_KEYS.hubUrl, hubUrl);
    repo.setState(SYNC_KEYS.clientId, login.client.id);
    repo.setState(SYNC_KEYS.user, JSON.stringify(login.user));
    this.options.secrets.write(login.token);
    this.options.adoptUser(login.user, login.client.deviceCode);
    this.options.capture.setEnabled(true);
    this.engine.start();
    await Promise.race([this.engine.settled(), new Promise((resolve) => setTimeout(resolve, FIRST_SYNC_WAIT_MS).unref?.())]);
    return this.engine.status();
  }

  /** Ends the session on the hub (if reachable) and here; data and pending work stay on this desktop. */
  async signOut(): Promise<SyncStatus> {
    const hubUrl = this.engine.hubUrl;
    const token = this.options.secrets.read();
    this.options.secrets.clear();
    this.engine.stop(hubUrl ? 'signed_out' : 'standalone');
    if (hubUrl && token) {
      await this.options
        .transport(hubUrl)
        .post('/auth/logout', {}, token, () => null)
        .catch((error: unknown) => this.options.log('sign-out could not reach the hub; the session ends when it expires', error));
    }
    return this.engine.status();
  }

  syncNow(): SyncStatus {
    if (!this.configured) throw new CoreError('conflict', 'no hub is configured: sign in to a hub first');
    this.engine.kick();
    return this.engine.status();
  }

  dismissRejection(mutationId: string): SyncStatus {
    if (!this.options.repo.dismissRejection(mutationId, this.options.clock.now())) {
      throw new CoreError('not_found', `no open rejection ${mutationId}`);
    }
    this.engine.emit();
    return this.engine.status();
  }

  stop(): void {
    this.engine.stop();
  }

  private login(hubUrl: string, input: { username: string; password: string }, clientId: string): Promise<LoginResponse> {
    return this.options.transport(hubUrl).post(
      '/auth/login',
      {
        username: input.username,
        password: input.password,
        clientId,
        deviceName: this.options.deviceName,
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: this.options.schemaVersion,
      },
      null,
      (value) => LoginResponse.parse(value),
    );
  }

  /**
   * A standalone store (or another user's) becomes this hub's replica: the file is copied aside
   * first, then its synced rows and outbox are cleared so the hub's data takes their place.
   */
  private joinHub(hubUrl: string): void {
    const { repo } = this.options;
    if (repo.holdsData()) {
      const stamp = new Date(this.options.clock.now()).toISOString().replace(/[:.]/g, '-');
      const backup = join(this.options.dataDir, `carecall.before-hub-${stamp}.db`);
      repo.backupTo(backup);
      this.options.log(`joining ${hubUrl}: the previous data was copied to ${backup}`);
    }
    this.options.capture.paused(() => repo.clearForHub());
    repo.setState(SYNC_KEYS.cursor, null);
    repo.setState(SYNC_KEYS.needsReset, null);
    repo.setState(SYNC_KEYS.lastSyncedAt, null);
    repo.setState(SYNC_KEYS.team, null);
  }

  private explain(error: unknown, hubUrl: string): CoreError {
    if (!(error instanceof HubRequestError)) return new CoreError('internal', error instanceof Error ? error.message : String(error));
    if (error.status === 0) return new CoreError('conflict', `the hub at ${hubUrl} cannot be reached; check the address and the network`, { hubUrl: 'unreachable' });
    if (error.status === 401) return new CoreError('unauthorized', 'wrong username or password', { password: 'wrong username or password' });
    if (error.status === 426) return new CoreError('conflict', 'this CareCall is too old for the hub: install the update first');
    if (error.status === 429) return new CoreError('conflict', 'too many sign-in attempts; wait a minute and try again');
    return new CoreError('conflict', error.message);
  }
}
