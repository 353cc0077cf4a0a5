import type { CustomerRecord, Purchase } from '../../../shared/domain/model';
import { phoneTail } from '../../../shared/domain/phone';
import type { ColumnMapping } from '../../../shared/import/column-mapping';
import type { ImportLookup, StoredCustomer } from '../../../shared/import/dry-run';
import type { FieldChange } from '../../../shared/import/dry-run';
import type { CleanServiceRecord } from '../../../shared/import/clean-records';
import type { ServiceKind } from '../../../shared/import/clean-values';
import type { ClosingRating } from '../../../shared/tickets/ticket-model';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

/** Customer columns an import may change, and how a value is stored. */
const CUSTOMER_COLUMNS: Record<string, (v: unknown) => [string, unknown][]> = {
  name: (v) => [['name', v]],
  phone: (v) => [['phone', v], ['phone_tail', phoneTail(String(v))]],
  gender: (v) => [['gender', v]],
  tier: (v) => [['tier', v]],
  city: (v) => [['city', v]],
  remarks: (v) => [['remarks', v]],
  tags: (v) => [['tags', JSON.stringify(v)]],
  contactWindow: (v) => {
    const w = v as { start: number; end: number } | null;
    return [['contact_window_start', w?.start ?? null], ['contact_window_end', w?.end ?? null]];
  },
};
const PURCHASE_COLUMNS: Record<string, string> = {
  productLine: 'product_line',
  model: 'model',
  purchaseDate: 'purchase_date',
  deliveryDate: 'delivery_date',
  warrantyEnd: 'warranty_end',
};

const SERVICE_COLUMNS: Record<string, string> = {
  kind: 'kind',
  closedOn: 'closed_on',
  closedAt: 'closed_at',
  serialNo: 'serial_no',
  satisfactionScore: 'satisfaction_score',
  rating: 'rating',
  summary: 'summary',
};

interface ServiceRow {
  id: string; customer_id: string; record_no: string | null; serial_no: string | null; kind: ServiceKind; closed_on: string; closed_at: number | null;
  satisfaction_score: number | null; rating: ClosingRating | null; summary: string | null;
}

interface CustomerRow {
  id: string; customer_no: string; name: string; gender: CustomerRecord['gender']; phone: string; tier: CustomerRecord['tier'];
  tags: string; contact_window_start: number | null; contact_window_end: number | null; time_zone: string; city: string; remarks: string | null;
}
const toCustomer = (r: CustomerRow): StoredCustomer => ({
  id: r.id, customerNo: r.customer_no, name: r.name, gender: r.gender, phone: r.phone, tier: r.tier, tags: JSON.parse(r.tags) as string[],
  contactWindow: r.contact_window_start !== null && r.contact_window_end !== null ? { start: r.contact_window_start, end: r.contact_window_end } : null,
  timeZone: r.time_zone, city: r.city, remarks: r.remarks,
});

/** The store as the import's dry run sees it, the updates it applies, and the memory of mappings and runs. */
export class ImportRepository {
  constructor(private readonly db: Db) {}

  lookup(): ImportLookup {
    const byNo = cached(this.db).prepare('SELECT * FROM customers WHERE customer_no = ? LIMIT 1');
    const byPhone = cached(this.db).prepare('SELECT * FROM customers WHERE phone = ?');
    const bySerial = cached(this.db).prepare('SELECT * FROM purchases WHERE serial_no = ? LIMIT 1');
    const byImportKey = cached(this.db).prepare('SELECT * FROM service_records WHERE import_key = ?');
    return {
      customerByNo: (no) => {
        const row = byNo.get(no) as CustomerRow | undefined;
        return row ? toCustomer(row) : null;
      },
      customersByPhone: (phone) => (byPhone.all(phone) as CustomerRow[]).map(toCustomer),
      purchaseBySerial: (serial) => {
        const r = bySerial.get(serial) as
          | { id: string; customer_id: string; product_line: string; model: string; serial_no: string; purchase_date: string; delivery_date: string | null; warranty_end: string | null }
          | undefined;
        return r
          ? { id: r.id, customerId: r.customer_id, productLine: r.product_line, model: r.model, serialNo: r.serial_no, purchaseDate: r.purchase_date, deliveryDate: r.delivery_date, warrantyEnd: r.warranty_end }
          : null;
      },
      serviceRecordByKey: (key) => {
        const r = byImportKey.get(key) as ServiceRow | undefined;
        return r
          ? {
              id: r.id, customerId: r.customer_id, recordNo: r.record_no, serialNo: r.serial_no, kind: r.kind, closedOn: r.closed_on, closedAt: r.closed_at,
              satisfactionScore: r.satisfaction_score, rating: r.rating, summary: r.summary,
            }
          : null;
      },
    };
  }

  updateCustomer(id: string, changes: readonly FieldChange[], now: number): void {
    this.update('customers', id, changes.flatMap((c) => {
      const columns = CUSTOMER_COLUMNS[c.field];
      if (!columns) throw new Error(`an import cannot change a customer's ${c.field}`);
      return columns(c.to);
    }), now);
  }

  updatePurchase(id: string, changes: readonly FieldChange[]): void {
    this.update('purchases', id, changes.map((c) => {
      const column = PURCHASE_COLUMNS[c.field];
      if (!column) throw new Error(`an import cannot change a purchase's ${c.field}`);
      return [column, c.to] as [string, unknown];
    }), null);
  }

  insertServiceRecord(id: string, key: string, customerId: string, r: CleanServiceRecord, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO service_records (id, customer_id, import_key, record_no, serial_no, kind, closed_on, closed_at, satisfaction_score, rating, summary, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, customerId, key, r.recordNo, r.serialNo, r.kind, r.closedOn, r.closedAt, r.satisfactionScore, r.rating, r.summary, now, now);
  }

  updateServiceRecord(id: string, changes: readonly FieldChange[], now: number): void {
    this.update('service_records', id, changes.map((c) => {
      const column = SERVICE_COLUMNS[c.field];
      if (!column) throw new Error(`an import cannot change a service record's ${c.field}`);
      return [column, c.to] as [string, unknown];
    }), now);
  }

  /** The next free generated customer number (IMP000001...), for customers a file gives none. */
  nextGeneratedCustomerNo(): number {
    const row = cached(this.db).prepare("SELECT max(CAST(substr(customer_no, 4) AS INTEGER)) AS n FROM customers WHERE customer_no GLOB 'IMP[0-9]*'").get() as { n: number | null };
    return (row.n ?? 0) + 1;
  }

  rememberedMapping(source: string): ColumnMapping | null {
    const row = cached(this.db).prepare('SELECT mapping FROM import_mappings WHERE source = ?').get(source) as { mapping: string } | undefined;
    return row ? (JSON.parse(row.mapping) as ColumnMapping) : null;
  }

  rememberMapping(source: string, mapping: ColumnMapping, now: number): void {
    cached(this.db)
      .prepare('INSERT INTO import_mappings (source, kind, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, updated_at = excluded.updated_at')
      .run(source, mapping.kind, JSON.stringify(mapping), now);
  }

  recordRun(run: { id: string; fileName: string; source: string; kind: string; sha256: string; rows: number; created: number; updated: number; skipped: number; failed: number; tasksPlanned: number }, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO import_runs (id, file_name, source, kind, file_sha256, rows, created, updated, skipped, failed, tasks_planned, applied_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(run.id, run.fileName, run.source, run.kind, run.sha256, run.rows, run.created, run.updated, run.skipped, run.failed, run.tasksPlanned, now);
  }

  private update(table: 'customers' | 'purchases' | 'service_records', id: string, sets: [string, unknown][], now: number | null): void {
    if (sets.length === 0) return;
    const all = now === null ? sets : [...sets, ['updated_at', now] as [string, unknown]];
    cached(this.db).prepare(`UPDATE ${table} SET ${all.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...all.map(([, v]) => v), id);
  }
}

export type { CustomerRecord, Purchase };
