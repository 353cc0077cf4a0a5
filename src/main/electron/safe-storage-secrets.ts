import { safeStorage } from 'electron';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../sync/secret-store';

/**
 * The hub session token, encrypted with the OS keychain (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux) through Electron's safeStorage, in a private file of the profile.
 * When the OS offers no encryption, the token is not kept at all and the agent signs in again
 * after a restart rather than leaving it readable.
 */
export function safeStorageSecrets(file: string, log: (message: string) => void): SecretStore {
  let memory: string | null = null;
  return {
    read() {
      if (memory) return memory;
      if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        memory = safeStorage.decryptString(readFileSync(file));
        return memory;
      } catch {
        log('the stored hub session could not be decrypted; sign in again');
        return null;
      }
    },
    write(secret) {
      memory = secret;
      if (!safeStorage.isEncryptionAvailable()) {
        log('no OS keychain: the hub session is kept in memory only');
        return;
      }
      writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
    },
    clear() {
      memory = null;
      rmSync(file, { force: true });
    },
  };
}
