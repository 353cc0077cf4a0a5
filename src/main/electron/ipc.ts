import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES } from '../../shared/api/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL } from '../../shared/api/ipc-channels';
import type { Core } from '../core';

/**
 * Binds the contract to IPC. Only our own window's main frame may call: any other sender
 * (a stray frame, a webview) gets an unauthorized result without reaching the core.
 */
export function bindIpc(core: Core, window: BrowserWindow): () => void {
  const isOurs = (event: IpcMainInvokeEvent): boolean =>
    event.sender.id === window.webContents.id && event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame;
  ipcMain.handle(IPC_CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isOurs(event)) return { ok: false, error: { code: 'unauthorized', message: 'Calls are only accepted from the CareCall window.' } };
    return core.dispatch(name, input);
  });
  ipcMain.handle(IPC_UPLOAD_CHANNEL, (event, fileName: unknown, bytes: unknown) => {
    if (!isOurs(event)) return { ok: false, error: { code: 'unauthorized', message: 'Files are only accepted from the CareCall window.' } };
    if (typeof fileName !== 'string' || !(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))) {
      return { ok: false, error: { code: 'invalid_input', message: 'upload takes a file name and its bytes' } };
    }
    const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return core.upload(fileName, view);
  });
  const unsubscribers = EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_UPLOAD_CHANNEL);
    unsubscribers.forEach((off) => off());
  };
}
