import type { Db } from '../connection';

/**
 * The remarks (备注) of a CRM export on a customer: imported from customer and delivery lists
 * instead of dropped. Nullable: customers written before have none, and a hub row written by an
 * older desktop arrives without the column.
 */
export function up(db: Db): void {
  db.exec('ALTER TABLE customers ADD COLUMN remarks TEXT');
}
