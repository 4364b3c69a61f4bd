import { KubeConfig } from "@kubernetes/client-node";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";
import type { Snapshot } from "@/server/core/model/snapshot";
import { SharedCacheReader } from "@/server/sources/live/sharedCache";
import { liveConfig } from "@/server/sources/live/config";
import { startEmulatorWorker } from "./emulatorWorker";
import { apiMinimum, compareCalls } from "./minimum";
import { byResource, readCounts, type ColdRun } from "./cold";

/**
 * Cold start of the server's default live mode (LBPATH_LIVE_CACHE=shared, server/sources/live/sharedCache.ts):
 * one informer per resource (paginated list, then watch) and the region's AWS loops, whose first cycle
 * (structure, then tags and health) is paced by the call budget (LBPATH_AWS_CALLS_PER_SECOND, default 5, G6).
 * Measures time until every informer has synced, until the first read a viewer gets (the Kubernetes half, with AWS
 * marked as still being read on a big account), and until the first full AWS cycle, and the requests up to then.
 */
export interface SharedColdResult {
  callsPerSecond: number;
  kubernetesSyncedMs: number;
  /** The first read() a viewer gets: the Kubernetes half, with AWS marked as still being read if it is (AWS_FIRST_READ). */
  firstReadMs: number;
  firstReadPartial: boolean;
  firstCompleteMs: number;
  kubernetes: Record<string, number>;
  aws: Record<string, number>;
  read: ColdRun["read"];
  expected: ColdRun["read"];
  kubernetesLists: ReturnType<typeof compareCalls>;
  awsCalls: ReturnType<typeof compareCalls>;
}

const DUMMY = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };
/** The bench prints its own table: no state-change log lines from the cache. */
const quiet = () => false;

export async function measureSharedColdStart(snapshot: Snapshot, callsPerSecond?: number): Promise<SharedColdResult> {
  const emulator = await startEmulatorWorker(snapshot);
  const config = liveConfig({});
  const rate = callsPerSecond ?? config.aws.callsPerSecond;
  const kc = new KubeConfig();
  kc.loadFromString(emulator.kubeconfigYaml);
  const region = "us-east-1";
  const reader = new SharedCacheReader({
    cluster: "bench", kubeconfig: kc, awsClusterName: snapshot.cluster.awsClusterName, env: { AWS_REGION: region },
    timeoutMs: 60_000, pageSize: config.pageSize, logState: quiet,
    makeClients: () => ({
      elbv2: new ElasticLoadBalancingV2Client({ region, endpoint: emulator.url, credentials: DUMMY }),
      elb: new ElasticLoadBalancingClient({ region, endpoint: emulator.url, credentials: DUMMY }),
      region,
    }),
    aws: { ...config.aws, callsPerSecond: rate, timeoutMs: 60_000, concurrency: config.awsConcurrency, logState: quiet },
  });
  try {
    const t = performance.now();
    let kubernetesSyncedMs = NaN;
    const poll = setInterval(() => { if (Number.isNaN(kubernetesSyncedMs) && reader.ready()) kubernetesSyncedMs = performance.now() - t; }, 10);
    // What a first viewer gets: read() waits for the informers and only briefly for the first AWS cycle.
    const first = await reader.read();
    const firstReadMs = performance.now() - t;
    const firstReadPartial = (first.problems ?? []).some((p) => p.code === "AWS_FIRST_READ");
    await reader.start(); // resolves once the first AWS cycle is complete
    const read = await reader.read();
    const firstCompleteMs = performance.now() - t;
    clearInterval(poll);
    if (Number.isNaN(kubernetesSyncedMs) && reader.ready()) kubernetesSyncedMs = firstCompleteMs;
    const c = await emulator.counts();
    const kubernetes = byResource(c.kubernetes);
    const min = apiMinimum(snapshot);
    const lists = Object.fromEntries(Object.entries(kubernetes).filter(([k]) => !k.includes(" ")));
    return {
      callsPerSecond: rate, kubernetesSyncedMs, firstReadMs, firstReadPartial, firstCompleteMs, kubernetes, aws: c.aws,
      read: readCounts(read), expected: readCounts(snapshot),
      kubernetesLists: compareCalls(lists, min.kubernetes),
      awsCalls: compareCalls(c.aws, min.aws),
    };
  } finally {
    await reader.close();
    await emulator.close();
  }
}
