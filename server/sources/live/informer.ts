import { Watch, type KubeConfig } from "@kubernetes/client-node";
import type { SourceProblem } from "@/server/core/model/snapshot";
import { logStateChange } from "@/server/log";
import { kubernetesProblem, type KubeOp } from "./problems";
import { timeoutOptions } from "./readKubernetes";
import { isNotInstalled } from "./extraResources";

/**
 * One resource type of one cluster kept current with list + watch (the shared cache, issue 5), on the real
 * client's `Watch`. The list is paginated (`limit`, every `continue`); objects are trimmed on arrival (Pods are
 * most of a cluster); a watch that ends is resumed from the last resourceVersion; 410 Gone (compacted
 * resourceVersion) relists silently; other errors back off with jitter. `synced` is true after the first full list.
 * While the watch is broken the store keeps the last objects (the last good data stays up) and `currentAt()`
 * stays at the moment it broke, so the snapshot's Kubernetes age says how old they are. State changes (ok ↔ a
 * problem code) are logged once each, not per retry.
 */

/** Log one line when `state` differs from the last one for `key` (server/log.ts logStateChange). */
export type StateLog = (key: string, state: string, fields?: Record<string, unknown>, level?: "info" | "warn" | "error") => boolean;

/** Refusals that waiting will not change: the informer counts as settled (readiness) with its problem shown. */
const FINAL = new Set(["K8S_FORBIDDEN", "K8S_NOT_FOUND", "K8S_UNAUTHORIZED"]);

const QUICK_END_MS = 1_000;

type Raw = { metadata?: { resourceVersion?: string; name?: string; namespace?: string } };
type CallOptions = ReturnType<typeof timeoutOptions>;
interface Page { items: unknown[]; metadata?: { resourceVersion?: string; _continue?: string } }

export interface InformerOptions<T> {
  kubeconfig: KubeConfig;
  cluster: string;
  op: KubeOp;
  /** Cluster-wide REST path for the watch, e.g. "/api/v1/pods". */
  path: string;
  list: (p: { limit: number; _continue?: string }, o: CallOptions) => Promise<Page>;
  trim: (raw: never) => T;
  timeoutMs: number;
  pageSize: number;
  onChange: () => void;
  /**
   * Each change to one object, with its previous (trimmed) copy: watch events, and the differences a relist finds.
   * Not called for the first list (that is the starting state, not a change). The timeline derives events from it.
   */
  onEvent?: (type: "ADDED" | "MODIFIED" | "DELETED", obj: T, old: T | undefined) => void;
  /** Backoff after an error: base doubles per consecutive failure up to max, ×[0.5, 1) jitter. */
  backoff?: { baseMs: number; maxMs: number };
  /** Server-side watch timeout (seconds); the watch is then resumed. */
  watchTimeoutSeconds?: number;
  /** Default: the process-wide logStateChange. */
  logState?: StateLog;
  now?: () => number;
  /**
   * A custom resource: a 404 on list means its CRD is not installed. The informer is then `absent` (settled, no
   * problem, no objects) and lists again after `absentRetryMs` (default 5 min), in case the CRD is installed later.
   */
  crd?: boolean;
  absentRetryMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
});

const key = (o: Raw) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

export class ResourceInformer<T> {
  /** Bumped on every change to the store. */
  version = 0;
  synced = false;
  /** A custom resource whose CRD is not installed (404 on list): no objects, and that is not a problem. */
  absent = false;
  /** The current failure (list or watch), cleared once the watch runs again. */
  problem?: SourceProblem;
  /** Counts for tests and the docs' "what it calls": lists (pages) and watch requests. */
  readonly calls = { listPages: 0, watches: 0, relists: 0 };
  private store = new Map<string, T>();
  private readonly stopper = new AbortController();
  private watchAbort?: AbortController;
  private failures = 0;
  private firstAttempt?: Promise<void>;
  private settleFirst?: () => void;
  private readonly server?: string;
  /** Set while the store may be behind the cluster (list/watch failing after a sync): when it was last known current. */
  private staleSince?: number;
  private attempted = false;
  private readonly now: () => number;

  constructor(private readonly o: InformerOptions<T>) {
    this.server = o.kubeconfig.getCurrentCluster()?.server;
    this.now = o.now ?? Date.now;
  }

  /**
   * When the store was last known to match the cluster: now while the watch runs, the moment it broke while it
   * does not, undefined before the first list.
   */
  currentAt(): number | undefined {
    if (!this.synced) return undefined;
    return this.staleSince ?? this.now();
  }

  /**
   * Readiness: synced, or refused for good (403, 404, 401) on the first attempt. Waiting would not change the
   * answer, and the page must be reachable to show the fix (K8S_FORBIDDEN names the ClusterRole).
   */
  get settled(): boolean {
    return this.synced || (this.attempted && !!this.problem && FINAL.has(this.problem.code));
  }

  private get stateKey(): string {
    return `k8s:${this.o.cluster}:${this.o.op.resource}`;
  }

  /** Starts the loop; resolves after the first list attempt (successful or not). */
  start(): Promise<void> {
    this.firstAttempt ??= new Promise<void>((r) => { this.settleFirst = r; });
    void this.run();
    return this.firstAttempt;
  }

  items(): T[] {
    return [...this.store.values()];
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    this.watchAbort?.abort();
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let rv: string;
      try {
        rv = await this.list();
      } catch (e) {
        if (this.o.crd && isNotInstalled(e)) {
          this.markAbsent();
          await sleep(this.o.absentRetryMs ?? 300_000, this.stopper.signal);
          continue;
        }
        this.fail(e, "list");
        this.attempted = true;
        this.settleFirst?.();
        await this.backoff();
        continue;
      }
      this.attempted = true;
      this.settleFirst?.();
      // Watch from the list's resourceVersion until it is gone (410) → relist.
      for (;;) {
        if (this.stopped) return;
        const began = this.now();
        const r = await this.watchOnce(rv);
        if (this.stopped) return;
        rv = r.rv;
        if (r.gone) { this.calls.relists++; break; }
        if (r.error) { this.fail(r.error, "watch"); await this.backoff(); }
        // A stream that ends quietly right after it connected (a proxy closing every watch) would otherwise be
        // re-watched in a tight loop: at most about one watch per second.
        else if (this.now() - began < QUICK_END_MS) await sleep(QUICK_END_MS * (0.5 + Math.random() / 2), this.stopper.signal);
      }
    }
  }

  /** Full paginated list into a new store (swapped in at the end: readers never see half a list). */
  private async list(): Promise<string> {
    const next = new Map<string, T>();
    let cont: string | undefined;
    let rv = "";
    const options = timeoutOptions(this.o.timeoutMs);
    do {
      const page = await this.o.list({ limit: this.o.pageSize, ...(cont ? { _continue: cont } : {}) }, options);
      this.calls.listPages++;
      rv ||= page.metadata?.resourceVersion ?? "";
      for (const raw of page.items) next.set(key(raw as Raw), this.o.trim(raw as never));
      cont = page.metadata?._continue || undefined;
    } while (cont);
    if (this.synced && this.o.onEvent) {
      // A relist (after 410 Gone or a broken watch): what changed meanwhile, as the watch would have said it.
      for (const [k, obj] of next) { const old = this.store.get(k); if (old !== undefined) this.o.onEvent("MODIFIED", obj, old); else this.o.onEvent("ADDED", obj, undefined); }
      for (const [k, old] of this.store) if (!next.has(k)) this.o.onEvent("DELETED", old, old);
    }
    this.store = next;
    this.synced = true;
    this.absent = false;
    this.staleSince = undefined; // a full list is current by definition
    this.changed();
    return rv;
  }

  private watchOnce(rv: string): Promise<{ rv: string; gone: boolean; error?: unknown }> {
    return new Promise((resolve) => {
      let last = rv;
      let gone = false;
      let errorEvent: unknown;
      let healthy = false;
      let finished = false;
      const onEvent = (type: string, obj: Raw & { code?: number }) => {
        if (!healthy) { healthy = true; this.recovered(); }
        if (type === "ERROR") {
          if (obj?.code === 410) gone = true;
          else errorEvent = Object.assign(new Error(String((obj as { message?: string })?.message ?? "watch error")), { code: obj?.code, body: JSON.stringify(obj) });
          return;
        }
        last = obj?.metadata?.resourceVersion ?? last;
        if (type === "BOOKMARK") return;
        const k = key(obj);
        const old = this.store.get(k);
        if (type === "DELETED") {
          this.store.delete(k);
          this.o.onEvent?.("DELETED", old ?? this.o.trim(obj as never), old);
        } else {
          const trimmed = this.o.trim(obj as never);
          this.store.set(k, trimmed);
          this.o.onEvent?.(type === "ADDED" ? "ADDED" : "MODIFIED", trimmed, old);
        }
        this.changed();
      };
      const done = (err: unknown) => {
        if (finished) return;
        finished = true;
        clearTimeout(connectTimer);
        this.watchAbort = undefined;
        const status = (err as { statusCode?: number } | null)?.statusCode;
        if (status === 410) gone = true;
        // A watch that was connected and then ended (the client's 30 s inactivity timeout, a stream cut by an
        // apiserver restart or a load balancer) is resumed at once, no error: if the API is really gone, the
        // re-watch fails to connect and that is the failure. One that never connected (refused, hung) failed.
        const quiet = healthy && !errorEvent && status === undefined;
        if (!err && !errorEvent && !healthy) this.recovered();
        resolve({ rv: last, gone, error: gone ? undefined : errorEvent ?? (quiet ? undefined : err ?? undefined) });
      };
      // Headers that never come (a hung API server or proxy) fail after our request timeout rather than the
      // client's fixed 30 s; the abandoned request is aborted if it connects later (below).
      // (Declared after `done`, which clears it: both only run once the watch below has started.)
      const connectTimer = setTimeout(() => {
        if (!healthy) done(Object.assign(new Error(`the watch did not connect within ${this.o.timeoutMs / 1000} s`), { name: "TimeoutError" }));
      }, this.o.timeoutMs);
      this.calls.watches++;
      const timeoutSeconds = Math.round((this.o.watchTimeoutSeconds ?? 300) * (0.75 + Math.random() * 0.5));
      new Watch(this.o.kubeconfig)
        .watch(this.o.path, { resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds }, onEvent, done)
        // Resolves once the server answered 200 (or after `done` on failure): a connected watch clears the problem.
        .then((ctrl) => {
          if (finished) { ctrl.abort(); return; }
          clearTimeout(connectTimer);
          this.watchAbort = ctrl;
          if (!healthy) { healthy = true; this.recovered(); }
          if (this.stopped) ctrl.abort();
        })
        .catch(done);
    });
  }

  private markAbsent(): void {
    const was = this.absent && this.synced;
    this.absent = true;
    this.synced = true;
    this.attempted = true;
    this.failures = 0;
    this.staleSince = undefined;
    this.store = new Map();
    this.problem = undefined;
    (this.o.logState ?? logStateChange)(this.stateKey, "absent", { cluster: this.o.cluster, resource: this.o.op.resource }, "info");
    this.settleFirst?.();
    if (!was) this.changed();
  }

  private changed(): void {
    this.version++;
    this.o.onChange();
  }

  private recovered(): void {
    this.failures = 0;
    const wasStale = this.staleSince !== undefined;
    this.staleSince = undefined;
    (this.o.logState ?? logStateChange)(this.stateKey, "ok", { cluster: this.o.cluster, resource: this.o.op.resource }, "info");
    if (this.problem || wasStale) { this.problem = undefined; this.changed(); }
  }

  private fail(e: unknown, verb: "list" | "watch"): void {
    this.failures++;
    const p = kubernetesProblem(e, { ...this.o.op, verb }, { cluster: this.o.cluster, server: this.server, timeoutMs: this.o.timeoutMs });
    const same = this.problem?.code === p.code && this.problem?.detail === p.detail;
    if (this.synced && this.staleSince === undefined) this.staleSince = this.now();
    if (this.staleSince !== undefined) {
      // The objects stay (the last good copy): the analysis uses them, the age says how old they are.
      p.heldSince = new Date(this.staleSince).toISOString();
      p.message += `; showing the objects as of ${p.heldSince}`;
    }
    this.problem = p;
    (this.o.logState ?? logStateChange)(this.stateKey, p.code, { cluster: this.o.cluster, resource: this.o.op.resource, detail: p.detail, message: p.message, fix: p.fix }, "warn");
    if (!same) this.changed();
  }

  private backoff(): Promise<void> {
    const { baseMs, maxMs } = this.o.backoff ?? { baseMs: 500, maxMs: 30_000 };
    const ms = Math.min(maxMs, baseMs * 2 ** Math.min(this.failures - 1, 16)) * (0.5 + Math.random() / 2);
    return sleep(ms, this.stopper.signal);
  }
}
