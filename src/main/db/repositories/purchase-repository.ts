import type { Purchase } from '../../../shared/domain/model';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

interface PurchaseRow {
  id: string;
  customer_id: string;
  product_line: string;
  model: string;
  serial_no: string;
  purchase_date: string;
  delivery_date: string | null;
  warranty_end: string | null;
}

const toPurchase = (row: PurchaseRow): Purchase => ({
  id: row.id,
  customerId: row.customer_id,
  productLine: row.product_line,
  model: row.model,
  serialNo: row.serial_no,
  purchaseDate: row.purchase_date,
  deliveryDate: row.delivery_date,
  warrantyEnd: row.warranty_end,
});

export class PurchaseRepository {
  constructor(private readonly db: Db) {}

  insert(purchase: Purchase, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO purchases (id, customer_id, product_line, model, serial_no, purchase_date, delivery_date, warranty_end, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        purchase.id,
        purchase.customerId,
        purchase.productLine,
        purchase.model,
        purchase.serialNo,
        purchase.purchaseDate,
        purchase.deliveryDate,
        purchase.warrantyEnd,
        now,
      );
  }

  /** The digest of the purchase's order/invoice number (never the number), or null when none is on file. */
  proofDigest(id: string): string | null {
    return (cached(this.db).prepare('SELECT proof_digest FROM purchases WHERE id = ?', 'pluck').get(id) as string | null | undefined) ?? null;
  }

  setProofDigest(id: string, digest: string | null): void {
    cached(this.db).prepare('UPDATE purchases SET proof_digest = ? WHERE id = ?').run(digest, id);
  }

  get(id: string): Purchase | null {
    const row = cached(this.db).prepare('SELECT * FROM purchases WHERE id = ?').get(id) as PurchaseRow | undefined;
    return row ? toPurchase(row) : null;
  }

  listByCustomer(customerId: string): Purchase[] {
    const rows = cached(this.db)
      .prepare('SELECT * FROM purchases WHERE customer_id = ? ORDER BY purchase_date DESC, id')
      .all(customerId) as PurchaseRow[];
    return rows.map(toPurchase);
  }

  count(): number {
    return (cached(this.db).prepare('SELECT count(*) AS n FROM purchases').get() as { n: number }).n;
  }
}
