import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Where the hub session token is kept: the OS keychain in Electron, a private file otherwise. */
export interface SecretStore {
  read(): string | null;
  write(secret: string): void;
  clear(): void;
}

/** A file only the user can read (mode 0600), for the browser host and plain Node. */
export function fileSecretStore(file: string): SecretStore {
  return {
    read: () => (existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null),
    write(secret) {
      writeFileSync(file, secret, { mode: 0o600 });
      // writeFileSync keeps the mode of a file that already existed.
      chmodSync(file, 0o600);
    },
    clear: () => rmSync(file, { force: true }),
  };
}
