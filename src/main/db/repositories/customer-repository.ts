import type { CustomerRecord, CustomerTier, CustomerView, Gender } from '../../../shared/domain/model';
import { maskPhone, phoneTail } from '../../../shared/domain/phone';
import type { Db } from '../connection';
import { cached } from '../statement-cache';


interface CustomerRow {
  id: string;
  customer_no: string;
  name: string;
  gender: Gender;
  phone: string;
  tier: CustomerTier;
  tags: string;
  contact_window_start: number | null;
  contact_window_end: number | null;
  time_zone: string;
  city: string;
}

export function toCustomerView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    customerNo: row.customer_no,
    name: row.name,
    gender: row.gender,
    phoneMasked: maskPhone(row.phone),
    tier: row.tier,
    tags: JSON.parse(row.tags) as string[],
    contactWindow:
      row.contact_window_start !== null && row.contact_window_end !== null
        ? { start: row.contact_window_start, end: row.contact_window_end }
        : null,
    timeZone: row.time_zone,
    city: row.city,
  };
}

export class CustomerRepository {
  constructor(private readonly db: Db) {}

  insert(customer: CustomerRecord, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO customers (id, customer_no, name, gender, phone, phone_tail, tier, tags,
           contact_window_start, contact_window_end, time_zone, city, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        customer.id,
        customer.customerNo,
        customer.name,
        customer.gender,
        customer.phone,
        phoneTail(customer.phone),
        customer.tier,
        JSON.stringify(customer.tags),
        customer.contactWindow?.start ?? null,
        customer.contactWindow?.end ?? null,
        customer.timeZone,
        customer.city,
        now,
        now,
      );
  }

  getView(id: string): CustomerView | null {
    const row = cached(this.db).prepare('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
    return row ? toCustomerView(row) : null;
  }

  /**
   * Customers by part of the name, or by the last digits of the phone (up to 4 digits: the
   * indexed tail; more: the end of the whole number), with their latest product.
   */
  search(query: string, limit: number): { customerId: string; customerName: string; phoneMasked: string; tier: CustomerTier; product: string | null }[] {
    const digits = /^\d{1,11}$/.test(query);
    const where = digits ? (query.length <= 4 ? "c.phone_tail LIKE ? ESCAPE '\\'" : "c.phone LIKE ? ESCAPE '\\'") : "c.name LIKE ? ESCAPE '\\'";
    const pattern = digits ? `%${query}` : `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const rows = cached(this.db)
      .prepare(
        `SELECT c.*, (SELECT trim(p.product_line || ' ' || p.model) FROM purchases p WHERE p.customer_id = c.id ORDER BY p.purchase_date DESC LIMIT 1) AS product
           FROM customers c WHERE ${where} ORDER BY c.name, c.id LIMIT ?`,
      )
      .all(pattern, limit) as (CustomerRow & { product: string | null })[];
    return rows.map((row) => {
      const view = toCustomerView(row);
      return { customerId: view.id, customerName: view.name, phoneMasked: view.phoneMasked, tier: view.tier, product: row.product };
    });
  }

  /** The whole number, for the dialer only. */
  getPhone(id: string): string | null {
    const row = cached(this.db).prepare('SELECT phone FROM customers WHERE id = ?').get(id) as { phone: string } | undefined;
    return row?.phone ?? null;
  }

  count(): number {
    return (cached(this.db).prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  }
}
