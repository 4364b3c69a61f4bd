import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { sortSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { syntheticSnapshot } from "@/tests/fixtures/emulator/synthetic";
import { readSnapshotFromEmulator } from "./helpers";
import { EXTRA_RESOURCES } from "@/server/sources/live/extraResources";

/**
 * With a server-side page size of 2, the reader must follow every Kubernetes `continue` and every AWS
 * `NextMarker`, and batch DescribeTags at ≤ 20 ARNs/names per call (the API's limit), to get every object.
 */
const PAGE = 2;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));

describe("paging against an emulator with pageSize 2", () => {
  // 13 NLB Services × 3 listeners: 13 LBs + 39 TGs = 52 ARNs → 3 DescribeTags calls; 21 Classic ELBs → 2.
  const source = syntheticSnapshot({ nlbServices: 13, listenersPerLb: 3, classicServices: 21, nodes: 5, podsPerService: 3 });
  let emulator: Emulator;
  let read: Snapshot;

  beforeAll(async () => {
    emulator = await startEmulator({ snapshot: source, pageSize: PAGE });
    read = await readSnapshotFromEmulator(emulator, source);
  });
  afterAll(() => emulator.close());

  it("gets every object of every kind", () => {
    expect(read.problems).toBeUndefined();
    const { kubernetes, aws } = sortSnapshot(source);
    expect(read.kubernetes).toStrictEqual(kubernetes);
    expect(read.aws).toStrictEqual(aws);
    expect(read.kubernetes.pods).toHaveLength((13 + 21) * 3);
    expect(read.aws.targetGroups).toHaveLength(39);
  });

  it("requests exactly one Kubernetes list page per 2 objects, cluster-wide, and nothing else", () => {
    const k = source.kubernetes;
    expect(emulator.counts.kubernetes).toEqual({
      "list /api/v1/services": pages(k.services.length),
      "list /api/v1/nodes": pages(k.nodes.length),
      "list /api/v1/pods": pages(k.pods.length),
      "list /apis/discovery.k8s.io/v1/endpointslices": pages(k.endpointSlices.length),
      // Ingress objects and the ALB / Gateway custom resources: one list each (404 where the CRD is not installed).
      ...Object.fromEntries(EXTRA_RESOURCES.map((r) => [`list ${r.path}`, 1])),
    });
  });

  it("follows NextMarker for DescribeLoadBalancers (both APIs), DescribeTargetGroups and DescribeListeners", () => {
    const c = emulator.counts.aws;
    expect(c["elbv2:DescribeLoadBalancers"]).toBe(pages(13));
    expect(c["elbv2:DescribeTargetGroups"]).toBe(pages(39));
    expect(c["elbv2:DescribeListeners"]).toBe(13 * pages(3));
    expect(c["elb:DescribeLoadBalancers"]).toBe(pages(21));
    // Not paginated: one call per resource.
    expect(c["elbv2:DescribeTargetHealth"]).toBe(39);
    expect(c["elbv2:DescribeTargetGroupAttributes"]).toBe(39);
    expect(c["elbv2:DescribeLoadBalancerAttributes"]).toBe(13);
    expect(c["elb:DescribeInstanceHealth"]).toBe(21);
    expect(c["elb:DescribeLoadBalancerAttributes"]).toBe(21);
  });

  it("never sends DescribeTags more than 20 ARNs or names", () => {
    const tagCalls = emulator.awsRequests.filter((r) => r.action === "DescribeTags");
    const sizes = tagCalls.map((r) => Object.keys(r.params).filter((k) => /^(ResourceArns|LoadBalancerNames)\.member\.\d+$/.test(k)).length);
    expect(sizes.every((n) => n >= 1 && n <= 20)).toBe(true);
    expect(emulator.awsCount("elbv2:DescribeTags")).toBe(Math.ceil((13 + 39) / 20));
    expect(emulator.awsCount("elb:DescribeTags")).toBe(Math.ceil(21 / 20));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(13 + 39 + 21);
  });

  it("the emulator refuses more than 20 ARNs, as AWS does", async () => {
    const { DescribeTagsCommand, ElasticLoadBalancingV2Client } = await import("@aws-sdk/client-elastic-load-balancing-v2");
    const client = new ElasticLoadBalancingV2Client({ region: "us-east-1", endpoint: emulator.url });
    const arns = source.aws.targetGroups.slice(0, 21).map((t) => t.targetGroupArn);
    await expect(client.send(new DescribeTagsCommand({ ResourceArns: arns }))).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("a garbage continue token is a 410 Expired Status", async () => {
    const res = await fetch(`${emulator.url}/api/v1/pods?limit=2&continue=bm9wZQ`);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "Expired", code: 410 });
  });
});
