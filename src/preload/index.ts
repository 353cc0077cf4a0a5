import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CareCallBridge } from '../shared/api/bridge';
import type { ApiResult } from '../shared/api/result';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL } from '../shared/api/ipc-channels';

/** Exposes exactly the typed API: one call function and event subscription, nothing of Node or Electron. */
const bridge: CareCallBridge = {
  transport: 'ipc',
  call: (name, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<ApiResult<unknown>>,
  upload: (fileName, bytes) => ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, fileName, bytes) as Promise<ApiResult<{ fileId: string }>>,
  on(event, listener) {
    const handler = (_: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('carecall', bridge);
