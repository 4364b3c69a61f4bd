import { KubeConfig } from "@kubernetes/client-node";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";
import type { Snapshot } from "@/server/core/model/snapshot";
import { startEmulatorWorker } from "./emulatorWorker";
import { readSnapshot } from "@/server/sources/live/readSnapshot";
import { liveConfig } from "@/server/sources/live/config";
import { apiMinimum, compareCalls, K8S_PAGE } from "./minimum";

/**
 * Cold load: the live source's full read (server/sources/live/readSnapshot.ts) through the real
 * @kubernetes/client-node and AWS SDK clients, over loopback HTTP, from the test emulator seeded with the
 * generated snapshot. Counts requests per Kubernetes resource and per AWS action and compares them with the
 * API minimum (./minimum.ts). The emulator runs in a worker thread (its own core). Credentials are dummies;
 * nothing leaves 127.0.0.1.
 */

export interface ColdRun {
  ms: number;
  /** Kubernetes half (until the first AWS call is sent), then the AWS half (readSnapshot reads them in turn). */
  kubernetesMs: number;
  awsMs: number;
  kubernetes: Record<string, number>;
  aws: Record<string, number>;
  /** What came back, to show the read was complete. */
  read: { services: number; endpointSlices: number; nodes: number; pods: number; loadBalancers: number; targetGroups: number; classicLoadBalancers: number; targets: number; problems: string[] };
}

export interface ColdResult {
  runs: ColdRun[];
  awsConcurrency: number;
  kubernetesPageSize: number;
  expected: ColdRun["read"];
  kubernetes: ReturnType<typeof compareCalls>;
  aws: ReturnType<typeof compareCalls>;
}

const DUMMY = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

export function readCounts(s: Snapshot): ColdRun["read"] {
  return {
    services: s.kubernetes.services.length,
    endpointSlices: s.kubernetes.endpointSlices.length,
    nodes: s.kubernetes.nodes.length,
    pods: s.kubernetes.pods.length,
    loadBalancers: s.aws.loadBalancers.length,
    targetGroups: s.aws.targetGroups.length,
    classicLoadBalancers: s.aws.classicLoadBalancers.length,
    targets: s.aws.targetGroups.reduce((n, tg) => n + (tg.targetHealthDescriptions?.length ?? 0), 0),
    problems: (s.problems ?? []).map((p) => `${p.code}: ${p.message}`),
  };
}

/** Kubernetes requests by resource for lists ("pods"), by "<verb> <path>" for anything else (watches). */
export const byResource = (kube: Record<string, number>) => {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(kube)) {
    const [verb, path] = key.split(" ");
    const resource = path.split("/").filter(Boolean).pop() ?? path;
    out[verb === "list" ? resource : `${verb} ${path}`] = (out[verb === "list" ? resource : `${verb} ${path}`] ?? 0) + n;
  }
  return out;
};

export async function measureColdLoad(snapshot: Snapshot, runs: number): Promise<ColdResult> {
  const emulator = await startEmulatorWorker(snapshot);
  const config = liveConfig({});
  const results: ColdRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await emulator.resetCounts();
      const kc = new KubeConfig();
      kc.loadFromString(emulator.kubeconfigYaml);
      const region = "us-east-1";
      const clients = {
        elbv2: new ElasticLoadBalancingV2Client({ region, endpoint: emulator.url, credentials: DUMMY }),
        elb: new ElasticLoadBalancingClient({ region, endpoint: emulator.url, credentials: DUMMY }),
        region,
      };
      let firstAws: number | undefined;
      const mark = { step: "initialize", name: "benchFirstCall" } as const;
      clients.elbv2.middlewareStack.add((next) => (args) => { firstAws ??= performance.now(); return next(args); }, mark);
      clients.elb.middlewareStack.add((next) => (args) => { firstAws ??= performance.now(); return next(args); }, mark);
      const t = performance.now();
      const read = await readSnapshot({
        cluster: "bench", kubeconfig: kc, awsClients: () => clients, env: { AWS_REGION: region },
        awsClusterName: snapshot.cluster.awsClusterName, pageSize: config.pageSize,
        kubernetesTimeoutMs: 60_000, aws: { timeoutMs: 60_000, concurrency: config.awsConcurrency },
      });
      const end = performance.now();
      const ms = end - t;
      clients.elbv2.destroy();
      clients.elb.destroy();
      const c = await emulator.counts();
      const split = firstAws ?? end;
      results.push({ ms, kubernetesMs: split - t, awsMs: end - split, kubernetes: byResource(c.kubernetes), aws: c.aws, read: readCounts(read) });
    }
  } finally {
    await emulator.close();
  }
  const min = apiMinimum(snapshot);
  const last = results[results.length - 1];
  return {
    runs: results,
    awsConcurrency: config.awsConcurrency,
    kubernetesPageSize: config.pageSize ?? K8S_PAGE,
    expected: readCounts(snapshot),
    kubernetes: compareCalls(last.kubernetes, min.kubernetes),
    aws: compareCalls(last.aws, min.aws),
  };
}
