/** What the chaos harness and a desktop process (desktop-process.ts) say to each other. */
import type { RowData } from '../../src/shared/sync/synced-tables';

export interface DesktopConfig {
  dataDir: string;
  resourcesDir: string;
  skewMs: number;
  intervalMs: number;
  heartbeatMs: number;
  deviceName: string;
}

export interface SavedRow {
  seq: number;
  id: string;
  name: string;
}

export interface DesktopSnapshot {
  me: string | null;
  tasks: { id: string; customerId: string; assigned: string | null; status: string; isOpen: number }[];
  drafts: { callId: string; taskId: string; noteId: string | null }[];
  tickets: { id: string; customerId: string; owner: string | null; status: string }[];
  agents: { id: string; role: string }[];
  /** "table/id" of every row a still-pending outbox mutation changes. */
  pendingRows: string[];
}

export interface DesktopDump {
  rows: Record<string, Record<string, RowData>>;
  outbox: SavedRow[];
  rejections: { mutationId: string; seq: number; name: string; code: string; reason: string }[];
  integrity: string;
  state: Record<string, string>;
  lastIssuedSeq: number;
}
