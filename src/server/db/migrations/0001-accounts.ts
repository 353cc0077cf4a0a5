import type { HubMigration } from './migration';

/** Teams, users, their sessions and their desktops. Instants are epoch milliseconds. */
export const accounts: HubMigration = {
  version: 1,
  name: 'accounts',
  async up(client) {
    await client.query(`
      create table teams (
        id text primary key,
        name text not null unique,
        created_at bigint not null
      );

      create table users (
        id text primary key,
        username text not null unique, -- stored lower-case
        name text not null,
        employee_no text not null unique,
        role text not null check (role in ('agent', 'senior_agent', 'lead', 'admin')),
        team_id text references teams(id),
        skills jsonb,
        password_hash text not null,
        disabled boolean not null default false,
        created_at bigint not null
      );
      create index users_team_id on users(team_id);

      create table clients (
        id uuid primary key,
        user_id text not null references users(id),
        -- 4 characters of [A-Z2-9] without 0/O/1/I, part of the ticket numbers the desktop makes
        device_code text not null unique,
        device_name text not null default '',
        last_mutation_seq bigint not null default 0,
        protocol_version int not null,
        schema_version int not null,
        created_at bigint not null,
        last_seen_at bigint not null,
        pending_count int,
        oldest_pending_at bigint,
        heartbeat_at bigint
      );
      create index clients_user_id on clients(user_id);

      create table sessions (
        id text primary key,
        token_hash bytea not null unique, -- sha256 of the token; the token itself is never stored
        user_id text not null references users(id),
        client_id uuid references clients(id),
        created_at bigint not null,
        expires_at bigint not null,
        revoked_at bigint,
        last_used_at bigint not null
      );
      create index sessions_user_id on sessions(user_id);
      create index sessions_client_id on sessions(client_id);
    `);
  },
};
