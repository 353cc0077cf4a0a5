/**
 * Worker-thread entry of the CRM import: runs one preview or parse job (given as workerData)
 * with the plain functions of read-file.ts, posts progress while it reads, and answers a
 * { type: 'cancel' } message by stopping at the next batch. One job per worker: memory of a big
 * file goes away with the thread.
 *
 * Messages to the host: WorkerMessage (progress*, then exactly one done or failed).
 * Build: electron-vite must emit this file as its own entry, out/main/import-worker.js
 * (see import-host.ts for how it is found).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError, importErrorToData } from '../../shared/import/import-error';
import type { ImportJob, WorkerMessage } from './import-protocol';
import { parseImportFile, previewImportFile, type ImportProgress } from './read-file';

async function run(job: ImportJob, signal: AbortSignal, post: (message: WorkerMessage) => void): Promise<void> {
  try {
    const onProgress = (progress: ImportProgress) => post({ type: 'progress', progress });
    if (job.type === 'preview') {
      post({ type: 'done', result: { type: 'preview', preview: await previewImportFile(job.path, { ...job.options, signal }) } });
    } else {
      post({ type: 'done', result: { type: 'parse', parsed: await parseImportFile(job.path, { ...job.options, signal, onProgress }) } });
    }
  } catch (error) {
    const data =
      error instanceof ImportError
        ? importErrorToData(error)
        : { code: 'read_failed' as const, message: `the file could not be read: ${error instanceof Error ? error.message : String(error)}`, details: [] };
    post({ type: 'failed', error: data });
  }
}

if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  port.on('message', (message: { type?: string }) => {
    if (message?.type === 'cancel') controller.abort();
  });
  void run(workerData as ImportJob, controller.signal, (message) => port.postMessage(message)).finally(() => port.close());
}
