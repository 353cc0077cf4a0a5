import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/shared/import/import-error';
import { parseInWorker, previewInWorker } from '../../../src/main/import/import-host';
import type { ImportProgress } from '../../../src/main/import/read-file';
import { deliveryRow, writeBigCsv, writeBigXlsx, writeBytes } from '../../support/import-files';

const ROWS = 100_000;
/** Dates only need to parse here; none decides an outcome. */
const AS_OF = Date.UTC(2026, 10, 23);
let dir = '';
let csvPath = '';
let xlsxPath = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carecall-import-'));
  csvPath = await writeBigCsv(dir, ROWS, { asOf: AS_OF, encoding: 'gbk' });
  xlsxPath = await writeBigXlsx(dir, ROWS, { asOf: AS_OF });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The longest the main thread's event loop was blocked while `work` ran. */
async function maxEventLoopGap<T>(work: () => Promise<T>): Promise<{ value: T; gap: number }> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  try {
    const value = await work();
    return { value, gap };
  } finally {
    clearInterval(timer);
  }
}

describe('import on a worker thread', () => {
  it.each([
    ['GBK CSV', () => csvPath],
    ['XLSX', () => xlsxPath],
  ])('reads and cleans a 100k-row %s off the main thread, with progress', async (_kind, path) => {
    const progress: ImportProgress[] = [];
    const { value: parsed, gap } = await maxEventLoopGap(() => parseInWorker(path(), {}, { onProgress: (p) => progress.push(p) }).result);
    expect(parsed.clean.kind).toBe('purchases');
    expect(parsed.clean.stats).toEqual({ dataRows: ROWS, blankRows: 0, failedRows: 0, duplicateRows: 0, mergedRows: 0 });
    expect(parsed.clean.issues).toEqual([]);
    if (parsed.clean.kind !== 'purchases') return;
    const row = deliveryRow(ROWS - 1, AS_OF);
    expect(parsed.clean.records.at(-1)).toEqual({
      rows: [ROWS + 1],
      record: {
        customerNo: row.customerNo,
        phone: row.phone,
        name: row.name,
        city: row.city,
        gender: null,
        tier: null,
        contactWindow: null,
        tags: null,
        remarks: null,
        productLine: row.productLine,
        model: row.model,
        serialNo: row.serialNo,
        purchaseDate: row.purchaseDate,
        deliveryDate: row.deliveryDate,
        warrantyEnd: row.warrantyEnd,
        proofNo: null,
      },
    });
    expect(progress.length).toBeGreaterThan(2);
    const last = progress.at(-1);
    expect(last?.bytesRead).toBe(last?.totalBytes);
    expect(last?.rowsRead).toBe(ROWS + 1);
    expect(last?.rowsPerSecond).toBeGreaterThan(0);
    expect(progress.map((p) => p.rowsRead)).toEqual([...progress.map((p) => p.rowsRead)].sort((a, b) => a - b));
    // The main thread kept turning: no 250 ms without a timer tick.
    expect(gap).toBeLessThan(250);
  }, 120_000);

  it('stops when cancelled, and says so', async () => {
    let job: ReturnType<typeof parseInWorker> | null = null;
    const started = Date.now();
    job = parseInWorker(xlsxPath, {}, { onProgress: (p) => p.rowsRead > 5000 && job?.cancel() });
    const error = await job.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('passes a file-level refusal through as an ImportError', async () => {
    const path = writeBytes(dir, 'not-a-sheet.csv', Buffer.from([0, 1, 2, 3, 4, 5]));
    const error = await parseInWorker(path).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'not_spreadsheet', message: 'not a CSV or XLSX file' });
  });

  it('previews the first rows with the encoding, the header and a mapping guess', async () => {
    const preview = await previewInWorker(csvPath, { rows: 5 }).result;
    expect(preview.source.encoding).toMatchObject({ encoding: 'gb18030' });
    expect(preview.rows).toHaveLength(5);
    expect(preview.headerRow).toBe(1);
    expect(preview.guess?.mapping.kind).toBe('purchases');
    expect(preview.guess?.problems).toEqual([]);
  });
});
