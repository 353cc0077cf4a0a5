import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { PROTOCOL_VERSION, type RowChange } from '../../src/shared/sync/protocol';
import type { RowData } from '../../src/shared/sync/synced-tables';

/** The hub's answer to a login, as tests use it. */
export interface Session {
  token: string;
  clientId: string;
  userId: string;
}

export const SCHEMA_VERSION = 4;

export async function login(hubUrl: string, username: string, password: string, clientId: string = uuidv4()): Promise<Session> {
  const response = await fetch(`${hubUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, clientId, deviceName: 'test', protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; user: { id: string }; client: { id: string } };
  return { token: body.token, clientId: body.client.id, userId: body.user.id };
}

/** POSTs to the hub as a session; returns status and parsed body. */
export async function hubPost(hubUrl: string, path: string, session: Session | null, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hubUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export interface SeedCustomer {
  customer: RowData;
  purchase: RowData;
  task: RowData;
}

/** A customer with one delivery and an open callback task assigned to `agentId`. */
export function seedCustomer(agentId: string | null, index: number, now: number): SeedCustomer {
  const customerId = uuidv7();
  const purchaseId = uuidv7();
  const phone = `1380000${String(index).padStart(4, '0')}`;
  return {
    customer: {
      id: customerId, customer_no: `C${index}`, name: `客户${index}`, gender: 'unknown', phone, phone_tail: phone.slice(-4),
      tier: 'regular', tags: '[]', contact_window_start: null, contact_window_end: null, time_zone: 'Asia/Shanghai', city: '上海',
      created_at: now, updated_at: now,
    },
    purchase: {
      id: purchaseId, customer_id: customerId, product_line: 'washer', model: 'W1', serial_no: `SN${index}`, purchase_date: '2026-11-01',
      delivery_date: '2026-11-10', warranty_end: '2028-11-10', created_at: now,
    },
    task: {
      id: uuidv7(), customer_id: customerId, purchase_id: purchaseId, type: 'routine_early', status: 'pending', is_open: 1, priority: 3,
      due_start: now - 3600_000, due_end: now + 86_400_000, attempts: 0, assigned_agent_id: agentId, last_disposition: null,
      created_at: now, updated_at: now, ticket_id: null, purpose_key: `routine_early:${purchaseId}`,
    },
  };
}

export function insertChanges(seeds: readonly SeedCustomer[]): RowChange[] {
  return seeds.flatMap((seed) => [
    { t: 'customers', id: String(seed.customer.id), op: 'ins' as const, f: seed.customer },
    { t: 'purchases', id: String(seed.purchase.id), op: 'ins' as const, f: seed.purchase },
    { t: 'callback_tasks', id: String(seed.task.id), op: 'ins' as const, f: seed.task },
  ]);
}

/** Pushes mutations as one session, numbering them after `afterSeq`. */
export async function pushAs(hubUrl: string, session: Session, afterSeq: number, mutations: { name: string; changes: RowChange[]; args?: unknown }[]) {
  return hubPost(hubUrl, '/sync/push', session, {
    clientId: session.clientId,
    protocolVersion: PROTOCOL_VERSION,
    schemaVersion: SCHEMA_VERSION,
    mutations: mutations.map((mutation, index) => ({
      seq: afterSeq + index + 1,
      id: uuidv7(),
      name: mutation.name,
      args: mutation.args ?? {},
      changes: mutation.changes,
      createdAt: Date.now(),
    })),
  });
}

/** Pulls until the hub has nothing more; returns every row delivered and the final cursor. */
export async function pullAll(hubUrl: string, session: Session, cursor: string | null = null) {
  const rows: { t: string; id: string; data: RowData | null }[] = [];
  let resets = 0;
  for (;;) {
    const { status, body } = await hubPost(hubUrl, '/sync/pull', session, {
      clientId: session.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, cursor, pendingFromSeq: null,
    });
    if (status !== 200) throw new Error(`pull: ${status} ${JSON.stringify(body)}`);
    if (body.reset) resets += 1;
    rows.push(...body.rows);
    cursor = body.cursor;
    if (!body.more) return { rows, cursor: cursor as string, resets, last: body };
  }
}
