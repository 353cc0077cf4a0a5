import type { Purchase } from '../../../src/shared/domain/model';
import { phoneKey } from '../../../src/shared/import/clean-phone';
import { serviceRecordKey, type CustomerRef, type ExistingServiceRecord, type ImportLookup, type ImportPlan, type StoredCustomer } from '../../../src/shared/import/dry-run';

/**
 * A small real store for dry-run tests: it answers the lookups and applies a plan the way the
 * desktop's SQLite apply must (customers first, then what refers to them), so "the second import
 * changes nothing" can be checked end to end without the database.
 */
export class MemoryStore implements ImportLookup {
  readonly customers = new Map<string, StoredCustomer>();
  readonly purchases = new Map<string, Purchase>();
  readonly services = new Map<string, ExistingServiceRecord & { key: string }>();
  private nextId = 1;

  private id(): string {
    return `00000000-0000-7000-8000-${String(this.nextId++).padStart(12, '0')}`;
  }

  addCustomer(partial: Partial<StoredCustomer> & { customerNo: string; phone: string }): StoredCustomer {
    const customer: StoredCustomer = {
      id: this.id(),
      name: '客户',
      gender: 'unknown',
      tier: 'regular',
      tags: [],
      contactWindow: null,
      timeZone: 'Asia/Shanghai',
      city: '',
      remarks: null,
      ...partial,
    };
    this.customers.set(customer.id, customer);
    this.indexes = null;
    return customer;
  }

  addPurchase(partial: Omit<Purchase, 'id'>): Purchase {
    const purchase = { id: this.id(), ...partial };
    this.purchases.set(purchase.id, purchase);
    this.indexes = null;
    return purchase;
  }

  // Indexes rebuilt on demand, so lookups stay fast for 100k-row files.
  private indexes: {
    byNo: Map<string, StoredCustomer>;
    byPhone: Map<string, StoredCustomer[]>;
    bySerial: Map<string, Purchase>;
    byKey: Map<string, ExistingServiceRecord>;
  } | null = null;

  private index() {
    if (this.indexes) return this.indexes;
    const byNo = new Map<string, StoredCustomer>();
    const byPhone = new Map<string, StoredCustomer[]>();
    for (const customer of this.customers.values()) {
      byNo.set(customer.customerNo, customer);
      const key = phoneKey(customer.phone) ?? customer.phone;
      byPhone.set(key, [...(byPhone.get(key) ?? []), customer]);
    }
    const bySerial = new Map([...this.purchases.values()].map((p) => [p.serialNo, p] as const));
    const byKey = new Map([...this.services.values()].map((s) => [s.key, s] as const));
    this.indexes = { byNo, byPhone, bySerial, byKey };
    return this.indexes;
  }

  customerByNo(customerNo: string): StoredCustomer | null {
    return this.index().byNo.get(customerNo) ?? null;
  }

  customersByPhone(phone: string): StoredCustomer[] {
    return this.index().byPhone.get(phone) ?? [];
  }

  purchaseBySerial(serialNo: string): Purchase | null {
    return this.index().bySerial.get(serialNo) ?? null;
  }

  serviceRecordByKey(key: string): ExistingServiceRecord | null {
    return this.index().byKey.get(key) ?? null;
  }

  apply(plan: ImportPlan): void {
    this.indexes = null;
    const created = new Map<string, string>();
    const resolve = (ref: CustomerRef) => ('existingId' in ref ? ref.existingId : (created.get(ref.newCustomerKey) ?? ''));
    const all: (ImportPlan['create'][number] & { existingId?: string })[] = [...plan.create, ...plan.update];
    for (const item of all) {
      if (item.entity !== 'customer') continue;
      const r = item.record;
      const values = {
        name: r.name,
        phone: r.phone,
        ...(r.gender ? { gender: r.gender } : {}),
        ...(r.tier ? { tier: r.tier } : {}),
        ...(r.city ? { city: r.city } : {}),
        ...(r.contactWindow ? { contactWindow: r.contactWindow === 'any' ? null : r.contactWindow } : {}),
        ...(r.remarks ? { remarks: r.remarks } : {}),
      };
      if (item.existingId) {
        const current = this.customers.get(item.existingId);
        if (!current) throw new Error('update of a missing customer');
        this.customers.set(current.id, { ...current, ...values, tags: [...new Set([...current.tags, ...(r.tags ?? [])])] });
      } else {
        const customer = this.addCustomer({ customerNo: r.customerNo ?? `GEN${this.nextId}`, ...values, tags: r.tags ?? [] });
        created.set(item.key, customer.id);
      }
    }
    for (const item of all) {
      if (item.entity === 'purchase') {
        const r = item.record;
        const values = {
          customerId: resolve(item.customer),
          model: r.model,
          serialNo: r.serialNo,
          purchaseDate: r.purchaseDate,
          ...(r.productLine ? { productLine: r.productLine } : {}),
          ...(r.deliveryDate ? { deliveryDate: r.deliveryDate } : {}),
          ...(r.warrantyEnd ? { warrantyEnd: r.warrantyEnd } : {}),
        };
        if (item.existingId) {
          const current = this.purchases.get(item.existingId);
          if (!current) throw new Error('update of a missing purchase');
          this.purchases.set(current.id, { ...current, ...values });
        } else {
          this.addPurchase({ productLine: '', deliveryDate: null, warrantyEnd: null, ...values });
        }
      } else if (item.entity === 'service_record') {
        const r = item.record;
        const customerId = resolve(item.customer);
        const key = serviceRecordKey(r, customerId);
        const existing = item.existingId ? this.services.get(item.existingId) : undefined;
        const merged = {
          id: existing?.id ?? this.id(),
          key,
          customerId,
          recordNo: r.recordNo ?? existing?.recordNo ?? null,
          serialNo: r.serialNo ?? existing?.serialNo ?? null,
          kind: r.kind,
          closedOn: r.closedOn,
          closedAt: r.closedAt ?? existing?.closedAt ?? null,
          satisfactionScore: r.satisfactionScore ?? existing?.satisfactionScore ?? null,
          rating: r.rating ?? existing?.rating ?? null,
          summary: r.summary ?? existing?.summary ?? null,
        };
        this.services.set(merged.id, merged);
      }
    }
  }
}
