import type { KubeConfig } from "@kubernetes/client-node";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { AwsClients } from "./awsClients";
import { readAws, type ReadAwsOptions } from "./readAws";
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

/** A SnapshotReader that does one full read per call, reusing AWS clients (and their connections) per region. */
export class PollingReader {
  private readonly clients = new Map<string, AwsClients>();

  constructor(
    private readonly o: Omit<ReadSnapshotOptions, "awsClients">,
    private readonly makeClients: (region: string | undefined) => AwsClients,
  ) {}

  read(): Promise<Snapshot> {
    return readSnapshot({ ...this.o, awsClients: (region) => this.clientsFor(region) });
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) {
      c.elbv2.destroy();
      c.elb.destroy();
    }
    this.clients.clear();
  }

  private clientsFor(region: string | undefined): AwsClients {
    const key = region ?? "";
    let c = this.clients.get(key);
    if (!c) this.clients.set(key, (c = this.makeClients(region)));
    return c;
  }
}
