/**
 * `npm run hub:import -- <file> --user <admin> [--kind customers|purchases|service_records] [--tier 金卡会员=high_value ...] [--dry-run]`:
 * imports a CRM export (CSV or XLSX) into the hub with the desktop's import code. `--tier` gives
 * the tier of a customer-type spelling the synonym table does not know (new, regular, high_value);
 * it is kept for the next imports, as a desktop keeps the choices of its mapping step.
 * Password: CARECALL_PASSWORD. Database: DATABASE_URL, else the embedded one in CARECALL_HUB_DATA
 * (default ./hub-data; stop the hub first, or give it DATABASE_URL).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CustomerTier } from '../shared/domain/model';
import { ImportKind } from '../shared/import/column-mapping';
import { startDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { defaultWorkDir, importIntoHub } from './hub-import';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { user: { type: 'string' }, kind: { type: 'string' }, tier: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!file || !values.user) throw new Error('usage: npm run hub:import -- <file> --user <admin username> [--kind customers|purchases|service_records] [--dry-run]');
  const kind = values.kind === undefined ? undefined : ImportKind.parse(values.kind);
  const tierChoices: Record<string, CustomerTier> = {};
  for (const choice of values.tier ?? []) {
    const at = choice.lastIndexOf('=');
    const tier = CustomerTier.safeParse(choice.slice(at + 1));
    if (at <= 0 || !tier.success) throw new Error(`--tier ${choice}: write it as <spelling>=new|regular|high_value, e.g. --tier 金卡会员=high_value`);
    tierChoices[choice.slice(0, at).trim()] = tier.data;
  }
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
      tierChoices,
      dryRun: values['dry-run'] ?? false,
      log: (message) => console.error(message),
    });
    const { counts, errors } = result.summary;
    console.log(`${result.applied ? 'imported' : 'dry run'}: ${JSON.stringify(counts)}`);
    for (const error of errors.slice(0, 20)) console.log(`  row ${error.row}${error.column ? ` (${error.column})` : ""}: ${error.reason}`);
    // Once per value, not per row: those rows are imported without a customer type.
    for (const value of result.summary.tierValues.filter((v) => v.tier === null)) {
      console.log(`  customer type "${value.value}" is not in the synonym table (rows ${value.rows.join(', ')}${value.count > value.rows.length ? ', ...' : ''}; ${value.count} in all): imported without a tier; give it with --tier "${value.value}=high_value" (or new, regular)`);
    }
    if (result.applied) console.log(`created ${result.created}, updated ${result.updated}, callbacks planned ${result.tasksPlanned}`);
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`hub:import: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
