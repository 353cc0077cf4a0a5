/**
 * What kind of file the user picked, from its first bytes rather than its name: CRMs save HTML
 * tables as ".xls", users rename files, and an .xlsx is a ZIP whatever it is called.
 *
 * Public API:
 *   sniffFile(path, encoding?): Promise<SniffedFile>     throws ImportError for what cannot be imported
 *   SAMPLE_BYTES
 *
 * Refused with a message that says what to do: empty files (0 bytes, or only a BOM and blanks),
 * legacy .xls and password-protected workbooks (both OLE2 containers), HTML or XML pretending
 * to be a spreadsheet, and binary files (NUL bytes or control characters in text that has no
 * UTF-16 BOM).
 */
import { open, stat } from 'node:fs/promises';
import { ImportError } from '../../shared/import/import-error';
import { bomOf, decodeSample, detectEncoding, type EncodingGuess, type SupportedEncoding } from './detect-encoding';

export const SAMPLE_BYTES = 1024 * 1024;

export type SniffedFile =
  | { format: 'xlsx'; bytes: number }
  | { format: 'csv'; bytes: number; encoding: EncodingGuess };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(sample: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => sample[i] === byte);
}

async function readSample(path: string): Promise<{ sample: Uint8Array; bytes: number }> {
  const info = await stat(path);
  if (!info.isFile()) throw new ImportError('not_spreadsheet', 'not a CSV or XLSX file (it is not a file at all)');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { sample: buffer.subarray(0, bytesRead), bytes: info.size };
  } finally {
    await handle.close();
  }
}

export async function sniffFile(path: string, override?: SupportedEncoding): Promise<SniffedFile> {
  const { sample, bytes } = await readSample(path);
  if (bytes === 0) throw new ImportError('empty_file', 'the file has no rows (it is empty)');
  if (startsWith(sample, ZIP)) return { format: 'xlsx', bytes };
  if (startsWith(sample, OLE2)) {
    throw new ImportError('legacy_xls', 'this is an old Excel .xls workbook or a password-protected workbook; open it in Excel and save it as .xlsx (without a password) or as CSV');
  }
  const bom = bomOf(sample);
  if (!bom && !override?.startsWith('utf-16') && looksBinary(sample)) {
    throw new ImportError('not_spreadsheet', 'not a CSV or XLSX file');
  }
  const guess: EncodingGuess = override ? { encoding: override, basis: 'override', confidence: 'high', undecodable: 0 } : detectEncoding(sample, sample.length === bytes);
  const head = decodeSample(sample.subarray(0, 4096), guess.encoding).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (head === '' && bytes <= sample.length) throw new ImportError('empty_file', 'the file has no rows (it holds only blanks)');
  if (head.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      throw new ImportError('legacy_xls', 'this is an Excel 2003 XML workbook; open it in Excel and save it as .xlsx or CSV');
    }
    if (/<(?:!doctype html|html|table|head|body|meta)\b/.test(head)) {
      throw new ImportError('html_table', 'this is a web page (HTML) saved under a spreadsheet name, as some CRMs export; open it in Excel and save it as .xlsx or CSV');
    }
  }
  if (head.startsWith('{\\rtf') || head.startsWith('%pdf')) throw new ImportError('not_spreadsheet', 'not a CSV or XLSX file');
  return { format: 'csv', bytes, encoding: guess };
}

/** NUL bytes, or more than 1% control characters other than tab, CR, LF, FF. */
function looksBinary(sample: Uint8Array): boolean {
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1a) control++;
  }
  return control > sample.length / 100;
}
