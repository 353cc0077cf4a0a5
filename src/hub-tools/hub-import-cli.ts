/**
 * `npm run hub:import -- <file> --user <admin> [--kind customers|purchases|service_records] [--dry-run]`:
 * imports a CRM export (CSV or XLSX) into the hub with the desktop's import code.
 * Password: CARECALL_PASSWORD. Database: DATABASE_URL, else the embedded one in CARECALL_HUB_DATA
 * (default ./hub-data; stop the hub first, or give it DATABASE_URL).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportKind } from '../shared/import/column-mapping';
import { startDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { defaultWorkDir, importIntoHub } from './hub-import';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { user: { type: 'string' }, kind: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!file || !values.user) throw new Error('usage: npm run hub:import -- <file> --user <admin username> [--kind customers|purchases|service_records] [--dry-run]');
  const kind = values.kind === undefined ? undefined : ImportKind.parse(values.kind);
  const password = process.env.CARECALL_PASSWORD;
  if (!password) throw new Error("set CARECALL_PASSWORD to the admin's password (never an argument: those end up in shell history)");
  const dataDir = resolve(process.env.CARECALL_HUB_DATA || 'hub-data');
  const quiet = { debug: () => undefined, info: () => undefined, warn: (m: string) => console.error(`warning: ${m}`), error: (m: string) => console.error(`error: ${m}`) };
  const db = await startDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined, log: quiet });
  try {
    await migrate(db.pool);
    const result = await importIntoHub({
      pool: db.pool,
      workDir: defaultWorkDir(dataDir),
      resourcesDir: join(import.meta.dirname, '..', '..', 'resources'),
      username: values.user,
      password,
      file: resolve(file),
      kind,
      dryRun: values['dry-run'] ?? false,
      log: (message) => console.error(message),
    });
    const { counts, errors } = result.summary;
    console.log(`${result.applied ? 'imported' : 'dry run'}: ${JSON.stringify(counts)}`);
    for (const error of errors.slice(0, 20)) console.log(`  row ${error.row}${error.column ? ` (${error.column})` : ""}: ${error.reason}`);
    if (result.applied) console.log(`created ${result.created}, updated ${result.updated}, callbacks planned ${result.tasksPlanned}`);
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`hub:import: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
