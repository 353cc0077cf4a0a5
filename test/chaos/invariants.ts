import type { RowData } from '../../src/shared/sync/synced-tables';
import { scopeNeverLeaks } from './scope-check';
import { verdict, type InvariantResult } from './verdict';
import { normalise, rowId, type DesktopEvidence, type Evidence } from './settle';
import type { World } from './world';

const short = (id: string) => id.slice(-8);
const label = (key: string) => key.replace('\u0000', ' ');

/** 1. Every mutation a desktop reported saved is in the hub's log or still in its outbox; every store file is intact. */
function savedSurvive(evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  for (const desktop of evidence.desktops) {
    const logged = new Set((evidence.log.get(desktop.clientId) ?? []).map((row) => row.mutationId));
    const pending = new Set(desktop.dump.outbox.map((row) => row.id));
    for (const saved of desktop.saved) {
      if (!logged.has(saved.id) && !pending.has(saved.id)) problems.push(`${desktop.name}: saved ${saved.name} ${saved.id} (seq ${saved.seq}) is neither in the hub's mutation_log nor in the outbox`);
    }
    if (desktop.dump.integrity !== 'ok') problems.push(`${desktop.name}: PRAGMA integrity_check says ${desktop.dump.integrity}`);
  }
  return verdict('1. saved mutations survive; store files intact', problems);
}

/** Mutations forged under a desktop's own client id: in its log on the hub, but not its own. */
function forgedIds(world: World): Set<string> {
  return new Set(world.events.forged.flatMap((attempt) => attempt.mutationIds));
}

/**
 * 2. The hub applied each mutation once, numbered 1..N without gaps, in the order the desktop saved
 * them. (A desktop whose numbers were taken renumbers its pending mutations after the hub's last,
 * so a mutation may be logged at another number than it was saved with, never out of order.)
 */
function exactlyOnceInOrder(evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  for (const desktop of evidence.desktops) {
    const rows = evidence.log.get(desktop.clientId) ?? [];
    rows.forEach((row, index) => {
      if (row.seq !== index + 1) problems.push(`${desktop.name}: mutation_log has seq ${row.seq} at position ${index + 1} (gap or duplicate)`);
    });
    const ids = new Set<string>();
    for (const row of rows) {
      if (ids.has(row.mutationId)) problems.push(`${desktop.name}: mutation ${row.mutationId} (${row.name}) is logged twice`);
      ids.add(row.mutationId);
    }
    let lastSeq = 0;
    for (const saved of desktop.saved) {
      if (saved.seq <= lastSeq) problems.push(`${desktop.name}: saved seq ${saved.seq} after seq ${lastSeq}`);
      lastSeq = Math.max(lastSeq, saved.seq);
    }
    const savedIds = new Set(desktop.saved.map((saved) => saved.id));
    const hubOrder = rows.filter((row) => savedIds.has(row.mutationId)).map((row) => row.mutationId);
    const desktopOrder = desktop.saved.filter((saved) => ids.has(saved.id)).map((saved) => saved.id);
    const at = hubOrder.findIndex((id, index) => id !== desktopOrder[index]);
    if (at >= 0 || hubOrder.length !== desktopOrder.length) {
      problems.push(`${desktop.name}: the hub applied saved mutations in another order (first difference at ${at}: hub ${hubOrder[at]}, desktop ${desktopOrder[at]})`);
    }
  }
  return verdict('2. each mutation applied exactly once, in per-client order', problems);
}

/** 3. Everything a desktop created is applied, rejected (and shown there) or pending: disjoint, nothing missing. */
function everythingAccounted(world: World, evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  const forged = forgedIds(world);
  const lead = evidence.desktops.find((desktop) => desktop.name === world.lead.name);
  const leadLog = new Map((evidence.log.get(lead?.clientId ?? '') ?? []).map((row) => [row.mutationId, row]));
  const deleted = new Set(world.events.deleted.map((deletion) => deletion.taskId));
  for (const race of world.events.races) {
    for (const id of race.mutationIds) {
      const row = leadLog.get(id);
      // Lost to the admin's move, or (when the admin also deleted the task meanwhile) refused as deleted.
      const lost = row?.status === 'rejected' && (row.code === 'lost_race' || deleted.has(race.taskId));
      if (!lost) problems.push(`lead: reassignment ${id} of task ${race.taskId}, made on a stale view, ended ${row ? `${row.status} ${row.code ?? ''}` : 'nowhere'} instead of rejected lost_race`);
    }
  }
  if (world.events.races.length === 0) problems.push('no reassignment race was run (nothing was tested)');
  for (const desktop of evidence.desktops) {
    const rows = evidence.log.get(desktop.clientId) ?? [];
    const pending = desktop.dump.outbox;
    const pendingIds = new Set(pending.map((row) => row.id));
    const seqs = [...rows.map((row) => row.seq), ...pending.map((row) => row.seq)].sort((a, b) => a - b);
    // Every number the desktop gave out is logged on the hub or pending; numbers past it only forged.
    const issued = desktop.dump.lastIssuedSeq;
    const top = Math.max(issued, rows.at(-1)?.seq ?? 0);
    const expected = Array.from({ length: top }, (_, index) => index + 1);
    if (seqs.join(',') !== expected.join(',')) {
      const missing = expected.filter((seq) => !seqs.includes(seq));
      problems.push(`${desktop.name}: numbers 1..${top} were given out, but applied+rejected+pending cover ${seqs.length} (missing ${missing.slice(0, 10).join(', ') || 'none'}; duplicates or extras otherwise)`);
    }
    for (const row of rows) {
      if (row.seq > issued && !forged.has(row.mutationId)) problems.push(`${desktop.name}: the hub logged ${row.name} ${row.mutationId} at ${row.seq}, past the last number the desktop gave out (${issued})`);
    }
    for (const row of rows) if (pendingIds.has(row.mutationId)) problems.push(`${desktop.name}: ${row.mutationId} is both ${row.status} on the hub and pending in the outbox`);
    const shown = new Map(desktop.dump.rejections.map((rejection) => [rejection.mutationId, rejection]));
    const rejected = rows.filter((row) => row.status === 'rejected');
    // A forged mutation's rejection is the hub's business; the desktop need not show what it never did.
    for (const row of rejected.filter((candidate) => !forged.has(candidate.mutationId))) {
      const seen = shown.get(row.mutationId);
      if (!seen) problems.push(`${desktop.name}: ${row.name} ${row.mutationId} (seq ${row.seq}) was rejected ${row.code} but is not in sync_rejections`);
      else if (seen.code !== row.code) problems.push(`${desktop.name}: ${row.mutationId} shows code ${seen.code}, the hub says ${row.code}`);
    }
    const rejectedIds = new Set(rejected.map((row) => row.mutationId));
    for (const rejection of desktop.dump.rejections) {
      if (!rejectedIds.has(rejection.mutationId)) problems.push(`${desktop.name}: sync_rejections shows ${rejection.mutationId} (${rejection.name}), which the hub did not reject`);
    }
  }
  return verdict('3. created = applied + rejected (visible) + pending; lost races rejected', problems);
}

function diff(actual: Map<string, RowData>, expected: Map<string, RowData>): string[] {
  const problems: string[] = [];
  for (const [key, row] of expected) {
    const mine = actual.get(key);
    if (!mine) {
      problems.push(`missing ${label(key)}`);
      continue;
    }
    const column = Object.keys(row).find((name) => (mine[name] ?? null) !== (row[name] ?? null));
    if (column) problems.push(`differs ${label(key)}: ${column} is ${JSON.stringify(mine[column])}, the hub has ${JSON.stringify(row[column])}`);
  }
  for (const key of actual.keys()) if (!expected.has(key)) problems.push(`extra ${label(key)}`);
  return problems;
}

function cursorVersion(cursor: string | undefined): number | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof value[3] === 'number' ? value[3] : null;
  } catch {
    return null;
  }
}

function replica(desktop: DesktopEvidence): Map<string, RowData> {
  const rows = new Map<string, RowData>();
  for (const [table, byKey] of Object.entries(desktop.dump.rows)) {
    for (const [key, row] of Object.entries(byKey)) rows.set(rowId(table, key), normalise(table, row));
  }
  return rows;
}

/** 4. After settling each desktop holds exactly the hub's data for its scope, pulled to the end, with nothing pending. */
function replicasMatchHub(evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  for (const desktop of evidence.desktops) {
    for (const problem of diff(replica(desktop), desktop.hubView)) problems.push(`${desktop.name}: ${problem}`);
    if (desktop.dump.outbox.length > 0) problems.push(`${desktop.name}: ${desktop.dump.outbox.length} mutation(s) still pending (${desktop.dump.outbox.map((row) => short(row.id)).join(', ')})`);
    const version = cursorVersion(desktop.dump.state.cursor);
    if (version !== evidence.hubVersion) problems.push(`${desktop.name}: its cursor is at version ${version}, the hub at ${evidence.hubVersion} (no final pull)`);
  }
  return verdict("4. each desktop's rows equal the hub's view of its scope", problems);
}

/** 5. Replaying every pull answer a desktop was handed gives exactly a full read of its scope. */
function pullsReplay(evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  for (const desktop of evidence.desktops) {
    const replay = new Map<string, RowData>();
    for (const page of desktop.pulls) {
      if (page.reset) replay.clear();
      for (const row of page.rows) {
        if (row.data === null) replay.delete(rowId(row.t, row.id));
        else replay.set(rowId(row.t, row.id), normalise(row.t, row.data));
      }
    }
    if (desktop.pulls.length === 0) problems.push(`${desktop.name}: no pull was ever delivered`);
    for (const problem of diff(replay, desktop.hubView)) problems.push(`${desktop.name}: replayed pulls: ${problem}`);
    const version = cursorVersion(desktop.pulls.at(-1)?.cursor);
    if (version !== evidence.hubVersion) problems.push(`${desktop.name}: the last pull delivered ends at version ${version}, the hub is at ${evidence.hubVersion}`);
  }
  return verdict('5. the union of pulls delivered equals a full read at the final cursor', problems);
}

/** 7. Deleted tasks stay deleted: no desktop holds them, and offline work on them came back rejected and shown. */
function deletionsStick(world: World, evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  for (const { taskId } of world.events.deleted) {
    const meta = evidence.entities.get(rowId('callback_tasks', taskId));
    if (!meta?.deleted) problems.push(`task ${taskId} was deleted by the admin, but the hub holds it live again`);
    for (const desktop of evidence.desktops) {
      if (desktop.dump.rows.callback_tasks?.[taskId]) problems.push(`${desktop.name} still has deleted task ${taskId}`);
    }
  }
  for (const edit of world.events.offlineEdits) {
    const desktop = evidence.desktops.find((candidate) => candidate.name === edit.desktop);
    const rows = new Map((evidence.log.get(desktop?.clientId ?? '') ?? []).map((row) => [row.mutationId, row]));
    const shown = new Set(desktop?.dump.rejections.map((rejection) => rejection.mutationId));
    for (const id of edit.mutationIds) {
      const row = rows.get(id);
      if (!row) problems.push(`${edit.desktop}: offline edit ${id} of deleted task ${edit.taskId} never reached the hub`);
      else if (row.status !== 'rejected') problems.push(`${edit.desktop}: offline edit ${row.name} ${id} of deleted task ${edit.taskId} was APPLIED`);
      else if (!shown.has(id)) problems.push(`${edit.desktop}: the rejection of ${row.name} ${id} (deleted task ${edit.taskId}) is not shown`);
    }
  }
  if (world.events.deleted.length === 0) problems.push('the run deleted no task (nothing was tested)');
  return verdict('7. deletions propagate and nothing deleted comes back', problems);
}

export function checkInvariants(world: World, evidence: Evidence): InvariantResult[] {
  return [
    savedSurvive(evidence),
    exactlyOnceInOrder(evidence),
    everythingAccounted(world, evidence),
    replicasMatchHub(evidence),
    pullsReplay(evidence),
    scopeNeverLeaks(world, evidence),
    deletionsStick(world, evidence),
  ];
}
