import type { AgentRole } from '../../../shared/domain/model';
import type { Queryable } from '../queryable';

export interface UserRecord {
  id: string;
  /** Lower-case. */
  username: string;
  name: string;
  employeeNo: string;
  role: AgentRole;
  teamId: string | null;
  skills: string[] | null;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

interface UserRow {
  id: string;
  username: string;
  name: string;
  employee_no: string;
  role: AgentRole;
  team_id: string | null;
  skills: string[] | null;
  password_hash: string;
  disabled: boolean;
  created_at: number;
}

const COLUMNS = 'id, username, name, employee_no, role, team_id, skills, password_hash, disabled, created_at';

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  name: row.name,
  employeeNo: row.employee_no,
  role: row.role,
  teamId: row.team_id,
  skills: row.skills,
  passwordHash: row.password_hash,
  disabled: row.disabled,
  createdAt: row.created_at,
});

export async function insertUser(db: Queryable, user: UserRecord): Promise<void> {
  await db.query(`insert into users (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    user.id,
    user.username,
    user.name,
    user.employeeNo,
    user.role,
    user.teamId,
    user.skills === null ? null : JSON.stringify(user.skills),
    user.passwordHash,
    user.disabled,
    user.createdAt,
  ]);
}

/** `username` must already be lower-case. */
export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | null> {
  const { rows } = await db.query<UserRow>(`select ${COLUMNS} from users where username = $1`, [username]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserByEmployeeNo(db: Queryable, employeeNo: string): Promise<UserRecord | null> {
  const { rows } = await db.query<UserRow>(`select ${COLUMNS} from users where employee_no = $1`, [employeeNo]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<(UserRecord & { teamName: string | null })[]> {
  const { rows } = await db.query<UserRow & { team_name: string | null }>(
    `select ${COLUMNS.split(', ').map((column) => `u.${column}`).join(', ')}, t.name as team_name
       from users u left join teams t on t.id = u.team_id
      order by u.username`,
  );
  return rows.map((row) => ({ ...toUser(row), teamName: row.team_name }));
}

/** Returns false when there is no such user. */
export async function setUserDisabled(db: Queryable, userId: string, disabled: boolean): Promise<boolean> {
  const { rowCount } = await db.query('update users set disabled = $2 where id = $1', [userId, disabled]);
  return rowCount === 1;
}
