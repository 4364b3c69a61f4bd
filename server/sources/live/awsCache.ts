import type { Snapshot, SourceProblem } from "@/server/core/model/snapshot";
import type { Metrics, TargetHistory } from "@/server/core/model/observed";
import { logStateChange } from "@/server/log";
import type { AwsClients } from "./awsClients";
import type { AwsReadContext } from "./awsCall";
import { assembleAws } from "./assembleAws";
import { fetchHealth, fetchStructure, fetchTags, structureArns, type AwsHealth, type AwsStructure, type AwsTags } from "./awsStages";
import { CountingGate, RateBudget } from "./gate";
import type { StateLog } from "./informer";
import { foldAwsDown, isAwsDown, type FirstAwsProgress } from "./problems";
import { contextProblems, newAwsContext } from "./readAws";
import { fetchMetrics, metricQueries, metricsWindow } from "./metrics";
import { TargetHistoryStore, readingsFromAwsHealth, type TargetHistoryOptions } from "./history/targetHistory";

/**
 * The AWS half of the shared cache (issue 5): one per region, shared by every cluster in it (credentials and
 * endpoints are process-wide, so the same region means the same data). Three stages on their own schedules —
 * structure (load balancers, target groups, listeners, attributes), target health, tags — each single-flight,
 * all paced by one call budget. Viewers never cause AWS calls: they read what the loops last fetched.
 *
 * A run that trips the breaker (throttled, unreachable, credentials) keeps the stage's previous data and does not
 * count as a read: the half's age stays at the last good run, so the UI can flag it stale. The stage then backs
 * off (its interval doubling, up to 4×) instead of knocking every tick: no retry amplification on top of the
 * SDK's own retries. One log line per stage state change (ok ↔ problem codes), not per run.
 */

export interface AwsCacheOptions {
  timeoutMs: number;
  concurrency: number;
  /** LBPATH_AWS_CALLS_PER_SECOND (default 5). */
  callsPerSecond: number;
  /** LBPATH_AWS_STRUCTURE_SECONDS (default 60). */
  structureMs: number;
  /** LBPATH_HEALTH_SECONDS (default 15). */
  healthMs: number;
  /** LBPATH_TAGS_SECONDS (default 300): tags rarely change. */
  tagsMs: number;
  /** LBPATH_METRICS_SECONDS (live default 60): CloudWatch GetMetricData. Absent or 0: metrics are not read. */
  metricsMs?: number;
  /** LBPATH_METRICS_WINDOW_MINUTES (default 15): how far back each metrics read looks. */
  metricsWindowMinutes?: number;
  /** Target history bounds (LBPATH_TIMELINE_HOURS, LBPATH_TIMELINE_SPANS); default 6 h, 64 spans per target. */
  timeline?: TargetHistoryOptions;
  /** Default: the process-wide logStateChange. */
  logState?: StateLog;
  /** LBPATH_MAX_BACKOFF_SECONDS: the longest a tripped stage waits before its next run (default 4 intervals). */
  maxBackoffMs?: number;
}

/** A stage whose breaker tripped waits up to this many intervals before its next run. */
const MAX_BACKOFF_INTERVALS = 4;

/**
 * How long a stage waits after its `failures`-th tripped run in a row: its interval, doubling per failure, at most
 * MAX_BACKOFF_INTERVALS intervals, and at most `maxMs` when the operator caps it (LBPATH_MAX_BACKOFF_SECONDS).
 */
export function stageBackoffMs(intervalMs: number, failures: number, maxMs?: number): number {
  const ms = intervalMs * Math.min(2 ** Math.max(0, failures - 1), MAX_BACKOFF_INTERVALS);
  return maxMs !== undefined ? Math.min(ms, maxMs) : ms;
}

type Stage = "structure" | "tags" | "health" | "metrics";

export const DEFAULT_TIMELINE: TargetHistoryOptions = { windowMs: 6 * 3600_000, maxSpans: 64 };

/**
 * How far the first cycle is, while it runs (sharedCache.ts serves the Kubernetes half meanwhile: AWS_FIRST_READ).
 * `structure`: the load balancers, listeners, target groups and their tags are not all known yet, so nothing of
 * the AWS half may be used. `health`: they are; target health is not. Calls count every gate run of this cache
 * (one per paginated listing, per resource, per 20 tags): asked, and finished (answered, failed or skipped).
 * In `health` every call of the first cycle has been asked, so `asked` is its total.
 */
export interface FirstCycle extends FirstAwsProgress {
  /** Epoch ms when the first cycle began. */
  startedAt: number;
}

export class AwsCache {
  version = 0;
  private structure?: AwsStructure;
  private tags: AwsTags = { v2: new Map(), classic: new Map() };
  private health: AwsHealth = { targetHealth: new Map(), instanceHealth: new Map() };
  private metrics?: Metrics;
  /** Every target's health over time (issue 12), fed by each good health run. */
  readonly history: TargetHistoryStore;
  private readonly problems: Record<Stage, SourceProblem[]> = { structure: [], tags: [], health: [], metrics: [] };
  /** Start time of each stage's last good run (breaker not tripped). */
  private readonly at: Partial<Record<Stage, number>> = {};
  private readonly inflight: Partial<Record<Stage, Promise<void>>> = {};
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly budget: RateBudget;
  private readonly throttle: { lastAt?: number } = {};
  /** CloudWatch's own throttling memory: its rate limits are not the ELB API's. */
  private readonly metricsThrottle: { lastAt?: number } = {};
  private first?: Promise<void>;
  /** The first cycle: when it began, and which of its parts are known (structure, then tags; `done` once health is too). */
  private readonly firstRead: { startedAt?: number; structure: boolean; tags: boolean; done: boolean } = { structure: false, tags: false, done: false };
  private readonly calls = { asked: 0, finished: 0 };
  private assembled?: { version: number; half: Omit<AwsCacheHalf, "readAt"> };
  private stopped = false;
  /** Consecutive runs that tripped the breaker, and the time before which the schedule skips the stage. */
  private readonly failures: Record<Stage, number> = { structure: 0, tags: 0, health: 0, metrics: 0 };
  private readonly notBefore: Partial<Record<Stage, number>> = {};
  /** How long each stage's last good run took: a sweep slower than its interval sets the real refresh rate. */
  private readonly took: Partial<Record<Stage, number>> = {};
  /** Counts for tests: runs per stage, and scheduled ticks skipped while backing off. */
  readonly runs = { structure: 0, tags: 0, health: 0, metrics: 0, backedOff: 0 };

  constructor(readonly clients: AwsClients, private readonly o: AwsCacheOptions, private readonly now: () => number = Date.now) {
    this.budget = new RateBudget(o.callsPerSecond);
    this.history = new TargetHistoryStore(o.timeline ?? DEFAULT_TIMELINE);
  }

  /** CloudWatch is read when there is a client for it and an interval. */
  private get metricsOn(): boolean {
    return !!this.clients.cloudwatch && (this.o.metricsMs ?? 0) > 0;
  }

  /** Starts the loops; resolves after the first full cycle, so a first viewer sees health and tags too. */
  start(): Promise<void> {
    this.firstRead.startedAt ??= this.now();
    this.first ??= this.refresh("structure").then(() => {
      this.firstRead.done = true;
      if (this.stopped) return;
      const every = (stage: Stage, ms: number) => {
        const t = setInterval(() => this.tick(stage), ms);
        t.unref?.();
        this.timers.push(t);
      };
      every("structure", this.o.structureMs);
      every("health", this.o.healthMs);
      every("tags", this.o.tagsMs);
      // Metrics once the first cycle is complete: they need the load balancers, and must not slow the first read.
      if (this.metricsOn) {
        every("metrics", this.o.metricsMs!);
        void this.refresh("metrics");
      }
    });
    return this.first;
  }

  /** Where the first cycle is; undefined before start() and once it has finished. */
  firstCycle(): FirstCycle | undefined {
    const f = this.firstRead;
    if (f.done || f.startedAt === undefined) return undefined;
    return { stage: f.structure && f.tags ? "health" : "structure", ...this.calls, perSecond: this.o.callsPerSecond, startedAt: f.startedAt };
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  private interval(stage: Stage): number {
    return stage === "structure" ? this.o.structureMs : stage === "health" ? this.o.healthMs : stage === "metrics" ? this.o.metricsMs ?? 60_000 : this.o.tagsMs;
  }

  /**
   * How often a stage's data is actually renewed: its interval, or its last good run's duration when that is
   * longer (a health sweep of 200 target groups at 5 calls/s takes 40 s; runs are single flight).
   */
  refreshMs(stage: Stage): number {
    return Math.max(this.interval(stage), this.took[stage] ?? 0);
  }

  /** A scheduled run, unless the stage is backing off after a tripped breaker. */
  private tick(stage: Stage): void {
    if (this.now() < (this.notBefore[stage] ?? 0)) { this.runs.backedOff++; return; }
    void this.refresh(stage);
  }

  /** Run one stage now (single flight: a caller during a run shares it). */
  refresh(stage: Stage): Promise<void> {
    this.inflight[stage] ??= this.run(stage).finally(() => { this.inflight[stage] = undefined; });
    return this.inflight[stage]!;
  }

  /** The assembled `aws` half (the same `aws` object while nothing changed) and its age. */
  half(): AwsCacheHalf {
    if (this.assembled?.version !== this.version) {
      const s = this.structure ?? emptyStructure();
      this.assembled = {
        version: this.version,
        half: {
          aws: assembleAws(s, this.tags, this.health),
          problems: foldAwsDown([...this.problems.structure, ...this.problems.tags, ...this.problems.health, ...this.problems.metrics]),
          ...(this.metrics ? { metrics: this.metrics } : {}),
          history: { targets: this.history.targets(), window: this.history.window() },
        },
      };
    }
    const readAt = this.readAt();
    return { ...this.assembled.half, readAt: readAt === undefined ? undefined : new Date(readAt).toISOString() };
  }

  /**
   * The AWS half's age: the last good health run (target state is what changes), unless the structure or tags
   * stage is overdue (no good run for 2× its own interval), which then gives its older time. Measured against the
   * health interval, an overdue stage is therefore always stale too. Undefined before the first good run.
   */
  private readAt(): number | undefined {
    const now = this.now();
    let t = this.at.health ?? this.at.structure;
    if (t === undefined) return undefined;
    for (const stage of ["structure", "tags"] as const) {
      const at = this.at[stage];
      if (at !== undefined && now - at > 2 * this.refreshMs(stage)) t = Math.min(t, at);
    }
    return t;
  }

  private async run(stage: Stage): Promise<void> {
    if (this.stopped) return;
    const started = this.now();
    const ctx = this.context(stage === "metrics" ? this.metricsThrottle : this.throttle);
    // A tripped breaker (throttled, unreachable) means this run's data is incomplete: keep the previous data.
    const keepOld = () => ctx.gate.stopped !== undefined;
    this.runs[stage]++;
    if (stage === "structure") {
      const s = await fetchStructure(this.clients, ctx);
      if (!keepOld() || !this.structure) this.structure = s;
      this.problems.structure = contextProblems(ctx);
      this.settle("structure", started, keepOld());
      this.firstRead.structure = true;
      // New load balancers and target groups should not wait a whole period for their tags and health.
      const { arns, targetGroupArns, classicNames } = structureArns(this.structure);
      const untagged = arns.filter((a) => !this.tags.v2.has(a));
      const untaggedClassic = classicNames.filter((n) => !this.tags.classic.has(n));
      const unhealthChecked = targetGroupArns.filter((a) => !this.health.targetHealth.has(a));
      const uncheckedClassic = classicNames.filter((n) => !this.health.instanceHealth.has(n));
      this.version++;
      if (keepOld() || this.stopped) return;
      const tagged = (untagged.length || untaggedClassic.length) && this.at.tags === undefined ? this.refresh("tags") : this.tagsFor(untagged, untaggedClassic);
      await Promise.all([
        tagged.then(() => { this.firstRead.tags = true; }),
        unhealthChecked.length || uncheckedClassic.length ? this.refresh("health") : undefined,
      ]);
      return;
    }
    if (!this.structure) return;
    const { arns, targetGroupArns, classicNames } = structureArns(this.structure);
    if (stage === "health") {
      const h = await fetchHealth(this.clients, ctx, targetGroupArns, classicNames);
      if (!keepOld() || this.at.health === undefined) this.health = h;
      if (!keepOld()) this.history.record(readingsFromAwsHealth(h), started);
      this.problems.health = contextProblems(ctx);
      // AWS answers again: a metrics stage that found it unreachable need not wait out its back-off.
      if (!keepOld() && this.metricsOn && this.problems.metrics.some(isAwsDown)) {
        this.notBefore.metrics = undefined;
        void this.refresh("metrics");
      }
    } else if (stage === "metrics") {
      if (!this.metricsOn) return;
      const window = metricsWindow(started, this.o.metricsWindowMinutes ?? 15);
      const m = await fetchMetrics(this.clients.cloudwatch!, ctx, metricQueries(assembleAws(this.structure, this.tags, this.health)), window);
      // A denied or failed read leaves no metrics (observed: null, with the problem as a warning), not old ones.
      if (!keepOld() || !this.metrics) this.metrics = m;
      this.problems.metrics = contextProblems(ctx);
    } else {
      const t = await fetchTags(this.clients, ctx, arns, classicNames);
      if (!keepOld() || this.at.tags === undefined) this.tags = t;
      this.problems.tags = contextProblems(ctx);
    }
    this.settle(stage, started, keepOld());
    this.version++;
  }

  /** Record a run's outcome: its read time if good, else the next backoff step; log the stage's state if it changed. */
  private settle(stage: Stage, started: number, tripped: boolean): void {
    if (tripped) {
      const held = this.at[stage];
      // The previous data stays: say so, so the analysis uses it (it is not missing) and the banner says since when.
      if (held !== undefined) this.problems[stage] = this.problems[stage].map((p) => ({ ...p, heldSince: new Date(held).toISOString() }));
      this.failures[stage]++;
      this.notBefore[stage] = this.now() + stageBackoffMs(this.interval(stage), this.failures[stage], this.o.maxBackoffMs);
    } else {
      this.failures[stage] = 0;
      this.notBefore[stage] = undefined;
      this.at[stage] = started;
      this.took[stage] = this.now() - started;
    }
    const problems = this.problems[stage];
    const state = problems.length ? [...new Set(problems.map((p) => p.code))].sort().join(",") : "ok";
    (this.o.logState ?? logStateChange)(`aws:${this.clients.region ?? "default"}:${stage}`, state,
      problems.length ? { region: this.clients.region, stage, problems: problems.map((p) => ({ code: p.code, detail: p.detail, message: p.message })) } : { region: this.clients.region, stage },
      problems.length ? "warn" : "info");
  }

  private context(throttle = this.throttle): AwsReadContext {
    const ctx = newAwsContext(this.clients.region, { timeoutMs: this.o.timeoutMs, concurrency: this.o.concurrency, budget: this.budget, throttle });
    return { ...ctx, gate: new CountingGate(this.o.concurrency, this.budget, this.calls) };
  }

  /** Tags for a few new resources, merged into the cache (the periodic run refreshes them all). */
  private async tagsFor(arns: string[], classicNames: string[]): Promise<void> {
    if (!arns.length && !classicNames.length) return;
    const ctx = this.context();
    const t = await fetchTags(this.clients, ctx, arns, classicNames);
    for (const [k, v] of t.v2) this.tags.v2.set(k, v);
    for (const [k, v] of t.classic) this.tags.classic.set(k, v);
    this.version++;
  }
}

export interface AwsCacheHalf {
  aws: Snapshot["aws"];
  problems: SourceProblem[];
  /** The last metrics read (absent: not read, or the read failed; the problem says why). */
  metrics?: Metrics;
  /** Target health over time, and what it covers (undefined before the first health run). */
  history: { targets: TargetHistory[]; window: { start: string; end: string } | undefined };
  /** ISO time of the data (see readAt()); undefined while nothing has been read. */
  readAt: string | undefined;
}

function emptyStructure(): AwsStructure {
  return {
    loadBalancers: [], listeners: new Map(), rules: new Map(), loadBalancerAttributes: new Map(), targetGroups: [],
    targetGroupAttributes: new Map(), classic: [], classicAttributes: new Map(),
  };
}
