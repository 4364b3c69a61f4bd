import type { KubeConfig } from "@kubernetes/client-node";
import type { Snapshot } from "@/server/core/model/snapshot";
import { destroyAwsClients, type AwsClients } from "./awsClients";
import { contextProblems, newAwsContext, readAws, type ReadAwsOptions } from "./readAws";
import type { SourceProblem } from "@/server/core/model/snapshot";
import type { Metrics } from "@/server/core/model/observed";
import { fetchMetrics, metricQueries, metricsWindow } from "./metrics";
import { TargetHistoryStore, readingsFromSnapshot, type TargetHistoryOptions } from "./history/targetHistory";
import { KubeEventLog, diffReads } from "./history/kubeEvents";
import { isAwsDown } from "./problems";
import { readKubernetes } from "./readKubernetes";
import { regionFromEnv, regionFromNodes } from "./region";
import { sortSnapshot } from "./reshapeSnapshot";

/** One full read of a cluster: Kubernetes first (it is needed to find the region), then AWS. */
export interface ReadSnapshotOptions {
  cluster: string;
  kubeconfig: KubeConfig;
  /** AWS clients for a region (cached by the caller); undefined region = let the SDK's own chain decide. */
  awsClients: (region: string | undefined) => AwsClients;
  awsClusterName?: string;
  /** Region from the kubeconfig (EKS ARN / exec args), used after AWS_REGION and before the Nodes' zones. */
  regionHint?: string;
  env?: Record<string, string | undefined>;
  kubernetesTimeoutMs?: number;
  pageSize?: number;
  aws?: ReadAwsOptions;
  /**
   * PollingReader only (poll mode, capture): keep a timeline across reads and read CloudWatch at most every
   * `metricsMs` (issue 12). Absent: neither.
   */
  history?: { metricsMs: number; metricsWindowMinutes: number; timeline: TargetHistoryOptions; events: { windowMs: number; capacity: number } };
}

export async function readSnapshot(o: ReadSnapshotOptions): Promise<Snapshot> {
  const kube = await readKubernetes(o.kubeconfig, { cluster: o.cluster, timeoutMs: o.kubernetesTimeoutMs, pageSize: o.pageSize });
  const region = regionFromEnv(o.env ?? process.env) ?? o.regionHint ?? regionFromNodes(kube.nodes);
  const aws = await readAws(o.awsClients(region), o.aws);
  const problems = [...kube.problems, ...aws.problems];
  return sortSnapshot({
    schemaVersion: 1,
    capturedAt: kube.readAt < aws.readAt ? kube.readAt : aws.readAt,
    cluster: { name: o.cluster, ...(o.awsClusterName ? { awsClusterName: o.awsClusterName } : {}), ...(region ? { region } : {}) },
    kubernetes: { services: kube.services, endpointSlices: kube.endpointSlices, nodes: kube.nodes, pods: kube.pods, ...kube.extra },
    aws: { loadBalancers: aws.loadBalancers, targetGroups: aws.targetGroups, classicLoadBalancers: aws.classicLoadBalancers },
    ...(problems.length ? { problems } : {}),
    ages: { kubernetes: kube.readAt, aws: aws.readAt },
  });
}

/**
 * A SnapshotReader that does one full read per call, reusing AWS clients (and their connections) per region. With
 * `history` it also keeps a timeline from read to read (target health; pod, endpoint and node changes found by
 * comparing reads) and CloudWatch metrics, read at most every `metricsMs` whatever the read rate.
 */
export class PollingReader {
  private readonly clients = new Map<string, AwsClients>();
  private readonly targets?: TargetHistoryStore;
  private readonly events?: KubeEventLog;
  private previous?: Snapshot["kubernetes"];
  private metrics?: { at: number; metrics: Metrics | undefined; problems: SourceProblem[] };
  private readonly startedAt = Date.now();

  constructor(
    private readonly o: Omit<ReadSnapshotOptions, "awsClients">,
    private readonly makeClients: (region: string | undefined) => AwsClients,
  ) {
    if (o.history) {
      this.targets = new TargetHistoryStore(o.history.timeline);
      this.events = new KubeEventLog(o.history.events);
    }
  }

  async read(): Promise<Snapshot> {
    const s = await readSnapshot({ ...this.o, awsClients: (region) => this.clientsFor(region) });
    return this.o.history ? this.withHistory(s, this.o.history) : s;
  }

  private async withHistory(s: Snapshot, h: NonNullable<ReadSnapshotOptions["history"]>): Promise<Snapshot> {
    const now = Date.now();
    const problems = s.problems ?? [];
    // A half that was not read must not look like every target or pod went away.
    const awsRead = !problems.some((p) => p.source === "aws" && (isAwsDown(p) || p.code === "AWS_THROTTLED" || /DescribeLoadBalancers|DescribeTargetGroups/.test(p.detail ?? "")));
    const kubeRead = !problems.some((p) => p.source === "kubernetes");
    if (awsRead) this.targets!.record(readingsFromSnapshot(s.aws), now);
    if (kubeRead) {
      if (this.previous) diffReads(this.events!, this.previous, s.kubernetes);
      this.previous = s.kubernetes;
    }
    const cloudwatch = this.clientsFor(s.cluster.region).cloudwatch;
    if (h.metricsMs > 0 && cloudwatch && awsRead && (!this.metrics || now - this.metrics.at >= h.metricsMs)) {
      const ctx = newAwsContext(s.cluster.region, this.o.aws ?? {});
      const metrics = await fetchMetrics(cloudwatch, ctx, metricQueries(s.aws), metricsWindow(now, h.metricsWindowMinutes));
      this.metrics = { at: now, metrics, problems: contextProblems(ctx) };
    }
    const events = this.events!.events();
    const window = this.targets!.window();
    const last = [window?.end, events[events.length - 1]?.at, new Date(this.startedAt).toISOString()].filter((x): x is string => !!x).sort();
    const all = [...problems, ...(this.metrics?.problems ?? [])];
    return {
      ...s,
      ...(all.length ? { problems: all } : {}),
      ...(this.metrics?.metrics ? { metrics: this.metrics.metrics } : {}),
      timeline: {
        window: { start: [window?.start, new Date(this.startedAt).toISOString()].filter((x): x is string => !!x).sort()[0], end: last[last.length - 1] },
        targets: this.targets!.targets(),
        events,
      },
    };
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) destroyAwsClients(c);
    this.clients.clear();
  }

  private clientsFor(region: string | undefined): AwsClients {
    const key = region ?? "";
    let c = this.clients.get(key);
    if (!c) this.clients.set(key, (c = this.makeClients(region)));
    return c;
  }
}
