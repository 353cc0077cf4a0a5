import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../browser-host/browser-host';

/**
 * The one window factory: locked-down webPreferences, a strict CSP on every response, and no
 * navigation or new windows. Nothing else in the app creates a BrowserWindow.
 */
export function createMainWindow(options: { preloadDir: string; rendererDir: string; devServerUrl?: string }): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // No permission (camera, geolocation, ...) is needed; notifications come from the main process.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: 'CareCall',
    webPreferences: {
      preload: join(options.preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(join(options.rendererDir, 'index.html'));
  return window;
}

/** Dial URIs (tel:, sip:, a softphone scheme) are opened by the OS, never by the renderer. */
export function openDialUri(uri: string): boolean {
  if (/^(javascript|file|data|https?):/i.test(uri)) return false;
  void shell.openExternal(uri);
  return true;
}
