import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type pg from 'pg';
import { createCore, type Core } from '../main/core';
import type { ApiName, ApiOutput } from '../shared/api/contract';
import type { ImportKind } from '../shared/import/column-mapping';
import type { ImportPlanSummary } from '../shared/import/import-schemas';
import type { TierChoices } from '../shared/import/tier-synonyms';
import { directTransport } from './direct-transport';

export interface HubImportOptions {
  pool: pg.Pool;
  /** The tool's own desktop store (kept between runs so later imports pull only what changed). */
  workDir: string;
  resourcesDir: string;
  username: string;
  password: string;
  file: string;
  kind?: ImportKind;
  /** Tiers of customer-type spellings the synonym table does not know; kept in workDir for later runs. */
  tierChoices?: TierChoices;
  dryRun?: boolean;
  clock?: { now(): number };
  log?: (message: string) => void;
}

export interface HubImportResult {
  summary: ImportPlanSummary;
  applied: boolean;
  created: number;
  updated: number;
  tasksPlanned: number;
}

async function call<N extends ApiName>(core: Core, name: N, input: unknown): Promise<ApiOutput<N>> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as ApiOutput<N>;
}

/**
 * Imports a CRM export into the hub with the desktop's own import code: an admin's desktop core
 * (its own SQLite store in workDir) signs in, pulls everything, reads and cleans the file in its
 * worker, dry-runs, applies in one mutation that also plans the callbacks and assigns them to the
 * hub's agents by workload and skills, and pushes that mutation to the hub's database.
 */
export async function importIntoHub(options: HubImportOptions): Promise<HubImportResult> {
  const clock = options.clock ?? { now: () => Date.now() };
  let session: string | null = null;
  const core = createCore({
    dataDir: options.workDir,
    resourcesDir: options.resourcesDir,
    clock,
    watch: false,
    log: (message) => options.log?.(message),
    hubTransport: () => directTransport(options.pool, clock),
    secrets: { read: () => session, write: (secret) => (session = secret), clear: () => (session = null) },
    sync: { deviceName: 'hub import', intervalMs: 3600_000 },
  });
  try {
    const status = await core.sync.signIn({ hubUrl: 'http://hub.direct', username: options.username, password: options.password });
    if (status.user?.role !== 'admin') throw new Error(`${options.username} is not an admin: only admins import into the hub`);
    if (status.state !== 'online') throw new Error(`the hub could not be read: ${status.lastError ?? status.state}`);
    const uploaded = core.upload(basename(options.file), readFileSync(options.file));
    if (!uploaded.ok) throw new Error(uploaded.error.message);
    const { fileId } = uploaded.value;
    const preview = await call(core, 'import.preview', { fileId, ...(options.kind ? { kind: options.kind } : {}) });
    const mapping = preview.remembered ?? preview.preview.guess?.mapping;
    if (!mapping) throw new Error('no column of the file could be matched to a field; map it on a desktop first');
    const tiers = options.tierChoices && Object.keys(options.tierChoices).length > 0 ? { tierChoices: options.tierChoices } : {};
    const dry = await call(core, 'import.dryRun', { fileId, mapping, ...tiers });
    if (options.dryRun) return { summary: dry.summary, applied: false, created: 0, updated: 0, tasksPlanned: 0 };
    const applied = await call(core, 'import.apply', { fileId, mapping, ...tiers });
    core.sync.engine.kick();
    await core.sync.engine.settled();
    const after = core.sync.status();
    if (after.pending > 0 || after.rejections.length > 0) {
      throw new Error(`the hub did not take the import: ${after.rejections.map((r) => r.reason).join('; ') || after.lastError || `${after.pending} pending`}`);
    }
    return { summary: applied.summary, applied: true, created: applied.created, updated: applied.updated, tasksPlanned: applied.tasksPlanned };
  } finally {
    core.close();
  }
}

export const defaultWorkDir = (hubDataDir: string) => join(hubDataDir, 'import-workspace');
