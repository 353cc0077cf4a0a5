/**
 * The messages between import-host.ts and import-worker.ts. Only data crosses (structured
 * clone): options without callbacks or signals, errors as ImportErrorData.
 */
import type { ImportKind } from '../../shared/import/column-mapping';
import type { ImportErrorData } from '../../shared/import/import-error';
import type { FilePreview, ImportProgress, ParseOptions, ParsedImport, ReadOptions } from './read-file';

type DataOnly<T> = Omit<T, 'signal' | 'onProgress'>;

export type ImportJob =
  | { type: 'preview'; path: string; options: DataOnly<ReadOptions> & { rows?: number; kind?: ImportKind } }
  | { type: 'parse'; path: string; options: DataOnly<ParseOptions> };

export type WorkerResult = { type: 'preview'; preview: FilePreview } | { type: 'parse'; parsed: ParsedImport };

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: WorkerResult }
  | { type: 'failed'; error: ImportErrorData };
