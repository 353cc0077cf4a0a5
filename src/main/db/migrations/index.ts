import type { Db } from '../connection';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-tickets-and-alerts';
import * as m0003 from './0003-planning-and-import';
import * as m0004 from './0004-sync';
import * as m0005 from './0005-working-calendars';
import * as m0006 from './0006-ticket-rules';
import * as m0007 from './0007-appointment-sms-and-purchase-proof';
import * as m0008 from './0008-customer-remarks';
import * as m0009 from './0009-held-tickets-by-call';

export interface Migration {
  version: number;
  name: string;
  up: (db: Db) => void;
}

/** Append-only: never edit or reorder a migration that has shipped; add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m0001.up },
  { version: 2, name: 'tickets-and-alerts', up: m0002.up },
  { version: 3, name: 'planning-and-import', up: m0003.up },
  { version: 4, name: 'sync', up: m0004.up },
  { version: 5, name: 'working-calendars', up: m0005.up },
  { version: 6, name: 'ticket-rules', up: m0006.up },
  { version: 7, name: 'appointment-sms-and-purchase-proof', up: m0007.up },
  { version: 8, name: 'customer-remarks', up: m0008.up },
  { version: 9, name: 'held-tickets-by-call', up: m0009.up },
];
