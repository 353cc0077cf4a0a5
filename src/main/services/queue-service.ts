import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { QueueFilter, QueueGroup } from '../../shared/api/contract';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { TaskRepository, type QueueClock } from '../db/repositories/task-repository';
import type { WorkspaceService } from './workspace-service';

/** The agent's queue: their open callbacks grouped overdue / today / upcoming in their own day. */
export class QueueService {
  private readonly tasks: TaskRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly workspace: WorkspaceService,
    private readonly timeZone: string,
  ) {
    this.tasks = new TaskRepository(db);
  }

  list(input: { filter: QueueFilter; group?: QueueGroup; offset: number; limit: number }) {
    const agent = this.workspace.requireAgent();
    return { rows: this.tasks.queuePage(agent.id, input.filter, input.group, this.queueClock(), input.offset, input.limit) };
  }

  counts(input: { filter: QueueFilter }) {
    const agent = this.workspace.requireAgent();
    return this.tasks.queueCounts(agent.id, input.filter, this.queueClock());
  }

  private queueClock(): QueueClock {
    const now = this.clock.now();
    return { now, endOfToday: addDays(startOfDay(new TZDate(now, this.timeZone)), 1).getTime() };
  }
}
