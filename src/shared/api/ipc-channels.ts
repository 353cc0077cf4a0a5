/** The two IPC channels the contract travels on in Electron. */
export const IPC_CALL_CHANNEL = 'carecall:call';
export const IPC_EVENT_CHANNEL = 'carecall:event';
/** Files for import: bytes, not a contract call (too big for one, and never a path the page chose). */
export const IPC_UPLOAD_CHANNEL = 'carecall:upload';
