import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { ApiInput, ApiOutput } from '../../shared/api/contract';
import { IMPORT_MAX_BYTES } from '../../shared/api/import-contract';
import { CoreError } from '../../shared/api/result';
import type { CustomerRecord } from '../../shared/domain/model';
import { normalizeHeader, type ColumnMapping } from '../../shared/import/column-mapping';
import type { CleanCustomer } from '../../shared/import/clean-records';
import { planImport, type CustomerRef, type ImportPlan } from '../../shared/import/dry-run';
import { ImportError } from '../../shared/import/import-error';
import { summarizePlan, type ImportProgress } from '../../shared/import/import-schemas';
import { parseTierSynonyms, TierChoices, withChoices, type TierSynonyms } from '../../shared/import/tier-synonyms';
import type { Db } from '../db/connection';
import { CustomerRepository } from '../db/repositories/customer-repository';
import { ImportRepository } from '../db/repositories/import-repository';
import { PurchaseRepository } from '../db/repositories/purchase-repository';
import { proofDigest } from './purchase-proof';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { parseInWorker, previewInWorker, type RunningImport } from '../import/import-host';
import type { ParsedImport } from '../import/read-file';
import type { MutationRunner } from './mutations';
import type { PlanningService } from './planning-service';
import type { WorkspaceService } from './workspace-service';

interface Upload {
  path: string;
  fileName: string;
  sha256: string;
  /** The file's headers as the preview read them: they name the export layout the mapping is remembered for. */
  headers?: string[];
}

type ReadInput = ApiInput<'import.dryRun'>;

/** The centre's own customer-type spellings (TierChoices JSON), over the shipped table. */
const TIER_SETTING = 'import.tierSynonyms';
const NO_TIERS: TierSynonyms = { new: [], regular: [], high_value: [] };

/** Reads resources/import/customer-tiers.json; a broken file is logged and no customer type is known until it is fixed. */
export function loadTierSynonyms(resourcesDir: string, log: (message: string) => void): TierSynonyms {
  try {
    const raw = JSON.parse(readFileSync(join(resourcesDir, 'import', 'customer-tiers.json'), 'utf8')) as { tiers?: unknown };
    return parseTierSynonyms(raw.tiers);
  } catch (error) {
    log(`the customer-type synonyms could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    return NO_TIERS;
  }
}

/**
 * CRM exports into the store. Files are read and cleaned in a worker thread (the UI and the
 * SLA alerts never wait on a 100k-row file); the dry run and the apply plan against the store as
 * it is at that moment; the apply writes everything or nothing, in one mutation with the
 * callbacks the new deliveries imply.
 */
export class ImportService {
  private readonly uploads = new Map<string, Upload>();
  private readonly running = new Map<string, RunningImport<unknown>>();
  /** The last parse per file and read options, so apply does not read the file again after a dry run. */
  private readonly parsed = new Map<string, { key: string; parsed: ParsedImport }>();
  private readonly imports: ImportRepository;
  private readonly customers: CustomerRepository;
  private readonly purchases: PurchaseRepository;
  private readonly settings: SettingsRepository;
  private readonly dir: string;

  constructor(
    db: Db,
    dataDir: string,
    private readonly mutations: MutationRunner,
    private readonly workspace: WorkspaceService,
    private readonly planning: PlanningService,
    private readonly progress: (fileId: string, phase: 'reading' | 'applying', progress: ImportProgress) => void,
    private readonly timeZone: () => string,
    /** The shipped customer-type table (loadTierSynonyms). */
    private readonly tierDefaults: TierSynonyms = NO_TIERS,
  ) {
    this.settings = new SettingsRepository(db);
    this.imports = new ImportRepository(db);
    this.customers = new CustomerRepository(db);
    this.purchases = new PurchaseRepository(db);
    this.dir = join(dataDir, 'imports');
    // Uploads live only as long as this process knows them; what a previous run left is unreachable.
    rmSync(this.dir, { recursive: true, force: true });
  }

  upload(fileName: string, bytes: Uint8Array): { fileId: string } {
    this.workspace.requireAgent();
    const name = fileName.replace(/[\\/]/g, '_').slice(0, 200).trim();
    if (!name) throw new CoreError('invalid_input', 'the file has no name', { fileName: 'required' });
    if (bytes.byteLength === 0) throw new CoreError('invalid_input', `${name}: the file is empty`, { file: 'empty' });
    if (bytes.byteLength > IMPORT_MAX_BYTES) throw new CoreError('invalid_input', `${name}: larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, { file: 'too large' });
    mkdirSync(this.dir, { recursive: true });
    const fileId = uuidv7();
    const path = join(this.dir, fileId);
    writeFileSync(path, bytes);
    this.uploads.set(fileId, { path, fileName: name, sha256: createHash('sha256').update(bytes).digest('hex') });
    return { fileId };
  }

  async preview(input: ApiInput<'import.preview'>): Promise<ApiOutput<'import.preview'>> {
    const upload = this.requireUpload(input.fileId);
    const preview = await this.track(input.fileId, previewInWorker(upload.path, { encoding: input.encoding, sheet: input.sheet, kind: input.kind }));
    upload.headers = preview.headers;
    // The worker reads a file named by its id; the agent knows it by the name they picked.
    preview.source.fileName = upload.fileName;
    return { preview, remembered: preview.headers.length > 0 ? this.imports.rememberedMapping(sourceOf(preview.headers)) : null, tierSynonyms: this.tierSynonyms() };
  }

  /** The customer-type table in force: the shipped one with the centre's own spellings over it. */
  tierSynonyms(): TierSynonyms {
    return withChoices(this.tierDefaults, this.savedTierChoices());
  }

  private savedTierChoices(): TierChoices {
    const raw = this.settings.get(TIER_SETTING);
    if (raw === null) return {};
    const parsed = TierChoices.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  }

  async dryRun(input: ReadInput): Promise<ApiOutput<'import.dryRun'>> {
    const parsed = await this.parse(input);
    const plan = planImport(parsed.clean, this.imports.lookup());
    return { summary: summarizePlan(plan), rowsPerSecond: parsed.rowsPerSecond };
  }

  async apply(input: ReadInput): Promise<ApiOutput<'import.apply'>> {
    this.workspace.requireAgent();
    const upload = this.requireUpload(input.fileId);
    const parsed = await this.parse(input);
    const source = sourceOf(upload.headers ?? Object.values(parsed.mapping.columns).map((c) => c.header));
    const summaryArgs = { fileName: upload.fileName, sha256: upload.sha256, kind: parsed.mapping.kind };
    const result = this.mutations.run('import.apply', summaryArgs, ['customers', 'tasks', 'imports'], (now) => {
      // Planned again inside the transaction: the store may have changed since the dry run.
      const plan = planImport(parsed.clean, this.imports.lookup());
      const { created, updated } = this.write(plan, now);
      const tasksPlanned = this.planning.planInside(now).created;
      this.imports.rememberMapping(source, parsed.mapping, now);
      // The spellings chosen for this file are the centre's from now on, like its mapping.
      if (input.tierChoices && Object.keys(input.tierChoices).length > 0) {
        this.settings.set(TIER_SETTING, JSON.stringify({ ...this.savedTierChoices(), ...input.tierChoices }));
      }
      this.imports.recordRun(
        { id: uuidv7(), fileName: upload.fileName, source, kind: parsed.mapping.kind, sha256: upload.sha256, rows: plan.counts.dataRows, created, updated, skipped: plan.counts.skip, failed: plan.counts.failedRows, tasksPlanned },
        now,
      );
      return { summary: summarizePlan(plan), created, updated, tasksPlanned };
    });
    this.parsed.delete(input.fileId);
    this.uploads.delete(input.fileId);
    rmSync(upload.path, { force: true });
    return result;
  }

  cancel(fileId: string): { cancelled: boolean } {
    const running = this.running.get(fileId);
    running?.cancel();
    return { cancelled: running !== undefined };
  }

  /** Creates and updates in plan order: customers first, so purchases can point at them. */
  private write(plan: ImportPlan, now: number): { created: number; updated: number } {
    const newCustomerIds = new Map<string, string>();
    let nextNo = this.imports.nextGeneratedCustomerNo();
    const customerId = (ref: CustomerRef): string => {
      if ('existingId' in ref) return ref.existingId;
      const id = newCustomerIds.get(ref.newCustomerKey);
      if (!id) throw new CoreError('internal', `the plan refers to a customer it does not create (${ref.newCustomerKey})`);
      return id;
    };
    const creates = [...plan.create].sort((a, b) => (a.entity === 'customer' ? 0 : 1) - (b.entity === 'customer' ? 0 : 1));
    for (const item of creates) {
      if (item.entity === 'customer') {
        const id = uuidv7();
        newCustomerIds.set(item.key, id);
        this.customers.insert(this.newCustomer(id, item.record, () => `IMP${String(nextNo++).padStart(6, '0')}`), now);
        if (item.record.remarks !== null) this.imports.updateCustomer(id, [{ field: 'remarks', from: null, to: item.record.remarks }], now);
      } else if (item.entity === 'service_record') {
        this.imports.insertServiceRecord(uuidv7(), item.key, customerId(item.customer), item.record, now);
      } else if (item.entity === 'purchase') {
        const r = item.record;
        const id = uuidv7();
        this.purchases.insert(
          { id, customerId: customerId(item.customer), productLine: r.productLine ?? '', model: r.model, serialNo: r.serialNo, purchaseDate: r.purchaseDate, deliveryDate: r.deliveryDate, warrantyEnd: r.warrantyEnd },
          now,
        );
        // The order/invoice number is verified on calls, never stored: only its digest (seed 004).
        if (r.proofNo) this.purchases.setProofDigest(id, proofDigest(r.proofNo));
      }
    }
    for (const item of plan.update) {
      if (item.entity === 'customer') this.imports.updateCustomer(item.existingId, item.changes, now);
      else if (item.entity === 'purchase') this.imports.updatePurchase(item.existingId, item.changes);
      else this.imports.updateServiceRecord(item.existingId, item.changes, now);
    }
    return { created: plan.create.length, updated: plan.update.length };
  }

  private newCustomer(id: string, r: CleanCustomer, generateNo: () => string): CustomerRecord {
    return {
      id,
      customerNo: r.customerNo ?? generateNo(),
      name: r.name,
      gender: r.gender ?? 'unknown',
      phone: r.phone,
      // A customer first seen in an export is new to the centre unless the file says otherwise.
      tier: r.tier ?? 'new',
      tags: r.tags ?? [],
      contactWindow: r.contactWindow === 'any' ? null : r.contactWindow,
      timeZone: this.timeZone(),
      city: r.city ?? '',
    };
  }

  private async parse(input: ReadInput): Promise<ParsedImport> {
    const upload = this.requireUpload(input.fileId);
    const tierSynonyms = this.tierSynonyms();
    const key = JSON.stringify([input.mapping, input.encoding ?? null, input.sheet ?? null, input.tierChoices ?? null, tierSynonyms]);
    const cached = this.parsed.get(input.fileId);
    if (cached?.key === key) return cached.parsed;
    const parsed = await this.track(
      input.fileId,
      parseInWorker(upload.path, { mapping: input.mapping as ColumnMapping, encoding: input.encoding, sheet: input.sheet, clean: { timeZone: this.timeZone(), tierSynonyms, tierChoices: input.tierChoices ?? {} } }, {
        onProgress: (p) => this.progress(input.fileId, 'reading', p),
      }),
    );
    this.parsed.set(input.fileId, { key, parsed });
    return parsed;
  }

  /** One read per file at a time; an ImportError becomes a clear, typed refusal. */
  private async track<T>(fileId: string, job: RunningImport<T>): Promise<T> {
    if (this.running.has(fileId)) {
      job.cancel();
      throw new CoreError('conflict', 'this file is already being read; wait for it or cancel it');
    }
    this.running.set(fileId, job as RunningImport<unknown>);
    try {
      return await job.result;
    } catch (error) {
      if (error instanceof ImportError) throw new CoreError('invalid_input', `${this.requireUpload(fileId).fileName}: ${error.message}`, { file: error.code });
      throw error;
    } finally {
      this.running.delete(fileId);
    }
  }

  private requireUpload(fileId: string): Upload {
    const upload = this.uploads.get(fileId);
    if (!upload) throw new CoreError('not_found', 'no such uploaded file (files are kept until applied or the app restarts); choose the file again', { fileId: 'unknown' });
    return upload;
  }
}

/** An export layout is known by its headers: the same CRM report maps the same way next time. */
function sourceOf(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(normalizeHeader).join('|')).digest('hex').slice(0, 32);
}
