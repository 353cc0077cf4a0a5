import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'CareCall';

/**
 * The per-user data folder: the same place Electron's userData points to (appData/CareCall),
 * so the desktop app and the browser host share one store. CARECALL_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CARECALL_DATA_DIR) return env.CARECALL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
