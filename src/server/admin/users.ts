import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { AgentRole } from '../../shared/domain/model';
import { hashPassword } from '../auth/passwords';
import { systemClock, type Clock } from '../clock';
import { inTransaction, violatedUniqueConstraint } from '../db/queryable';
import { revokeUserSessions } from '../db/repositories/session-repository';
import { findTeamByName } from '../db/repositories/team-repository';
import { findUserByEmployeeNo, findUserByUsername, insertUser, listUsers as selectUsers, setUserDisabled } from '../db/repositories/user-repository';
import { AdminError } from './admin-error';

export interface CreateUserInput {
  username: string;
  name: string;
  employeeNo: string;
  role: string;
  /** A team's name; it must exist. */
  team?: string | null;
  /** Product lines the user handles (what assignment matches on). */
  skills?: string[] | null;
  password: string;
}

/** A user as an admin sees one: never the password hash. */
export interface AdminUserView {
  id: string;
  username: string;
  name: string;
  employeeNo: string;
  role: AgentRole;
  teamName: string | null;
  skills: string[] | null;
  disabled: boolean;
}

/** The desktop's login form takes at most 200 characters (LoginRequest). */
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;

export async function createUser(pool: pg.Pool, input: CreateUserInput, clock: Clock = systemClock): Promise<AdminUserView> {
  const username = input.username.trim().toLowerCase();
  const name = input.name.trim();
  const employeeNo = input.employeeNo.trim();
  if (!/^\S{1,100}$/.test(username)) throw new AdminError('a username must be 1 to 100 characters without spaces');
  if (name.length === 0 || name.length > 100) throw new AdminError('a name must be 1 to 100 characters');
  if (employeeNo.length === 0 || employeeNo.length > 50) throw new AdminError('an employee number must be 1 to 50 characters');
  const role = AgentRole.safeParse(input.role);
  if (!role.success) throw new AdminError(`"${input.role}" is not a role; use one of ${AgentRole.options.join(', ')}`);
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
    throw new AdminError(`a password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  }
  const skills = input.skills?.map((skill) => skill.trim()).filter((skill) => skill.length > 0) ?? null;
  const teamName = input.team?.trim() || null;
  const team = teamName === null ? null : await findTeamByName(pool, teamName);
  if (teamName !== null && !team) throw new AdminError(`there is no team "${teamName}"; create it first with: team create "${teamName}"`);

  const user = {
    id: uuidv7(),
    username,
    name,
    employeeNo,
    role: role.data,
    teamId: team?.id ?? null,
    skills: skills && skills.length > 0 ? skills : null,
    passwordHash: await hashPassword(input.password),
    disabled: false,
    createdAt: clock.now(),
  };
  try {
    await insertUser(pool, user);
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    if (constraint === null) throw error;
    if (constraint.includes('employee_no')) {
      const holder = await findUserByEmployeeNo(pool, employeeNo);
      throw new AdminError(`employee number ${employeeNo} already belongs to ${holder ? `user "${holder.username}"` : 'another user'}`);
    }
    throw new AdminError(`the username "${username}" is taken`);
  }
  return { id: user.id, username, name, employeeNo, role: user.role, teamName: team?.name ?? null, skills: user.skills, disabled: false };
}

/** The user can no longer sign in, and is signed out of every desktop at once. */
export async function disableUser(pool: pg.Pool, username: string, clock: Clock = systemClock): Promise<{ revokedSessions: number }> {
  const user = await findUserByUsername(pool, username.trim().toLowerCase());
  if (!user) throw new AdminError(`there is no user "${username}"`);
  return inTransaction(pool, async (client) => {
    await setUserDisabled(client, user.id, true);
    return { revokedSessions: await revokeUserSessions(client, user.id, clock.now()) };
  });
}

export async function listUsers(pool: pg.Pool): Promise<AdminUserView[]> {
  const users = await selectUsers(pool);
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    name: user.name,
    employeeNo: user.employeeNo,
    role: user.role,
    teamName: user.teamName,
    skills: user.skills,
    disabled: user.disabled,
  }));
}
