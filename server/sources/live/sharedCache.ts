import { CoreV1Api, DiscoveryV1Api, type KubeConfig } from "@kubernetes/client-node";
import type { Snapshot, SourceProblem } from "@/server/core/model/snapshot";
import type { Timeline } from "@/server/core/model/observed";
import type * as k8s from "@/server/core/model/kubernetes";
import type { AwsClients } from "./awsClients";
import { AwsCache, type AwsCacheHalf, type AwsCacheOptions } from "./awsCache";
import { acquireAwsCache, releaseAwsCache } from "./awsCaches";
import { ResourceInformer, type InformerOptions, type StateLog } from "./informer";
import type { SnapshotReader } from "./LiveCluster";
import { LiveSourceError, firstAwsReadProblem, isKubernetesDown } from "./problems";
import { regionFromEnv, regionFromNodes } from "./region";
import { reshapeEndpointSlice, reshapeNode, reshapePod, reshapeService } from "./reshapeKubernetes";
import { sortSnapshot } from "./reshapeSnapshot";
import { targetNodeLabelKeys } from "./trim";
import { KubeEventLog } from "./history/kubeEvents";
import { within } from "@/server/within";
import { EXTRA_RESOURCES, assembleExtra, listFunction, type ExtraResource } from "./extraResources";

/**
 * The shared cache (issue 5) as a SnapshotReader: one informer per resource type for this cluster (list + watch)
 * and the region's AwsCache. read() never calls upstream; it assembles what the informers and AWS loops hold, and
 * returns the same object while nothing changed. ready() is true once every informer has synced (or was refused
 * for good, see ResourceInformer.settled).
 *
 * First viewer of a big account (G9): read() waits for the region's first AWS cycle only `firstAwsWaitMs` after it
 * began (at the L fixture it takes ~100 s at 5 calls/s, the informers ~4 s). Until it ends the snapshot has the
 * Kubernetes half and an AWS_FIRST_READ problem that marks the AWS half missing (or, once structure and tags are
 * known, only target health), so the analysis says "AWS unknown", never "no load balancer" (problems.ts).
 *
 * Ages: `ages.kubernetes` is now while every watch runs, else the moment the first broken one stopped being
 * current (its objects stay, as the last good data); `ages.aws` is the AwsCache's (last good health run).
 */

export interface SharedCacheOptions {
  cluster: string;
  kubeconfig: KubeConfig;
  awsClusterName?: string;
  regionHint?: string;
  env?: Record<string, string | undefined>;
  timeoutMs: number;
  pageSize: number;
  aws: AwsCacheOptions;
  makeClients: (region: string | undefined) => AwsClients;
  informer?: Pick<InformerOptions<unknown>, "backoff" | "watchTimeoutSeconds">;
  /** Default: the process-wide logStateChange (one line per state change). */
  logState?: StateLog;
  /** The Kubernetes refresh interval the API declares for watched data (clusters.ts WATCH_REFRESH_SECONDS). */
  watchRefreshSeconds?: number;
  /** How long after the first AWS cycle began read() waits for it before serving the Kubernetes half alone (default 5 s). */
  firstAwsWaitMs?: number;
  /** The timeline's Kubernetes changes: how long and how many are kept (LBPATH_TIMELINE_HOURS, LBPATH_TIMELINE_EVENTS). */
  events?: { windowMs: number; capacity: number };
}

const DEFAULT_EVENTS = { windowMs: 6 * 3600_000, capacity: 2_000 };

/**
 * Long enough that a small account's first cycle is complete in the first snapshot: 2 NLBs, 3 target groups and a
 * Classic ELB take 17 calls, ≥ 3 s at the default 5 calls/s. At the L fixture the Kubernetes half is then served
 * at ~4 + 5 s instead of ~108 s (G9: something useful within 20 s).
 */
const FIRST_AWS_WAIT_MS = 5_000;
/** While the first cycle runs, its progress in the problem is renewed about this often (each renewal is a new snapshot). */
const FIRST_READ_PROGRESS_MS = 5_000;
const NO_AWS: Snapshot["aws"] = { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] };

export class SharedCacheReader implements SnapshotReader {
  readonly informers: {
    services: ResourceInformer<k8s.Service>;
    endpointSlices: ResourceInformer<k8s.EndpointSlice>;
    nodes: ResourceInformer<k8s.Node>;
    pods: ResourceInformer<k8s.Pod>;
  };
  /** Ingresses, IngressClasses and the ALB / Gateway custom resources (extraResources.ts); absent CRDs stay quiet. */
  readonly extraInformers: { res: ExtraResource; informer: ResourceInformer<unknown> }[];
  private aws?: { region: string | undefined; cache: AwsCache };
  private started?: Promise<void>;
  private kubernetesStarted?: Promise<void>;
  private last?: { key: string; snapshot: Snapshot };
  /** Pod, endpoint and node changes of this cluster (issue 12), from the watches. */
  readonly events: KubeEventLog;
  private readonly startedAt = Date.now();
  private timelineCache?: { key: string; timeline: Timeline };

  constructor(private readonly o: SharedCacheOptions) {
    this.events = new KubeEventLog(o.events ?? DEFAULT_EVENTS);
    const core = o.kubeconfig.makeApiClient(CoreV1Api);
    const discovery = o.kubeconfig.makeApiClient(DiscoveryV1Api);
    const common = { kubeconfig: o.kubeconfig, cluster: o.cluster, timeoutMs: o.timeoutMs, pageSize: o.pageSize, onChange: () => {}, logState: o.logState, ...o.informer };
    this.informers = {
      services: new ResourceInformer({ ...common, op: { verb: "list", resource: "services", group: "" }, path: "/api/v1/services",
        list: (p, opt) => core.listServiceForAllNamespaces(p, opt), trim: reshapeService }),
      endpointSlices: new ResourceInformer({ ...common, op: { verb: "list", resource: "endpointslices", group: "discovery.k8s.io" },
        path: "/apis/discovery.k8s.io/v1/endpointslices", list: (p, opt) => discovery.listEndpointSliceForAllNamespaces(p, opt), trim: reshapeEndpointSlice,
        onEvent: (type, obj, old) => this.events.endpointSlice(type, obj, old) }),
      // Node labels are trimmed when assembling: which to keep depends on the Services of that moment (JOIN-5).
      nodes: new ResourceInformer({ ...common, op: { verb: "list", resource: "nodes", group: "" }, path: "/api/v1/nodes",
        list: (p, opt) => core.listNode(p, opt), trim: (n) => reshapeNode(n, true), onEvent: (type, obj, old) => this.events.node(type, obj, old) }),
      // Pods are trimmed on arrival: the bulk of a cluster never sits in memory in full.
      pods: new ResourceInformer({ ...common, op: { verb: "list", resource: "pods", group: "" }, path: "/api/v1/pods",
        list: (p, opt) => core.listPodForAllNamespaces(p, opt), trim: reshapePod, onEvent: (type, obj, old) => this.events.pod(type, obj, old) }),
    };
    this.extraInformers = EXTRA_RESOURCES.map((res) => ({
      res,
      informer: new ResourceInformer<unknown>({ ...common, op: res.op, path: res.path, list: listFunction(o.kubeconfig, res), trim: res.trim as (raw: never) => unknown, crd: res.crd }),
    }));
  }

  /** Every informer: the four the NLB/Classic analysis needs, then the extra ones. */
  private allInformers(): ResourceInformer<unknown>[] {
    return [...Object.values(this.informers), ...this.extraInformers.map((x) => x.informer)] as ResourceInformer<unknown>[];
  }

  /** Start the informers (first list attempts) and the region's AWS loops; resolves after the first AWS cycle. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.startKubernetes();
      await this.awsFor(this.region())?.start();
    })();
    return this.started;
  }

  private startKubernetes(): Promise<void> {
    this.kubernetesStarted ??= Promise.all(this.allInformers().map((i) => i.start())).then(() => {});
    return this.kubernetesStarted;
  }

  ready(): boolean {
    return this.allInformers().every((i) => i.settled);
  }

  /** Kubernetes: the declared watch interval; AWS: the health stage's real renewal period (≥ its interval). */
  refreshSeconds(): { kubernetes: number; aws: number } {
    const health = this.aws?.cache.refreshMs("health") ?? this.o.aws.healthMs;
    return { kubernetes: this.o.watchRefreshSeconds ?? 5, aws: Math.ceil(health / 100) / 10 };
  }

  async read(): Promise<Snapshot> {
    await this.startKubernetes();
    const core = Object.values(this.informers);
    if (core.every((i) => !i.synced)) throw new LiveSourceError(core.map((i) => i.problem).filter((p): p is SourceProblem => !!p).slice(0, 1));
    const region = this.region();
    const aws = this.awsFor(region);
    const firstCycle = aws.start();
    const began = aws.firstCycle()?.startedAt;
    if (began !== undefined) await within(firstCycle, (this.o.firstAwsWaitMs ?? FIRST_AWS_WAIT_MS) - (Date.now() - began));
    const inf = this.allInformers();
    const first = aws.firstCycle();
    const half = aws.half();
    // Structure and tags not all known: none of it may be used (a load balancer without its listeners or tags
    // would read as a misconfiguration). Health not known: assembleAws leaves it undefined, i.e. unknown.
    const usable = first?.stage !== "structure";
    const progress = first ? `${first.stage}:${Math.floor(first.finished / Math.max(1, first.perSecond * FIRST_READ_PROGRESS_MS / 1000))}` : "";
    const events = this.events.events();
    const key = [...inf.map((i) => i.version), aws.version, this.events.version, region, progress].join("|");
    const currents = inf.map((i) => i.currentAt()).filter((t): t is number => t !== undefined);
    const kubernetesAt = new Date(currents.length ? Math.min(...currents) : Date.now()).toISOString();
    const awsAt = usable ? half.readAt : undefined;
    const ages = { kubernetes: kubernetesAt, ...(awsAt ? { aws: awsAt } : {}) };
    const capturedAt = awsAt && awsAt < kubernetesAt ? awsAt : kubernetesAt;
    if (this.last?.key === key) {
      // Same data: same object, but its read times say the watches are current.
      this.last.snapshot.capturedAt = capturedAt;
      this.last.snapshot.ages = ages;
      return this.last.snapshot;
    }
    const services = this.informers.services.items();
    const extra = targetNodeLabelKeys(services);
    const problems = [
      ...foldKubernetesDown(inf.map((i) => i.problem).filter((p): p is SourceProblem => !!p)),
      ...half.problems,
      ...(first ? [firstAwsReadProblem(first, region)] : []),
    ];
    const snapshot = sortSnapshot({
      schemaVersion: 1,
      capturedAt,
      cluster: { name: this.o.cluster, ...(this.o.awsClusterName ? { awsClusterName: this.o.awsClusterName } : {}), ...(region ? { region } : {}) },
      kubernetes: {
        services,
        endpointSlices: this.informers.endpointSlices.items(),
        nodes: this.informers.nodes.items().map((n) => reshapeNode(n, extra)),
        pods: this.informers.pods.items(),
        // An absent CRD, or one never read (its problem says why), leaves its field undefined.
        ...assembleExtra(this.extraInformers.map(({ res, informer }) => ({ res, items: informer.synced && !informer.absent ? informer.items() : undefined }))),
      },
      aws: usable ? half.aws : NO_AWS,
      ...(problems.length ? { problems } : {}),
      ages,
      ...(usable && half.metrics ? { metrics: half.metrics } : {}),
      timeline: this.timeline(usable ? half.history : undefined, events),
    });
    this.last = { key, snapshot };
    return snapshot;
  }

  /** The region's target history with this cluster's Kubernetes changes; the same object while neither changed. */
  private timeline(history: AwsCacheHalf["history"] | undefined, events: Timeline["events"]): Timeline {
    const key = `${this.aws?.cache.history.version ?? "-"}|${history ? "aws" : "none"}|${this.events.version}`;
    if (this.timelineCache?.key === key) return this.timelineCache.timeline;
    const starts = [history?.window?.start, new Date(this.startedAt).toISOString()].filter((x): x is string => !!x).sort();
    const ends = [history?.window?.end, events.length ? events[events.length - 1].at : undefined, starts[0]].filter((x): x is string => !!x).sort();
    const timeline: Timeline = { window: { start: starts[0], end: ends[ends.length - 1] }, targets: history?.targets ?? [], events };
    this.timelineCache = { key, timeline };
    return timeline;
  }

  async close(): Promise<void> {
    await Promise.all(this.allInformers().map((i) => i.stop()));
    if (this.aws) releaseAwsCache(this.aws.cache);
    this.aws = undefined;
  }

  private region(): string | undefined {
    return regionFromEnv(this.o.env ?? process.env) ?? this.o.regionHint ?? regionFromNodes(this.informers.nodes.items());
  }

  /** The region's shared AwsCache (switching if the region became known later, e.g. once Nodes synced). */
  private awsFor(region: string | undefined): AwsCache {
    if (this.aws && this.aws.region === region) return this.aws.cache;
    if (this.aws) releaseAwsCache(this.aws.cache);
    const cache = acquireAwsCache(region, () => new AwsCache(this.o.makeClients(region), this.o.aws));
    this.aws = { region, cache };
    return cache;
  }
}

/**
 * The API server down (or the credentials gone) breaks every informer at once: one problem naming the resources,
 * not four. Per-resource refusals (403 on one resource) stay separate: each names its own RBAC rule.
 */
export function foldKubernetesDown(problems: SourceProblem[]): SourceProblem[] {
  const out: SourceProblem[] = [];
  const folded = new Map<string, { problem: SourceProblem; details: string[] }>();
  for (const p of problems) {
    if (!isKubernetesDown(p)) { out.push(p); continue; }
    const key = `${p.code}|${p.message.replace(/; showing the objects as of .*$/, "").replace(/ (list|watch|get) \S+/g, "")}`;
    const f = folded.get(key);
    if (f) { if (p.detail) f.details.push(p.detail); continue; }
    const entry = { problem: p, details: p.detail ? [p.detail] : [] };
    folded.set(key, entry);
    out.push(p);
  }
  return out.map((p) => {
    const f = [...folded.values()].find((x) => x.problem === p);
    return f && f.details.length > 1 ? { ...p, detail: f.details.join(", ") } : p;
  });
}
