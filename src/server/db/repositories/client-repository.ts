import type { Queryable } from '../queryable';

/** A desktop installation, identified by the client id it made for itself. */
export interface ClientRecord {
  id: string;
  userId: string;
  deviceCode: string;
  deviceName: string;
}

export interface ClientLogin {
  id: string;
  userId: string;
  deviceName: string;
  protocolVersion: number;
  schemaVersion: number;
  now: number;
}

/** Locks the row until the transaction ends, so two logins with one client id take turns. */
export async function findClientForUpdate(db: Queryable, clientId: string): Promise<ClientRecord | null> {
  const { rows } = await db.query<ClientRecord>(
    `select id, user_id as "userId", device_code as "deviceCode", device_name as "deviceName"
       from clients where id = $1 for update`,
    [clientId],
  );
  return rows[0] ?? null;
}

/**
 * Inserts the client unless its id or its device code is taken (then returns false: the caller
 * looks again, or draws another code). No exception, so a surrounding transaction stays usable.
 */
export async function insertClientIfFree(db: Queryable, client: ClientLogin & { deviceCode: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into clients (id, user_id, device_code, device_name, protocol_version, schema_version, created_at, last_seen_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)
     on conflict do nothing`,
    [client.id, client.userId, client.deviceCode, client.deviceName, client.protocolVersion, client.schemaVersion, client.now],
  );
  return rowCount === 1;
}

/** A later login from a known desktop: keep its name and versions current. */
export async function recordClientLogin(db: Queryable, login: ClientLogin): Promise<void> {
  await db.query(
    `update clients set device_name = coalesce(nullif($2, ''), device_name), protocol_version = $3, schema_version = $4, last_seen_at = $5 where id = $1`,
    [login.id, login.deviceName, login.protocolVersion, login.schemaVersion, login.now],
  );
}
