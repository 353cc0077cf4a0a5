import type { DeviceStatus } from '../../../../shared/sync/protocol';

/** Work waiting this long on a desktop is at risk of being done twice, or lost with the machine. */
export const STALE_PENDING_MS = 60 * 60_000;
/** Desktops report every few minutes while running; this much silence means off, or cut off. */
export const SILENT_HEARTBEAT_MS = 15 * 60_000;

export interface DeviceHealth {
  stalePending: boolean;
  silent: boolean;
}

/** What a lead should look at on a team member's desktop. A device never heard from counts as silent. */
export function deviceHealth(device: Pick<DeviceStatus, 'pending' | 'oldestPendingAt' | 'heartbeatAt'>, now: number): DeviceHealth {
  return {
    stalePending: device.pending > 0 && device.oldestPendingAt !== null && now - device.oldestPendingAt > STALE_PENDING_MS,
    silent: device.heartbeatAt === null || now - device.heartbeatAt > SILENT_HEARTBEAT_MS,
  };
}
