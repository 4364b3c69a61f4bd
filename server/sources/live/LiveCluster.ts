import type { Snapshot, SourceProblem } from "@/server/core/model/snapshot";
import type { ClusterSource, RefreshSeconds } from "@/server/sources/types";
import { logStateChange } from "@/server/log";
import type { StateLog } from "./informer";
import { LiveSourceError } from "./problems";
import { snapshotFingerprint } from "./reshapeSnapshot";

/**
 * Where snapshots come from: the shared cache (sharedCache.ts, the default), fed by informers and paced AWS loops,
 * whose read() returns its current state without calling upstream; or a full read per refresh (PollingReader:
 * LBPATH_LIVE_CACHE=poll, and `npm run capture`).
 */
export interface SnapshotReader {
  read(): Promise<Snapshot>;
  close?(): Promise<void>;
  /** Push-based readers: start background work (informers, AWS loops) before the first viewer asks. */
  start?(): Promise<void>;
  /** Push-based readers: true once every informer has synced. */
  ready?(): boolean;
  /** Readers that know their real refresh rates (the shared cache): overrides LiveClusterOptions.refreshSeconds. */
  refreshSeconds?(): RefreshSeconds;
}

export type { RefreshSeconds };

export interface LiveClusterOptions {
  name: string;
  kind: "kubeconfig" | "in-cluster";
  /** Builds the reader on first use; a broken context throws here and only this cluster fails. */
  reader: () => SnapshotReader;
  refreshMs: number;
  /** How often each half is refreshed, for the API's `age.refreshSeconds` (stale = older than 2× this). */
  refreshSeconds?: RefreshSeconds;
  now?: () => number;
  /** Default: the process-wide logStateChange (one line per state change). */
  logState?: StateLog;
  /**
   * Start at construction so readiness does not wait for a viewer (a readiness probe would otherwise never
   * pass): the shared cache starts its informers; a polling reader does a first read, retried with backoff
   * (1 s doubling to 60 s) until it succeeds.
   */
  eager?: boolean;
}

/** After a failed read with nothing cached, callers get the same error for this long before the next attempt. */
const FAILURE_HOLD_MS = 5_000;

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

/**
 * A live cluster as a ClusterSource: serves the cached snapshot while it is younger than the refresh interval,
 * shares one read among concurrent callers (single flight), keeps the last good snapshot when a refresh fails
 * (adding a problem that says how old it is), and returns the same object while the data is unchanged.
 */
export class LiveCluster implements ClusterSource {
  readonly name: string;
  readonly kind: "kubeconfig" | "in-cluster";
  private readonly opts: LiveClusterOptions;
  private readonly now: () => number;
  private reader?: SnapshotReader;
  private good?: { snapshot: Snapshot; fingerprint: string; readAt: number };
  private served?: { snapshot: Snapshot; at: number };
  private failure?: { error: Error; at: number };
  private inflight?: Promise<Snapshot>;
  private warmTimer?: ReturnType<typeof setTimeout>;
  private closed = false;
  /** The reader cannot be built (a broken context, K8S_CONFIG): nothing to wait for. */
  private configError = false;

  constructor(opts: LiveClusterOptions) {
    this.opts = opts;
    this.name = opts.name;
    this.kind = opts.kind;
    this.now = opts.now ?? Date.now;
    if (opts.eager) {
      try {
        this.reader = opts.reader();
      } catch (e) {
        // A broken context: snapshot() builds the reader again and reports the error; log it now, once.
        this.noteReaderError(e);
        const cause = e instanceof LiveSourceError ? e.problems[0] : undefined;
        this.logState(cause?.code ?? "error", { message: cause?.message ?? String(e), fix: cause?.fix }, "error");
        return;
      }
      if (this.reader?.start) this.reader.start().catch(() => { /* surfaces through snapshot() */ });
      else this.warmUp(1_000);
    }
  }

  private warmUp(delayMs: number): void {
    this.snapshot().catch(() => {
      if (this.closed) return;
      this.warmTimer = setTimeout(() => this.warmUp(Math.min(delayMs * 2, 60_000)), delayMs);
      this.warmTimer.unref?.();
    });
  }

  snapshot(): Promise<Snapshot> {
    const t = this.now();
    if (this.served && t - this.served.at < this.opts.refreshMs) return Promise.resolve(this.served.snapshot);
    if (!this.served && this.failure && t - this.failure.at < Math.min(FAILURE_HOLD_MS, this.opts.refreshMs)) {
      return Promise.reject(this.failure.error);
    }
    this.inflight ??= this.refresh().finally(() => { this.inflight = undefined; });
    return this.inflight;
  }

  /**
   * Readiness: the reader's (shared cache: every informer settled) or a first good read (poll). A context that
   * cannot even be built (K8S_CONFIG) is ready at once: waiting cannot fix it, and the server must take traffic to
   * show its error next to the clusters that work.
   */
  ready(): boolean {
    if (this.configError) return true;
    return this.reader?.ready ? this.reader.ready() : this.good !== undefined;
  }

  /** The refresh interval of each half, for the API's `age.refreshSeconds`. */
  get refreshSeconds(): RefreshSeconds | undefined {
    return this.reader?.refreshSeconds?.() ?? this.opts.refreshSeconds;
  }

  private noteReaderError(e: unknown): void {
    this.configError = e instanceof LiveSourceError && e.problems.every((p) => p.code === "K8S_CONFIG");
  }

  private logState(state: string, fields: Record<string, unknown>, level: "info" | "warn" | "error"): void {
    (this.opts.logState ?? logStateChange)(`cluster:${this.name}`, state, { cluster: this.name, ...fields }, level);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.warmTimer);
    await this.reader?.close?.();
  }

  private async refresh(): Promise<Snapshot> {
    const started = this.now();
    try {
      if (!this.reader) {
        try {
          this.reader = this.opts.reader();
        } catch (e) {
          this.noteReaderError(e);
          throw e;
        }
      }
      const fresh = await this.reader.read();
      this.logState("ok", {}, "info");
      if (fresh === this.good?.snapshot) {
        // The reader itself kept the object (shared cache, nothing changed).
        this.good.readAt = started;
        this.failure = undefined;
        this.served = { snapshot: fresh, at: this.now() };
        return fresh;
      }
      const fingerprint = snapshotFingerprint(fresh);
      if (this.good?.fingerprint === fingerprint) {
        // Unchanged data: keep the object (per-snapshot indexes stay valid) but tell the truth about its age.
        this.good.snapshot.capturedAt = fresh.capturedAt;
        this.good.snapshot.ages = fresh.ages;
        this.good.readAt = started;
      } else {
        this.good = { snapshot: fresh, fingerprint, readAt: started };
      }
      this.failure = undefined;
      this.served = { snapshot: this.good.snapshot, at: this.now() };
      return this.good.snapshot;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.failure = { error, at: this.now() };
      const cause = error instanceof LiveSourceError ? error.problems[0] : undefined;
      this.logState(cause?.code ?? "error", { message: cause?.message ?? error.message, fix: cause?.fix, lastGood: this.good?.snapshot.capturedAt ?? null }, this.good ? "warn" : "error");
      if (!this.good) throw error;
      const stale: Snapshot = { ...this.good.snapshot, problems: [...(this.good.snapshot.problems ?? []), staleProblem(error, this.good, this.now())] };
      this.served = { snapshot: stale, at: this.now() };
      return stale;
    }
  }
}

function staleProblem(error: Error, good: { snapshot: Snapshot; readAt: number }, now: number): SourceProblem {
  const cause = error instanceof LiveSourceError ? error.problems[0] : undefined;
  return {
    code: cause?.code ?? "K8S_ERROR",
    source: cause?.source ?? "kubernetes",
    message: `showing the last good data, read ${formatAge(now - good.readAt)} ago (${good.snapshot.capturedAt}); the refresh failed: ${cause?.message ?? error.message}`,
    fix: cause?.fix ?? "see the server log",
    detail: cause?.detail,
  };
}
