import type { PoolClient } from 'pg';
import type { HubMigration } from './migration';

/**
 * The synced data. Rows of every synced table live in one `entities` table as jsonb (the desktop
 * owns the row shapes; the hub checks them against src/shared/sync/synced-tables.ts), each stamped
 * with the hub version of the transaction that wrote it. Versions come from the single row of
 * `hub_state`, updated inside each writing transaction: its row lock serialises stamping, so
 * versions are handed out in commit order and a pull cursor can never skip a late commit.
 * Scope: which customers each user's tasks and issues reference (`scope_refs`, with counts), and
 * per-user and per-team epochs that move when a scope shrinks, which makes the next pull a reset.
 * `mutation_log` records every pushed mutation: applied, or rejected with its full content.
 */
async function up(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TABLE hub_state (
      id int PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL,
      tombstone_horizon bigint NOT NULL DEFAULT 0
    );
    INSERT INTO hub_state (id, version) VALUES (1, 0);

    ALTER TABLE users ADD COLUMN scope_epoch bigint NOT NULL DEFAULT 0;
    ALTER TABLE teams ADD COLUMN scope_epoch bigint NOT NULL DEFAULT 0;

    CREATE TABLE entities (
      kind text NOT NULL,
      id text NOT NULL,
      data jsonb,
      deleted boolean NOT NULL DEFAULT false,
      version bigint NOT NULL,
      customer_id text,
      owner_id text,
      team_id text,
      updated_at bigint NOT NULL,
      PRIMARY KEY (kind, id)
    );
    CREATE INDEX entities_version ON entities (version, kind, id);
    CREATE INDEX entities_customer ON entities (customer_id, version);
    CREATE INDEX entities_owner ON entities (owner_id, version) WHERE owner_id IS NOT NULL;
    CREATE INDEX entities_tombstones ON entities (updated_at) WHERE deleted;
    CREATE UNIQUE INDEX entities_ticket_number ON entities ((data->>'number')) WHERE kind = 'tickets' AND NOT deleted;
    CREATE UNIQUE INDEX entities_task_purpose ON entities ((data->>'purpose_key'))
      WHERE kind = 'callback_tasks' AND NOT deleted AND data->>'purpose_key' IS NOT NULL;
    CREATE UNIQUE INDEX entities_service_record_key ON entities ((data->>'import_key')) WHERE kind = 'service_records' AND NOT deleted;

    CREATE TABLE scope_refs (
      user_id text NOT NULL,
      customer_id text NOT NULL,
      refs int NOT NULL,
      PRIMARY KEY (user_id, customer_id)
    );
    CREATE INDEX scope_refs_customer ON scope_refs (customer_id);

    CREATE TABLE mutation_log (
      client_id uuid NOT NULL,
      seq bigint NOT NULL,
      mutation_id text NOT NULL,
      name text NOT NULL,
      user_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('applied', 'rejected')),
      code text,
      reason text,
      content jsonb,
      version bigint,
      created_at bigint NOT NULL,
      applied_at bigint NOT NULL,
      PRIMARY KEY (client_id, seq)
    );
    CREATE INDEX mutation_log_rejected ON mutation_log (user_id, applied_at) WHERE status = 'rejected';

    -- The agent directory desktops receive is the users table, kept in entities by trigger so it
    -- shares the version order of everything else.
    CREATE FUNCTION carecall_user_to_entity() RETURNS trigger AS $$
    DECLARE v bigint;
    BEGIN
      UPDATE hub_state SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
      INSERT INTO entities (kind, id, data, deleted, version, team_id, updated_at)
      VALUES ('agents', NEW.id, jsonb_build_object(
        'id', NEW.id, 'name', NEW.name, 'employee_no', NEW.employee_no, 'role', NEW.role,
        'created_at', NEW.created_at, 'skills', CASE WHEN NEW.skills IS NULL THEN NULL ELSE NEW.skills::text END),
        false, v, NEW.team_id, NEW.created_at)
      ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version, team_id = EXCLUDED.team_id;
      IF TG_OP = 'UPDATE' AND (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.role IS DISTINCT FROM NEW.role) THEN
        UPDATE teams SET scope_epoch = scope_epoch + 1 WHERE id IN (OLD.team_id, NEW.team_id);
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;

    CREATE FUNCTION carecall_user_scope_epoch() RETURNS trigger AS $$
    BEGIN
      IF OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.role IS DISTINCT FROM NEW.role THEN
        NEW.scope_epoch := OLD.scope_epoch + 1;
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;

    CREATE TRIGGER users_scope_epoch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION carecall_user_scope_epoch();
    CREATE TRIGGER users_to_entity AFTER INSERT OR UPDATE OF name, employee_no, role, team_id, skills ON users
      FOR EACH ROW EXECUTE FUNCTION carecall_user_to_entity();
    INSERT INTO entities (kind, id, data, deleted, version, team_id, updated_at)
      SELECT 'agents', id, jsonb_build_object('id', id, 'name', name, 'employee_no', employee_no, 'role', role,
        'created_at', created_at, 'skills', CASE WHEN skills IS NULL THEN NULL ELSE skills::text END), false, 0, team_id, created_at
      FROM users;
  `);
}

export const sync: HubMigration = { version: 2, name: 'sync', up };
