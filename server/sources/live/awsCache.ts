import type { Snapshot, SourceProblem } from "@/server/core/model/snapshot";
import type { AwsClients } from "./awsClients";
import { assembleAws } from "./assembleAws";
import { fetchHealth, fetchStructure, fetchTags, structureArns, type AwsHealth, type AwsStructure, type AwsTags } from "./awsStages";
import { RateBudget } from "./gate";
import { contextProblems, newAwsContext } from "./readAws";

/**
 * The AWS half of the shared cache (issue 5): one per region, shared by every cluster in it (credentials and
 * endpoints are process-wide, so the same region means the same data). Three stages on their own schedules —
 * structure (load balancers, target groups, listeners, attributes), target health, tags — each single-flight,
 * all paced by one call budget. Viewers never cause AWS calls: they read what the loops last fetched.
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
}

type Stage = "structure" | "tags" | "health";

export class AwsCache {
  version = 0;
  private structure?: AwsStructure;
  private tags: AwsTags = { v2: new Map(), classic: new Map() };
  private health: AwsHealth = { targetHealth: new Map(), instanceHealth: new Map() };
  private readonly problems: Record<Stage, SourceProblem[]> = { structure: [], tags: [], health: [] };
  private readonly at: Partial<Record<Stage, number>> = {};
  private readonly inflight: Partial<Record<Stage, Promise<void>>> = {};
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly budget: RateBudget;
  private first?: Promise<void>;
  private assembled?: { version: number; half: AwsCacheHalf };

  constructor(readonly clients: AwsClients, private readonly o: AwsCacheOptions, private readonly now: () => number = Date.now) {
    this.budget = new RateBudget(o.callsPerSecond);
  }

  /** Starts the loops; resolves after the first full cycle, so a first viewer sees health and tags too. */
  start(): Promise<void> {
    this.first ??= this.refresh("structure").then(() => {
      const every = (stage: Stage, ms: number) => {
        const t = setInterval(() => void this.refresh(stage), ms);
        t.unref?.();
        this.timers.push(t);
      };
      every("structure", this.o.structureMs);
      every("health", this.o.healthMs);
      every("tags", this.o.tagsMs);
    });
    return this.first;
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  /** Run one stage now (single flight: a caller during a run shares it). */
  refresh(stage: Stage): Promise<void> {
    this.inflight[stage] ??= this.run(stage).finally(() => { this.inflight[stage] = undefined; });
    return this.inflight[stage]!;
  }

  /** The assembled `aws` half, the same object while nothing changed. */
  half(): AwsCacheHalf {
    if (this.assembled?.version === this.version) return this.assembled.half;
    const s = this.structure ?? emptyStructure();
    const times = [this.at.structure, this.at.health].filter((t): t is number => t !== undefined);
    const half = {
      aws: assembleAws(s, this.tags, this.health),
      problems: [...this.problems.structure, ...this.problems.tags, ...this.problems.health],
      readAt: new Date(times.length ? Math.min(...times) : this.now()).toISOString(),
    };
    this.assembled = { version: this.version, half };
    return half;
  }

  private async run(stage: Stage): Promise<void> {
    const started = this.now();
    const ctx = newAwsContext(this.clients.region, { timeoutMs: this.o.timeoutMs, concurrency: this.o.concurrency, budget: this.budget });
    // A tripped breaker (throttled, unreachable) means this run's data is incomplete: keep the previous data.
    const keepOld = () => ctx.gate.stopped !== undefined;
    if (stage === "structure") {
      const s = await fetchStructure(this.clients, ctx);
      if (!keepOld() || !this.structure) this.structure = s;
      this.problems.structure = contextProblems(ctx);
      // New load balancers and target groups should not wait a whole period for their tags and health.
      const { arns, targetGroupArns, classicNames } = structureArns(this.structure);
      const untagged = arns.filter((a) => !this.tags.v2.has(a));
      const untaggedClassic = classicNames.filter((n) => !this.tags.classic.has(n));
      const unhealthChecked = targetGroupArns.filter((a) => !this.health.targetHealth.has(a));
      const uncheckedClassic = classicNames.filter((n) => !this.health.instanceHealth.has(n));
      this.at.structure = started;
      this.version++;
      await Promise.all([
        (untagged.length || untaggedClassic.length) && this.at.tags === undefined ? this.refresh("tags") : this.tagsFor(untagged, untaggedClassic),
        unhealthChecked.length || uncheckedClassic.length ? this.refresh("health") : undefined,
      ]);
      return;
    }
    if (!this.structure) return;
    const { arns, targetGroupArns, classicNames } = structureArns(this.structure);
    if (stage === "health") {
      const h = await fetchHealth(this.clients, ctx, targetGroupArns, classicNames);
      if (!keepOld() || this.at.health === undefined) this.health = h;
      this.problems.health = contextProblems(ctx);
    } else {
      const t = await fetchTags(this.clients, ctx, arns, classicNames);
      if (!keepOld() || this.at.tags === undefined) this.tags = t;
      this.problems.tags = contextProblems(ctx);
    }
    this.at[stage] = started;
    this.version++;
  }

  /** Tags for a few new resources, merged into the cache (the periodic run refreshes them all). */
  private async tagsFor(arns: string[], classicNames: string[]): Promise<void> {
    if (!arns.length && !classicNames.length) return;
    const ctx = newAwsContext(this.clients.region, { timeoutMs: this.o.timeoutMs, concurrency: this.o.concurrency, budget: this.budget });
    const t = await fetchTags(this.clients, ctx, arns, classicNames);
    for (const [k, v] of t.v2) this.tags.v2.set(k, v);
    for (const [k, v] of t.classic) this.tags.classic.set(k, v);
    this.version++;
  }
}

export interface AwsCacheHalf {
  aws: Snapshot["aws"];
  problems: SourceProblem[];
  readAt: string;
}

function emptyStructure(): AwsStructure {
  return {
    loadBalancers: [], listeners: new Map(), loadBalancerAttributes: new Map(), targetGroups: [],
    targetGroupAttributes: new Map(), classic: [], classicAttributes: new Map(),
  };
}

/** One cache per region for the whole process, counted by the clusters that use it. */
const caches = new Map<string, { cache: AwsCache; refs: number }>();

export function acquireAwsCache(region: string | undefined, make: () => AwsCache): AwsCache {
  const key = region ?? "";
  const entry = caches.get(key) ?? { cache: make(), refs: 0 };
  entry.refs++;
  caches.set(key, entry);
  return entry.cache;
}

export function releaseAwsCache(cache: AwsCache): void {
  for (const [key, entry] of caches) {
    if (entry.cache !== cache) continue;
    if (--entry.refs <= 0) {
      entry.cache.stop();
      entry.cache.clients.elbv2.destroy();
      entry.cache.clients.elb.destroy();
      caches.delete(key);
    }
  }
}
