/**
 * The clean records of the three kinds of list, as the row cleaner gives them and the dry run
 * takes them. "Not in the file" is null throughout.
 *
 * Public API:
 *   CleanCustomer, CleanPurchase (with PurchaseCustomerFields), CleanServiceRecord, AnyRecord, Sourced<T>
 *   customerKeyOf(record): string | null     'no:C001' or 'phone:13812345678', the merge and match key
 */
import type { CustomerTier, Gender } from '../domain/model';
import type { ClosingRating } from '../tickets/ticket-model';
import type { ServiceKind } from './clean-values';

export interface CleanCustomer {
  customerNo: string | null;
  name: string;
  phone: string;
  phoneExtension: string | null;
  gender: Gender | null;
  tier: CustomerTier | null;
  city: string | null;
  /** 'any': the file says the customer has no preferred time (全天, 随时). */
  contactWindow: { start: number; end: number } | 'any' | null;
  tags: string[] | null;
  /** The export's remarks on the customer (备注). */
  remarks: string | null;
}

/** The customer's columns a purchase row may carry besides the key (a CRM export repeats them per purchase). */
export interface PurchaseCustomerFields {
  name: string | null;
  city: string | null;
  gender: Gender | null;
  tier: CustomerTier | null;
  contactWindow: CleanCustomer['contactWindow'];
  tags: string[] | null;
  remarks: string | null;
}

export interface CleanPurchase extends PurchaseCustomerFields {
  customerNo: string | null;
  phone: string | null;
  productLine: string | null;
  model: string;
  serialNo: string;
  purchaseDate: string;
  deliveryDate: string | null;
  warrantyEnd: string | null;
  /** The order or invoice number as read: never stored, the import keeps only its digest. */
  proofNo: string | null;
}

export interface CleanServiceRecord {
  recordNo: string | null;
  customerNo: string | null;
  phone: string | null;
  serialNo: string | null;
  kind: ServiceKind;
  /** Local date of closing in the centre's zone. */
  closedOn: string;
  /** The instant of closing when the file gives a time, else null. */
  closedAt: number | null;
  satisfactionScore: number | null;
  rating: ClosingRating | null;
  summary: string | null;
}

export interface Sourced<T> {
  /** Spreadsheet rows this record came from, first row first (several when rows were merged). */
  rows: number[];
  record: T;
}

export type AnyRecord = CleanCustomer | CleanPurchase | CleanServiceRecord;

export function customerKeyOf(record: { customerNo: string | null; phone: string | null }): string | null {
  if (record.customerNo) return `no:${record.customerNo}`;
  if (record.phone) return `phone:${record.phone}`;
  return null;
}
