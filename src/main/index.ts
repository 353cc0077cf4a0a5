import { app, BrowserWindow, powerMonitor } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from './core';
import { bindAlertNotifier } from './electron/alert-notifier';
import { bindIpc } from './electron/ipc';
import { safeStorageSecrets } from './electron/safe-storage-secrets';
import { createMainWindow, openDialUri } from './electron/window';

/** Electron startup only: lifecycle, the window, binding the contract. The core knows nothing of Electron. */
app.setName('CareCall');
if (process.platform === 'win32') app.setAppUserModelId('com.carecall.desktop');
if (process.env.CARECALL_DATA_DIR) app.setPath('userData', process.env.CARECALL_DATA_DIR);

let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
    core = createCore({
      dataDir: app.getPath('userData'),
      resourcesDir,
      openDialUri,
      nativeBinding: process.env.CARECALL_SQLITE_BINDING,
      notificationsShownByHost: true,
      secrets: safeStorageSecrets(join(app.getPath('userData'), 'hub-session.bin'), (message) => console.warn(`CareCall: ${message}`)),
    });
    // After sleep or a network change, sync at once instead of waiting out the backoff.
    powerMonitor.on('resume', () => core?.clockChanged());
    powerMonitor.on('unlock-screen', () => core?.clockChanged());
    const window = createMainWindow({
      preloadDir: join(__dirname, '../preload'),
      rendererDir: join(__dirname, '../renderer'),
      devServerUrl: !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined,
    });
    bindIpc(core, window);
    bindAlertNotifier(core, window);
  });

  app.on('window-all-closed', () => {
    core?.close();
    core = null;
    app.quit();
  });
}
