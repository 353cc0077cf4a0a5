/**
 * Runs import jobs on a worker thread so the main process (and with it the UI) stays responsive
 * while a 100k-row file is read and cleaned.
 *
 * Public API:
 *   previewInWorker(path, options?, host?): RunningImport<FilePreview>
 *   parseInWorker(path, options?, host?): RunningImport<ParsedImport>
 *   RunningImport<T> = { result: Promise<T>; cancel(): void }
 *   HostOptions = { onProgress?, workerEntry? }
 *
 * cancel() asks the worker to stop at its next batch; if it has not stopped within 2 s the
 * thread is terminated. Either way `result` rejects with ImportError('cancelled'). The worker
 * never writes anywhere, so a cancelled job leaves nothing behind.
 *
 * Where the worker script is: `workerEntry` when given; else, when this module runs from the
 * TypeScript sources (tests, tsx), import-worker.ts loaded through tsx; else import-worker.js
 * next to the bundle or one folder up (electron-vite puts shared code in out/main/chunks/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { ImportError } from '../../shared/import/import-error';
import type { ImportJob, WorkerMessage } from './import-protocol';
import type { FilePreview, ImportProgress, ParseOptions, ParsedImport, ReadOptions } from './read-file';
import type { ImportKind } from '../../shared/import/column-mapping';

export interface RunningImport<T> {
  result: Promise<T>;
  cancel(): void;
}

export interface HostOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** The worker script (a built import-worker.js); found automatically when absent. */
  workerEntry?: string | URL;
}

const CANCEL_GRACE_MS = 2000;

export function previewInWorker(
  path: string,
  options: Omit<ReadOptions, 'signal' | 'onProgress'> & { rows?: number; kind?: ImportKind } = {},
  host: HostOptions = {},
): RunningImport<FilePreview> {
  return start({ type: 'preview', path, options }, host, (result) => {
    if (result.type !== 'preview') throw new Error('worker answered a preview with a parse');
    return result.preview;
  });
}

export function parseInWorker(path: string, options: Omit<ParseOptions, 'signal' | 'onProgress'> = {}, host: HostOptions = {}): RunningImport<ParsedImport> {
  return start({ type: 'parse', path, options }, host, (result) => {
    if (result.type !== 'parse') throw new Error('worker answered a parse with a preview');
    return result.parsed;
  });
}

function start<T>(job: ImportJob, host: HostOptions, pick: (result: Extract<WorkerMessage, { type: 'done' }>['result']) => T): RunningImport<T> {
  const { entry, options } = resolveWorker(host.workerEntry);
  const worker = new Worker(entry, { ...options, workerData: job });
  let settled = false;
  let cancelTimer: NodeJS.Timeout | null = null;
  let rejectResult: (error: unknown) => void = () => {};

  const result = new Promise<T>((resolve, reject) => {
    rejectResult = reject;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      if (cancelTimer) clearTimeout(cancelTimer);
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (!settled) host.onProgress?.(message.progress);
      } else if (message.type === 'done') {
        finish(() => {
          try {
            resolve(pick(message.result));
          } catch (error) {
            reject(error);
          }
        });
      } else {
        finish(() => reject(new ImportError(message.error.code, message.error.message, message.error.details)));
      }
    });
    worker.on('error', (error) => finish(() => reject(new ImportError('read_failed', `the import worker failed: ${error.message}`))));
    worker.on('exit', (code) => finish(() => reject(new ImportError('read_failed', `the import worker stopped (exit code ${code}) before it answered`))));
  });

  return {
    result,
    cancel() {
      if (settled) return;
      worker.postMessage({ type: 'cancel' });
      cancelTimer ??= setTimeout(() => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        rejectResult(new ImportError('cancelled', 'the import was cancelled'));
      }, CANCEL_GRACE_MS);
    },
  };
}

function resolveWorker(given: string | URL | undefined): { entry: string | URL; options: WorkerOptions } {
  if (given) return { entry: given, options: {} };
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // Running from sources: Node 20 cannot load .ts itself, so the worker imports it through tsx.
    const tsxApi = pathToFileURL(tsxEsmApi()).href;
    const workerTs = pathToFileURL(join(dirname(here), 'import-worker.ts')).href;
    const code = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(workerTs)}, ${JSON.stringify(import.meta.url)}))`;
    return { entry: code, options: { eval: true } };
  }
  for (const candidate of [join(dirname(here), 'import-worker.js'), join(dirname(here), '..', 'import-worker.js')]) {
    if (existsSync(candidate)) return { entry: candidate, options: {} };
  }
  throw new ImportError('read_failed', `the import worker (import-worker.js) is not next to ${here}; the build must emit it as its own entry`);
}

/** tsx's ESM API file, from its package exports (require.resolve would give the CommonJS one). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports as Record<string, { import?: { default?: string } }>;
  const target = exports['./esm/api']?.import?.default;
  if (!target) throw new ImportError('read_failed', 'tsx has no ESM API; the import worker cannot run from the TypeScript sources');
  return join(dirname(manifest), target);
}
