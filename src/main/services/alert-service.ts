import type { ApiInput, ApiOutput } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import type { Db } from '../db/connection';
import { AlertRepository } from '../db/repositories/alert-repository';
import type { MutationRunner } from './mutations';

/** The alert centre: what the SLA watcher fired, read and unread. */
export class AlertService {
  readonly repository: AlertRepository;

  constructor(
    db: Db,
    private readonly mutations: MutationRunner,
    private readonly atRisk: () => number,
  ) {
    this.repository = new AlertRepository(db);
  }

  list(input: ApiInput<'alerts.list'>): ApiOutput<'alerts.list'> {
    return { ...this.repository.list(input.offset, input.limit), atRisk: this.atRisk() };
  }

  markRead(input: ApiInput<'alerts.markRead'>): ApiOutput<'alerts.markRead'> {
    if (!input.all && (!input.alertIds || input.alertIds.length === 0)) throw new CoreError('invalid_input', 'give alertIds or all: true', { alertIds: 'nothing to mark' });
    const unknown = (input.alertIds ?? []).filter((id) => !this.repository.exists(id));
    if (unknown.length > 0) throw new CoreError('not_found', `no alert ${unknown.join(', ')}`, { alertIds: 'unknown alert' });
    this.mutations.run('alerts.markRead', input, ['alerts'], (now) => this.repository.markRead(input.all ? 'all' : (input.alertIds ?? []), now));
    return { unread: this.repository.unread() };
  }
}
