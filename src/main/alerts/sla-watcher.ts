import TinyQueue from 'tinyqueue';
import { v7 as uuidv7 } from 'uuid';
import type { Alert, AlertSubject, AlertTarget } from '../../shared/api/alert-contract';
import type { Clock } from '../clock';

/** One instant at which an alert is due for a subject. Ids are stable: the same threshold never fires twice. */
export interface PlannedThreshold {
  id: string;
  target: AlertTarget;
  kind: 'warning' | 'breach';
  at: number;
  dueAt: number;
}

export interface WatchedSubject {
  subject: AlertSubject;
  subjectId: string;
  label: string;
  thresholds: PlannedThreshold[];
}

/** Where the watcher learns what to watch: subjects changed since an instant, and ones no longer open. */
interface QueueEntry {
  key: string;
  version: number;
  threshold: PlannedThreshold;
}

export interface SubjectSource {
  changedSince(since: number, now: number): { upsert: WatchedSubject[]; remove: string[] };
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WatcherOptions {
  clock: Clock;
  timers?: Timers;
  sources: SubjectSource[];
  /** Records the alerts that have not fired before (in one transaction) and returns those. */
  record(alerts: Alert[]): Alert[];
  /** Hands new alerts to the UI and the desktop notifier. */
  emit(fired: Alert[], notify: string[], atRisk: number): void;
  doNotDisturb(): boolean;
  /** A ticket target was breached: escalate it. */
  onBreach?(alert: Alert): void;
  /** Longest sleep between checks of the wall clock, so suspend/resume and clock changes are noticed. */
  maxSleepMs?: number;
  log?(message: string): void;
}

/** Desktop notifications per wake; the rest are summed up by the UI and all reach the alert centre. */
export const MAX_NOTIFICATIONS_PER_WAKE = 3;
/** Changed subjects planned per wake; the rest wait for the next turn of the event loop. */
const PLAN_SLICE = 5_000;

export const subjectKey = (subject: AlertSubject, id: string): string => `${subject}:${id}`;

/**
 * Fires SLA warnings and breaches exactly once each. It never relies on one long timer: it sleeps
 * until the next threshold but at most `maxSleepMs`, and on every wake compares the wall clock, so
 * a threshold that passed while the machine slept fires on wake (once), and a clock set back is
 * handled by re-reading everything.
 */
export class SlaWatcher {
  /** What each subject is now; queue entries of an older version are stale and skipped. */
  private readonly subjects = new Map<string, { subject: WatchedSubject; version: number }>();
  /** Every planned threshold by time, so a wake costs log(n) per threshold, not a scan of all. */
  private queue = new TinyQueue<QueueEntry>([], (a, b) => a.threshold.at - b.threshold.at);
  /** Thresholds handed to the store already (fired now, or before a restart), per subject. */
  private readonly handled = new Map<string, Set<string>>();
  /** Subjects with a warning or breach reached: the badge count. */
  private readonly passed = new Set<string>();
  /** Changed subjects read but not yet planned: a big import is taken in slices between firings. */
  private backlog: WatchedSubject[] = [];
  private readonly timers: Timers;
  private readonly maxSleep: number;
  private handle: unknown = null;
  private watermark = 0;
  private lastWake = 0;
  private running = false;
  private waking = false;
  private wakeAgain = false;

  constructor(private readonly options: WatcherOptions) {
    this.timers = options.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.maxSleep = options.maxSleepMs ?? 15_000;
  }

  start(): void {
    this.running = true;
    this.watermark = 0;
    this.wake();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Data or the clock changed: look again now rather than at the next planned wake. */
  poke(): void {
    if (this.running) this.wake();
  }

  /** Everything may have moved (a new SLA preset or calendar): plan all subjects again. */
  resync(): void {
    this.watermark = 0;
    this.poke();
  }

  /** Subjects with a warning or breach already reached: the tray/dock badge. */
  atRisk(): number {
    return this.passed.size;
  }

  private wake(): void {
    // A breach escalates the ticket, which is a data change, which pokes: finish this wake first.
    if (this.waking) {
      this.wakeAgain = true;
      return;
    }
    this.waking = true;
    try {
      do {
        this.wakeAgain = false;
        this.wakeOnce();
      } while (this.wakeAgain);
    } finally {
      this.waking = false;
    }
  }

  private wakeOnce(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    const now = this.options.clock.now();
    try {
      // A clock set back could hide changes stamped "in the future"; read everything again.
      if (now < this.lastWake) this.watermark = 0;
      this.lastWake = now;
      // Due thresholds first: planning a large batch of changes must not delay them.
      this.fireDue(now);
      this.refresh(now);
      this.fireDue(now);
    } catch (error) {
      this.options.log?.(`SLA watcher: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.running) this.scheduleNext(now);
  }

  private refresh(now: number): void {
    const since = this.watermark;
    // Rows written in this same millisecond after the read are caught by the next wake (>=).
    this.watermark = now;
    if (since === 0) {
      this.subjects.clear();
      this.handled.clear();
      this.passed.clear();
      this.backlog = [];
      this.queue = new TinyQueue<QueueEntry>([], (a, b) => a.threshold.at - b.threshold.at);
    }
    for (const source of this.options.sources) {
      const { upsert, remove } = source.changedSince(since, now);
      for (const key of remove) {
        this.subjects.delete(key);
        this.handled.delete(key);
        this.passed.delete(key);
      }
      if (remove.length > 0 && this.backlog.length > 0) {
        const gone = new Set(remove);
        this.backlog = this.backlog.filter((b) => !gone.has(subjectKey(b.subject, b.subjectId)));
      }
      for (const subject of upsert) this.backlog.push(subject);
    }
    for (const subject of this.backlog.splice(0, PLAN_SLICE)) {
      const key = subjectKey(subject.subject, subject.subjectId);
      const version = (this.subjects.get(key)?.version ?? 0) + 1;
      this.subjects.set(key, { subject, version });
      // Recounted as its thresholds come due again (already handled ones are skipped, but count).
      this.passed.delete(key);
      for (const threshold of subject.thresholds) this.queue.push({ key, version, threshold });
    }
  }

  private isCurrent(entry: QueueEntry): boolean {
    return this.subjects.get(entry.key)?.version === entry.version;
  }

  private fireDue(now: number): void {
    const due: Alert[] = [];
    for (let top = this.queue.peek(); top && top.threshold.at <= now; top = this.queue.peek()) {
      this.queue.pop();
      if (!this.isCurrent(top)) continue;
      const { subject } = this.subjects.get(top.key)!;
      this.passed.add(top.key);
      let handled = this.handled.get(top.key);
      if (!handled) this.handled.set(top.key, (handled = new Set()));
      const t = top.threshold;
      if (handled.has(t.id)) continue;
      handled.add(t.id);
      due.push({
        id: uuidv7(), subject: subject.subject, subjectId: subject.subjectId, subjectLabel: subject.label, target: t.target, kind: t.kind,
        thresholdId: t.id, dueAt: t.dueAt, thresholdAt: t.at, firedAt: now, readAt: null,
      });
    }
    if (due.length === 0) return;
    // The store refuses thresholds that fired before a restart; only the new ones are shown.
    const fired = this.options.record(due);
    if (fired.length === 0) return;
    const notify = this.choose(fired);
    this.options.emit(fired, notify, this.atRisk());
    for (const alert of fired) if (alert.kind === 'breach' && alert.subject === 'ticket' && alert.target !== 'escalation') this.options.onBreach?.(alert);
  }

  /**
   * After a sleep several thresholds of one target may have passed: only the latest is worth a
   * notification. Breaches first; do-not-disturb holds back warnings, never a breach.
   */
  private choose(fired: Alert[]): string[] {
    const latest = new Map<string, Alert>();
    for (const a of fired) {
      const k = `${a.subject}:${a.subjectId}:${a.target}`;
      const seen = latest.get(k);
      if (!seen || a.thresholdAt > seen.thresholdAt || (a.thresholdAt === seen.thresholdAt && a.kind === 'breach')) latest.set(k, a);
    }
    const dnd = this.options.doNotDisturb();
    return [...latest.values()]
      .filter((a) => !dnd || a.kind === 'breach')
      .sort((a, b) => (a.kind === b.kind ? a.thresholdAt - b.thresholdAt : a.kind === 'breach' ? -1 : 1))
      .slice(0, MAX_NOTIFICATIONS_PER_WAKE)
      .map((a) => a.id);
  }

  private scheduleNext(now: number): void {
    let top = this.queue.peek();
    while (top && !this.isCurrent(top)) {
      this.queue.pop();
      top = this.queue.peek();
    }
    // More of a big batch to plan: come back at once, after other work has had its turn.
    const next = this.backlog.length > 0 ? now : top ? top.threshold.at : Number.POSITIVE_INFINITY;
    const delay = Math.max(0, Math.min(next - now, this.maxSleep));
    this.handle = this.timers.setTimeout(() => this.wake(), delay);
  }
}
