/** The two IPC channels the contract travels on in Electron. */
export const IPC_CALL_CHANNEL = 'carecall:call';
export const IPC_EVENT_CHANNEL = 'carecall:event';
