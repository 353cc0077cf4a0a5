/**
 * Streams one sheet of an XLSX workbook as raw rows in batches: yauzl opens the ZIP by its
 * central directory (any entry order, no temp files), htmlparser2 parses the sheet's XML as it
 * is inflated, and rows are handed on and not kept.
 *
 * Public API:
 *   readXlsxRows(path, sheet, options): Promise<XlsxReadResult>
 *
 * Why not exceljs's streaming reader (4.4.0, tried first): it reads a formula's cached error as
 * NaN (exceljs #3074), its value getter drops cached results that are 0, "" or FALSE, it races
 * on its temp files (an uncaught ENOENT) and, intermittently, on workbook.xml being the last
 * ZIP entry (a TypeError) - all four seen in this project's tests. Reading the few parts an
 * import needs is small and exact.
 *
 * - Sheet: a name, or a 1-based position in the workbook's tab order; by default the first
 *   visible sheet (CRM templates often hide a lookup sheet in front). A sheet that is not there
 *   is sheet_not_found, with the sheets there are.
 * - Cell styles are not read, so dates arrive as their serial numbers; the column mapping says
 *   which columns are dates, and date1904 tells how to count.
 * - A formula cell gives its cached result; without one, or with an error (#N/A, #REF!, ...),
 *   it is a CellProblem, reported against the row only if its column is mapped.
 * - Shared strings are held in memory (capped); the sheet itself is never held whole.
 */
import { Parser } from 'htmlparser2';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from '../../shared/import/import-error';
import type { RawCell, RawRow } from '../../shared/import/raw-cell';
import type { StreamRowsOptions } from './read-csv';

export interface XlsxReadResult {
  rows: number;
  /** Sheet names in tab order, with hidden ones. */
  sheets: { name: string; hidden: boolean }[];
  sheet: string;
  date1904: boolean;
}

/** Parts other than the sheet are read whole; a bigger one is a broken or hostile file. */
const MAX_PART_BYTES = 256 * 1024 * 1024;
const BATCH_ROWS = 2000;

type Attributes = Record<string, string>;

/** Stops the sheet's stream early (a preview has enough rows); not an error. */
class StopReading extends Error {}

/** Element name without a namespace prefix (<x:row> from some .NET writers is <row>). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true }, (error, zip) => {
      // It starts like a ZIP (sniffFile saw the signature): a cut-off download or a broken copy, not another kind of file.
      if (error || !zip) reject(new ImportError('damaged_spreadsheet', `the XLSX file is damaged (its ZIP archive cannot be read: ${error?.message ?? 'unknown error'}); export or copy it again`));
      else resolve(zip);
    });
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(new ImportError('damaged_spreadsheet', `the XLSX file is damaged: ${error.message}`)));
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) reject(new ImportError('damaged_spreadsheet', `the XLSX file is damaged (${entry.fileName}: ${error?.message ?? 'unreadable'})`));
      else resolve(stream);
    });
  });
}

/** Feeds an entry's inflated bytes to an XML parser; resolves when the entry ends. */
async function parseEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  handler: { onopentag?(name: string, attributes: Attributes): void; ontext?(text: string): void; onclosetag?(name: string): void },
  onChunk?: (inflatedBytes: number) => void,
): Promise<void> {
  const stream = await openEntry(zip, entry);
  const parser = new Parser(handler, { xmlMode: true, decodeEntities: true });
  const decoder = new TextDecoder('utf-8');
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      onChunk?.(inflated);
    }
    parser.write(decoder.decode());
    parser.end();
  } catch (error) {
    stream.destroy();
    if (error instanceof ImportError || error instanceof StopReading) throw error;
    throw new ImportError('damaged_spreadsheet', `the XLSX file is damaged (${entry.fileName}: ${error instanceof Error ? error.message : String(error)})`);
  }
}

/** A small part (workbook, relationships) as a flat list of elements. */
async function readElements(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<{ name: string; attributes: Attributes }[]> {
  if (entry.uncompressedSize > MAX_PART_BYTES) throw new ImportError('read_failed', `the XLSX part ${entry.fileName} is too large`);
  const elements: { name: string; attributes: Attributes }[] = [];
  await parseEntry(zip, entry, { onopentag: (name, attributes) => elements.push({ name: local(name), attributes }) });
  return elements;
}

/** Relationship id -> part path inside the ZIP, for a part's .rels file. */
async function readRelationships(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, partPath: string): Promise<Map<string, { target: string; type: string }>> {
  const relsPath = posix.join(posix.dirname(partPath), '_rels', `${posix.basename(partPath)}.rels`);
  const entry = entries.get(relsPath);
  const relationships = new Map<string, { target: string; type: string }>();
  if (!entry) return relationships;
  for (const element of await readElements(zip, entry)) {
    if (element.name !== 'Relationship' || !element.attributes.Id || !element.attributes.Target) continue;
    const target = element.attributes.Target;
    const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(partPath), target));
    relationships.set(element.attributes.Id, { target: resolved, type: element.attributes.Type ?? '' });
  }
  return relationships;
}

async function readSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<string[]> {
  if (!entry) return [];
  if (entry.uncompressedSize > MAX_PART_BYTES) throw new ImportError('read_failed', 'the XLSX shared strings are too large to import');
  const strings: string[] = [];
  let current: string[] = [];
  let inText = false;
  // <rPh> holds phonetic guides (furigana) that are not part of the text.
  let inPhonetic = false;
  await parseEntry(zip, entry, {
    onopentag(name) {
      const tag = local(name);
      if (tag === 'si') current = [];
      else if (tag === 't' && !inPhonetic) inText = true;
      else if (tag === 'rPh') inPhonetic = true;
    },
    ontext(text) {
      if (inText) current.push(text);
    },
    onclosetag(name) {
      const tag = local(name);
      if (tag === 't') inText = false;
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 'si') strings.push(current.join(''));
    },
  });
  return strings;
}

function columnIndex(reference: string | undefined): number | null {
  const letters = reference ? /^[A-Z]+/i.exec(reference)?.[0] : undefined;
  if (!letters) return null;
  let index = 0;
  for (const ch of letters.toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

function cellValue(type: string | undefined, value: string | null, formula: string | null, inline: string | null, shared: readonly string[]): RawCell {
  if (formula !== null) {
    if (value === null) return { problem: 'formula_without_result', detail: formula };
    if (type === 'e') return { problem: 'error_value', detail: value };
  }
  switch (type) {
    case 's': {
      const text = shared[Number(value)];
      return text ?? null;
    }
    case 'str':
      return value ?? '';
    case 'inlineStr':
      return inline ?? value ?? '';
    case 'b':
      return value === '1' || value === 'true';
    case 'e':
      return { problem: 'error_value', detail: value ?? '#VALUE!' };
    case 'd':
      return value;
    default: {
      if (value === null || value === '') return inline;
      const number = Number(value);
      return Number.isFinite(number) ? number : { problem: 'error_value', detail: value };
    }
  }
}

export async function readXlsxRows(path: string, sheet: string | number | undefined, options: StreamRowsOptions & { totalBytes?: number }): Promise<XlsxReadResult> {
  const zip = await openZip(path);
  try {
    const entries = await listEntries(zip);
    const rootRels = await readRelationships(zip, entries, '');
    const officeDocument = [...rootRels.values()].find((rel) => rel.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbookEntry = entries.get(officeDocument);
    if (!workbookEntry) throw new ImportError('not_spreadsheet', 'not a CSV or XLSX file (a ZIP archive without a workbook in it)');

    let date1904 = false;
    const declared: { name: string; hidden: boolean; rid: string }[] = [];
    for (const element of await readElements(zip, workbookEntry)) {
      if (element.name === 'workbookPr') date1904 = element.attributes.date1904 === '1' || element.attributes.date1904 === 'true';
      if (element.name === 'sheet') {
        const rid = element.attributes['r:id'] ?? Object.entries(element.attributes).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
        const state = element.attributes.state;
        declared.push({ name: element.attributes.name ?? '', hidden: state === 'hidden' || state === 'veryHidden', rid });
      }
    }
    const sheets = declared.map(({ name, hidden }) => ({ name, hidden }));
    const wanted = pickSheet(declared, sheet);
    if (!wanted) {
      const names = sheets.map((s) => s.name);
      throw new ImportError('sheet_not_found', `the workbook has no sheet ${typeof sheet === 'number' ? `number ${sheet}` : `"${String(sheet)}"`}; it has ${names.join(', ')}`, names);
    }
    const workbookRels = await readRelationships(zip, entries, officeDocument);
    const sheetPath = workbookRels.get(wanted.rid)?.target;
    const sheetEntry = sheetPath ? entries.get(sheetPath) : undefined;
    if (!sheetEntry) throw new ImportError('damaged_spreadsheet', `the XLSX file is damaged: the sheet "${wanted.name}" has no data part`);
    const sharedPath = [...workbookRels.values()].find((rel) => rel.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
    const shared = await readSharedStrings(zip, entries.get(sharedPath));

    options.onSheet?.({ date1904 });
    const rows = await streamSheet(zip, sheetEntry, shared, options);
    return { rows, sheets, sheet: wanted.name, date1904 };
  } finally {
    zip.close();
  }
}

function pickSheet<T extends { name: string; hidden: boolean }>(sheets: T[], sheet: string | number | undefined): T | undefined {
  if (sheet === undefined) return sheets.find((s) => !s.hidden) ?? sheets[0];
  if (typeof sheet === 'number') return sheets[sheet - 1];
  return sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.trim().toLowerCase() === sheet.trim().toLowerCase());
}

async function streamSheet(zip: yauzl.ZipFile, entry: yauzl.Entry, shared: readonly string[], options: StreamRowsOptions & { totalBytes?: number }): Promise<number> {
  let batch: RawRow[] = [];
  let rows = 0;
  let rowNumber = 0;
  let cells: RawCell[] = [];
  let column = -1;
  // The cell being read.
  let type: string | undefined;
  let value: string | null = null;
  let formula: string | null = null;
  let inline: string | null = null;
  let text: 'v' | 'f' | 'is' | null = null;
  let inPhonetic = false;
  let inflated = 0;

  const flush = () => {
    if (options.signal?.aborted) throw new ImportError('cancelled', 'the import was cancelled');
    options.onBatch(batch);
    // Progress in file bytes: the share of the sheet inflated so far.
    const total = options.totalBytes ?? entry.compressedSize;
    options.onBytes?.(entry.uncompressedSize > 0 ? Math.min(total, Math.round((total * inflated) / entry.uncompressedSize)) : total);
    batch = [];
  };

  try {
    await parseEntry(
      zip,
      entry,
      {
        onopentag(name, attributes) {
          switch (local(name)) {
            case 'row': {
              const r = Number(attributes.r);
              rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
              cells = [];
              column = -1;
              break;
            }
            case 'c':
              column = columnIndex(attributes.r) ?? column + 1;
              type = attributes.t;
              value = null;
              formula = null;
              inline = null;
              break;
            case 'v':
              text = 'v';
              value = '';
              break;
            case 'f':
              text = 'f';
              formula = '';
              break;
            case 'is':
              text = 'is';
              inline = '';
              break;
            case 'rPh':
              inPhonetic = true;
              break;
          }
        },
        ontext(chunk) {
          if (text === 'v') value += chunk;
          else if (text === 'f') formula += chunk;
          else if (text === 'is' && !inPhonetic) inline += chunk;
        },
        onclosetag(name) {
          switch (local(name)) {
            case 'v':
            case 'f':
              text = null;
              break;
            case 'is':
              text = null;
              break;
            case 'rPh':
              inPhonetic = false;
              break;
            case 'c':
              if (column >= 0) {
                while (cells.length < column) cells.push(null);
                cells[column] = cellValue(type, value, formula, inline, shared);
              }
              break;
            case 'row':
              rows++;
              batch.push({ row: rowNumber, cells });
              if (options.stopAfterRows !== undefined && rows >= options.stopAfterRows) throw new StopReading();
              if (batch.length >= BATCH_ROWS) flush();
              break;
          }
        },
      },
      (bytes) => {
        inflated = bytes;
      },
    );
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  flush();
  return rows;
}
