/**
 * Streams a CSV (or tab-separated "Unicode text") file as raw rows in batches: the bytes are
 * decoded by iconv-lite as they are read and parsed by papaparse, so a 100k-row file is never
 * held whole as JS objects.
 *
 * Public API:
 *   readCsvRows(path, options): Promise<{ rows: number; decodeErrors: number; delimiter: string }>
 *
 * Row numbers are record numbers, as Excel shows them when it opens the file (a quoted cell with
 * a line break is still one row). The delimiter is guessed by papaparse (comma, tab, semicolon, |).
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { ImportError } from '../../shared/import/import-error';
import type { RawRow } from '../../shared/import/raw-cell';
import type { SupportedEncoding } from './detect-encoding';

export interface StreamRowsOptions {
  /** Called with each batch, in order; a throw stops the read and rejects with it. */
  onBatch: (rows: RawRow[]) => void;
  /** Called after each batch with the bytes of the file read so far. */
  onBytes?: (bytesRead: number) => void;
  signal?: AbortSignal;
  /** Stop quietly after this many rows (previews). */
  stopAfterRows?: number;
  /** XLSX: called once the sheet is found, before its first batch. */
  onSheet?: (meta: { date1904: boolean }) => void;
}

export async function readCsvRows(
  path: string,
  encoding: SupportedEncoding,
  options: StreamRowsOptions,
): Promise<{ rows: number; decodeErrors: number; delimiter: string }> {
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const decoder = iconv.decodeStream(encoding === 'gbk' ? 'gb18030' : encoding, { stripBOM: true });
  input.pipe(decoder);

  let rowNumber = 0;
  let decodeErrors = 0;
  let delimiter = ',';
  let failure: unknown = null;

  await new Promise<void>((resolve, reject) => {
    const stop = (parser: Papa.Parser, error: unknown) => {
      failure = error;
      parser.abort();
    };
    Papa.parse<string[]>(decoder as unknown as Papa.LocalFile, {
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        delimiter = results.meta.delimiter || delimiter;
        try {
          if (options.signal?.aborted) throw new ImportError('cancelled', 'the import was cancelled');
          const batch: RawRow[] = [];
          for (const cells of results.data) {
            rowNumber++;
            for (const cell of cells) if (cell.includes('\ufffd')) decodeErrors++;
            batch.push({ row: rowNumber, cells });
            if (options.stopAfterRows !== undefined && rowNumber >= options.stopAfterRows) break;
          }
          options.onBatch(batch);
          options.onBytes?.(bytesRead);
          if (options.stopAfterRows !== undefined && rowNumber >= options.stopAfterRows) parser.abort();
        } catch (error) {
          stop(parser, error);
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(new ImportError('read_failed', `the CSV file could not be read: ${error.message}`)),
    });
    decoder.on('error', (error: Error) => reject(new ImportError('read_failed', `the CSV file could not be decoded: ${error.message}`)));
    input.on('error', (error: Error) => reject(new ImportError('read_failed', `the file could not be read: ${error.message}`)));
  }).finally(() => {
    input.destroy();
    (decoder as unknown as { destroy?: () => void }).destroy?.();
  });
  if (failure) throw failure;
  return { rows: rowNumber, decodeErrors, delimiter };
}
