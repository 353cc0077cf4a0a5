import type { AgentRole, CustomerTier } from '../../../shared/domain/model';
import type { CustomerHistory, PlanClosedIssue, PlanCustomer, PlanPurchase } from '../../../shared/planning/planner';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

/** A record's closing instant; a file with only the date counts as midnight UTC of that date. */
const CLOSED_AT = "coalesce(s.closed_at, CAST((julianday(s.closed_on) - 2440587.5) * 86400000 AS INTEGER))";

/** What the callback planner reads from the store, in the shapes it takes. */
export class PlanningRepository {
  constructor(private readonly db: Db) {}

  /** All customers, or just one (a ticket's follow-up is planned for its customer alone). */
  customers(onlyId?: string): PlanCustomer[] {
    const sql = `SELECT id, tier, time_zone, tags, city FROM customers${onlyId ? ' WHERE id = ?' : ''}`;
    const rows = (onlyId ? cached(this.db).prepare(sql).all(onlyId) : cached(this.db).prepare(sql).all()) as {
      id: string; tier: CustomerTier; time_zone: string; tags: string; city: string;
    }[];
    return rows.map((r) => ({ id: r.id, tier: r.tier, timeZone: r.time_zone, tags: JSON.parse(r.tags) as string[], city: r.city }));
  }

  purchases(customerId?: string): PlanPurchase[] {
    const sql = `SELECT id, customer_id, product_line, model, purchase_date, delivery_date FROM purchases${customerId ? ' WHERE customer_id = ?' : ''}`;
    const rows = (customerId ? cached(this.db).prepare(sql).all(customerId) : cached(this.db).prepare(sql).all()) as {
      id: string; customer_id: string; product_line: string; model: string; purchase_date: string; delivery_date: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, customerId: r.customer_id, productLine: r.product_line, model: r.model, purchaseDate: r.purchase_date, deliveryDate: r.delivery_date }));
  }

  /** The latest repair (a closed repair issue), the latest satisfaction score and whether a complaint was ever closed, per customer. */
  history(): CustomerHistory[] {
    const rows = cached(this.db)
      .prepare(
        `SELECT c.id AS customer_id,
                max(coalesce((SELECT max(t.closed_at) FROM tickets t WHERE t.customer_id = c.id AND t.scenario = 'fault_repair' AND t.closed_at IS NOT NULL), 0),
                    coalesce((SELECT max(${CLOSED_AT}) FROM service_records s WHERE s.customer_id = c.id AND s.kind = 'repair'), 0)) AS last_repair_at,
                coalesce((SELECT k.satisfaction FROM calls k WHERE k.customer_id = c.id AND k.satisfaction IS NOT NULL ORDER BY k.started_at DESC LIMIT 1),
                         (SELECT s.satisfaction_score FROM service_records s WHERE s.customer_id = c.id AND s.satisfaction_score IS NOT NULL ORDER BY s.closed_on DESC LIMIT 1)) AS last_satisfaction,
                (EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.kind = 'complaint' AND t.closed_at IS NOT NULL)
                 OR EXISTS (SELECT 1 FROM service_records s WHERE s.customer_id = c.id AND s.kind = 'complaint')) AS past_complaint
           FROM customers c
          -- Only customers with some history: after a 100k-row import most have none, and probing each cost planning its time.
          WHERE c.id IN (SELECT customer_id FROM tickets UNION SELECT customer_id FROM service_records UNION SELECT customer_id FROM calls)`,
      )
      .all() as { customer_id: string; last_repair_at: number | null; last_satisfaction: number | null; past_complaint: number }[];
    return rows
      .filter((r) => (r.last_repair_at ?? 0) > 0 || r.last_satisfaction !== null || r.past_complaint === 1)
      .map((r) => ({ customerId: r.customer_id, lastRepairAt: r.last_repair_at || null, lastSatisfaction: r.last_satisfaction, pastComplaint: r.past_complaint === 1 }));
  }

  /**
   * Repairs and complaints from imported service records, as closed issues for the planner. Their
   * keys start `svc:` so the follow-up is planned once per record; they are not tickets here.
   */
  serviceRecordsAsClosedIssues(): PlanClosedIssue[] {
    const rows = cached(this.db)
      .prepare(`SELECT id, customer_id, kind, ${CLOSED_AT} AS closed_at FROM service_records s WHERE s.kind IN ('repair', 'complaint')`)
      .all() as { id: string; customer_id: string; kind: 'repair' | 'complaint'; closed_at: number }[];
    return rows.map((r) => ({
      ticketId: `svc:${r.id}`,
      customerId: r.customer_id,
      closedAt: r.closed_at,
      kind: r.kind === 'complaint' ? 'complaint' : 'service_request',
      scenario: r.kind === 'repair' ? 'fault_repair' : 'service_complaint',
    }));
  }

  allPurposeKeys(): Set<string> {
    return new Set((cached(this.db).prepare('SELECT purpose_key FROM callback_tasks WHERE purpose_key IS NOT NULL', 'pluck').all() as string[]));
  }

  /** Asks the store key by key: for one customer's planning, cheaper than reading every key. */
  purposeKeyLookup(): { has(purposeKey: string): boolean } {
    const statement = cached(this.db).prepare('SELECT 1 FROM callback_tasks WHERE purpose_key = ?');
    return { has: (key) => statement.get(key) !== undefined };
  }

  openPurposeKeys(customerId?: string): string[] {
    const sql = `SELECT purpose_key FROM callback_tasks WHERE purpose_key IS NOT NULL AND is_open = 1${customerId ? ' AND customer_id = ?' : ''}`;
    return (customerId ? cached(this.db).prepare(sql, 'pluck').all(customerId) : cached(this.db).prepare(sql, 'pluck').all()) as string[];
  }

  agents(): { id: string; role: AgentRole; skills: string[] | null; openTasks: number }[] {
    const rows = cached(this.db)
      .prepare(
        `SELECT a.id, a.role, a.skills, (SELECT count(*) FROM callback_tasks t WHERE t.assigned_agent_id = a.id AND t.is_open = 1) AS open_tasks
           FROM agents a ORDER BY a.id`,
      )
      .all() as { id: string; role: AgentRole; skills: string | null; open_tasks: number }[];
    return rows.map((r) => ({ id: r.id, role: r.role, skills: r.skills ? (JSON.parse(r.skills) as string[]) : null, openTasks: r.open_tasks }));
  }
}
