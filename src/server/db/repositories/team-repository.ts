import type { Queryable } from '../queryable';

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: number;
}

interface TeamRow {
  id: string;
  name: string;
  created_at: number;
}

const toTeam = (row: TeamRow): TeamRecord => ({ id: row.id, name: row.name, createdAt: row.created_at });

export async function insertTeam(db: Queryable, team: TeamRecord): Promise<void> {
  await db.query('insert into teams (id, name, created_at) values ($1, $2, $3)', [team.id, team.name, team.createdAt]);
}

export async function findTeamByName(db: Queryable, name: string): Promise<TeamRecord | null> {
  const { rows } = await db.query<TeamRow>('select id, name, created_at from teams where name = $1', [name]);
  return rows[0] ? toTeam(rows[0]) : null;
}

export async function listTeams(db: Queryable): Promise<(TeamRecord & { members: number })[]> {
  const { rows } = await db.query<TeamRow & { members: number }>(
    `select t.id, t.name, t.created_at, count(u.id) as members
       from teams t left join users u on u.team_id = t.id
      group by t.id order by t.name`,
  );
  return rows.map((row) => ({ ...toTeam(row), members: row.members }));
}
