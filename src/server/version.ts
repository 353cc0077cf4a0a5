import packageJson from '../../package.json' with { type: 'json' };

/** The hub ships with the desktop app and carries its version. */
export const HUB_VERSION: string = packageJson.version;
