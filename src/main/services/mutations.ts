import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connection';
import { OutboxRepository } from '../db/repositories/outbox-repository';
import type { Clock } from '../clock';
import type { ChangeCapture } from '../db/change-capture';

export type ChangedEntity = 'tasks' | 'calls' | 'notes' | 'customers' | 'settings' | 'tickets' | 'alerts' | 'messages' | 'imports';

/**
 * Every user edit goes through here: the rows and the outbox entry are written in one SQLite
 * transaction, so the UI is only told "saved" once both are on disk, and sync later pushes
 * exactly what was committed.
 */
export class MutationRunner {
  private readonly outbox: OutboxRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly onChanged: (entities: ChangedEntity[]) => void,
    /** Notes the synced rows each mutation changed, while a hub is configured. */
    private readonly capture: ChangeCapture | null = null,
  ) {
    this.outbox = new OutboxRepository(db);
  }

  run<T>(name: string, args: unknown, changes: ChangedEntity[], apply: (now: number) => T): T {
    const now = this.clock.now();
    const run = this.db.transaction(() => {
      // Only this mutation's statements count, whatever else wrote to the store before it.
      this.capture?.discard();
      const value = apply(now);
      this.outbox.append(uuidv7(), name, args, now, this.capture?.collect() ?? null);
      return value;
    });
    let result: T;
    try {
      result = run();
    } catch (error) {
      this.capture?.discard();
      throw error;
    }
    this.onChanged(changes);
    return result;
  }
}
