import type { Agent, AgentRole } from '../../../shared/domain/model';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

interface AgentRow {
  id: string;
  name: string;
  employee_no: string;
  role: AgentRole;
}

const toAgent = (row: AgentRow): Agent => ({ id: row.id, name: row.name, employeeNo: row.employee_no, role: row.role });

export class AgentRepository {
  constructor(private readonly db: Db) {}

  insert(agent: Agent, now: number): void {
    cached(this.db)
      .prepare('INSERT INTO agents (id, name, employee_no, role, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(agent.id, agent.name, agent.employeeNo, agent.role, now);
  }

  /** The hub's directory entry for the signed-in agent (replaced whole; the hub owns it). */
  upsert(agent: Agent, skills: readonly string[] | null, createdAt: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO agents (id, name, employee_no, role, created_at, skills) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, employee_no = excluded.employee_no, role = excluded.role, skills = excluded.skills`,
      )
      .run(agent.id, agent.name, agent.employeeNo, agent.role, createdAt, skills ? JSON.stringify(skills) : null);
  }

  get(id: string): Agent | null {
    const row = cached(this.db).prepare('SELECT id, name, employee_no, role FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  list(): Agent[] {
    return (cached(this.db).prepare('SELECT id, name, employee_no, role FROM agents ORDER BY name').all() as AgentRow[]).map(toAgent);
  }

  count(): number {
    return (cached(this.db).prepare('SELECT count(*) AS n FROM agents').get() as { n: number }).n;
  }
}
