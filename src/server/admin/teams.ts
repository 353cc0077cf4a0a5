import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { systemClock, type Clock } from '../clock';
import { violatedUniqueConstraint } from '../db/queryable';
import { insertTeam, listTeams as selectTeams, type TeamRecord } from '../db/repositories/team-repository';
import { AdminError } from './admin-error';

export async function createTeam(pool: pg.Pool, input: { name: string }, clock: Clock = systemClock): Promise<TeamRecord> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new AdminError('a team name must be 1 to 100 characters');
  const team: TeamRecord = { id: uuidv7(), name, createdAt: clock.now() };
  try {
    await insertTeam(pool, team);
  } catch (error) {
    if (violatedUniqueConstraint(error) !== null) throw new AdminError(`a team named "${name}" already exists`);
    throw error;
  }
  return team;
}

export async function listTeams(pool: pg.Pool): Promise<(TeamRecord & { members: number })[]> {
  return selectTeams(pool);
}
