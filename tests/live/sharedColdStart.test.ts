import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { summarizeServices } from "@/server/core/summaries";
import { firstAwsReadProblem } from "@/server/sources/live/problems";
import { sortSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { SharedCacheReader } from "@/server/sources/live/sharedCache";
import { startEmulator } from "@/tests/fixtures/emulator";
import { syntheticSnapshot } from "@/tests/fixtures/emulator/synthetic";
import { FIXTURE, emulatorAwsClients, emulatorKubeConfig, loadSnapshot } from "./helpers";
import { until } from "./until";

/**
 * Issue 5/6 gap (G9): the shared cache serves the Kubernetes half while the region's first AWS cycle is still
 * paced through the call budget, with AWS_FIRST_READ marking the AWS half (then only target health) missing.
 */

const LONG = 600_000; // AWS loops that never fire on their own during a test
const dataOf = (s: Snapshot) => { const { kubernetes, aws } = sortSnapshot(s); return { kubernetes, aws }; };
const firstRead = (s: Snapshot) => s.problems?.find((p) => p.code === "AWS_FIRST_READ");


const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

// 4 NLB Services with 3 listeners each: 3 listings + 4×2 (listeners, attributes per LB) + 12 TG attributes = 23
// structure calls, then 1 DescribeTags (16 ARNs) and 12 DescribeTargetHealth. At 5 calls/s: ~7 s in all, of which
// ~2.6 s with structure and tags known but not health.
const source = syntheticSnapshot({ nlbServices: 4, listenersPerLb: 3 });
const LBS = source.aws.loadBalancers.length, TGS = source.aws.targetGroups.length;
const CYCLE_CALLS = 3 + 2 * LBS + TGS + Math.ceil((LBS + TGS) / 20) + TGS;
const svc = { namespace: "bulk", name: "svc-0000" };

async function setup(callsPerSecond: number, firstAwsWaitMs?: number, snapshot: Snapshot = source) {
  const emulator = await startEmulator({ snapshot });
  open.push(emulator);
  const reader = new SharedCacheReader({
    cluster: "cold", kubeconfig: emulatorKubeConfig(emulator), env: {}, regionHint: "us-east-1",
    timeoutMs: 5_000, pageSize: 500, makeClients: () => emulatorAwsClients(emulator), firstAwsWaitMs,
    aws: { timeoutMs: 5_000, concurrency: 4, callsPerSecond, structureMs: LONG, healthMs: LONG, tagsMs: LONG, logState: () => false },
    informer: { backoff: { baseMs: 50, maxMs: 200 } },
    logState: () => false,
  });
  open.push(reader);
  return { emulator, reader };
}

describe("shared cache cold start: Kubernetes first, AWS when read", () => {
  it("serves the Kubernetes half within the wait, AWS marked missing, then structure without health, then all", async () => {
    const { emulator, reader } = await setup(5, 1_000);
    const t0 = Date.now();
    const first = await reader.read();
    expect(Date.now() - t0).toBeLessThan(1_000 + 2_000); // informers' first list + the bounded wait, not ~7 s
    expect(emulator.awsRequests.length).toBeLessThan(CYCLE_CALLS); // the cycle really was not over

    // The Kubernetes half is all there; nothing of AWS is used yet.
    expect(dataOf(first).kubernetes).toStrictEqual(dataOf(source).kubernetes);
    expect(first.aws).toStrictEqual({ loadBalancers: [], targetGroups: [], classicLoadBalancers: [] });
    expect(first.ages?.aws).toBeUndefined();
    const p = firstRead(first)!;
    expect(p).toMatchObject({ source: "aws", detail: "elasticloadbalancing:DescribeLoadBalancers" });
    expect(p.message).toMatch(/us-east-1 is still being read for the first time \(\d+ calls done, \d+ under way or queued: at least \d+ s more at 5 calls\/s/);
    expect(p.message).toContain("the Kubernetes half is shown meanwhile");
    const atLeast = Number(/at least (\d+) s more/.exec(p.message)![1]);
    const firstAt = Date.now();
    expect(p.fix).toContain("LBPATH_AWS_CALLS_PER_SECOND");

    // The analysis says "AWS unknown" (snapshotIndex missing.aws), not "no such load balancer".
    const t1 = buildTopology(first, svc)!;
    expect(t1.warnings.map((w) => w.code)).toContain("AWS_FIRST_READ");
    expect(t1.paths).toEqual([]);
    const codes1 = t1.findings.map((f) => f.code);
    expect(codes1).toContain("PARTIAL_DATA");
    expect(codes1).not.toContain("LB_NOT_FOUND");
    expect(codes1).not.toContain("TARGETS_MISSING");
    expect(t1.findings.find((f) => f.code === "PARTIAL_DATA" && f.rules.includes("JOIN-2"))?.message).toMatch(/could not be looked up: AWS data is unavailable/);

    // The overview too: status "unknown" (not "not-found"), and the warning reaches the API's `warnings`.
    const list = summarizeServices(first);
    expect(list.services.find((x) => x.name === svc.name)?.status).toBe("unknown");
    expect(list.warnings.map((w) => w.code)).toContain("AWS_FIRST_READ");

    // Later reads do not wait again (the wait counts from the cycle's start) and add no AWS calls of their own.
    const t2 = Date.now();
    await reader.read();
    expect(Date.now() - t2).toBeLessThan(500);

    // Structure and tags known, health not yet: load balancers, listeners and target groups drawn, health unknown.
    const mid = await until(() => reader.read(), (s) => firstRead(s)?.detail !== "elasticloadbalancing:DescribeLoadBalancers", 15_000);
    const pm = firstRead(mid)!;
    expect(pm.detail).toBe("elasticloadbalancing:DescribeTargetHealth");
    expect(mid.aws.loadBalancers.map((l) => l.loadBalancerArn)).toEqual(source.aws.loadBalancers.map((l) => l.loadBalancerArn).sort());
    expect(mid.aws.loadBalancers.map((l) => l.tags)).toEqual(sortSnapshot(source).aws.loadBalancers.map((l) => l.tags));
    expect(mid.aws.targetGroups.every((tg) => tg.targetHealthDescriptions === undefined)).toBe(true);
    expect(mid.ages?.aws).toBeDefined();
    const [, done, total] = /(\d+) of (\d+) calls done at 5 calls\/s, about \d+ s left/.exec(pm.message) ?? [];
    expect(Number(total)).toBe(CYCLE_CALLS); // every call of the cycle has been asked by now: an exact total
    expect(Number(done)).toBeLessThan(CYCLE_CALLS);
    const t = buildTopology(mid, svc)!;
    expect(t.paths).toHaveLength(3);
    for (const path of t.paths) expect(path.targets).toEqual([]);
    expect(t.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["AWS_FIRST_READ", "HEALTH_UNKNOWN"]));
    const codes = t.findings.map((f) => f.code);
    expect(codes).not.toContain("TARGETS_MISSING");
    expect(codes).not.toContain("LB_NOT_FOUND");

    // Cycle over: the full snapshot, a new object, no AWS_FIRST_READ; then the same object again.
    const full = await until(() => reader.read(), (s) => !firstRead(s), 15_000);
    expect(full.problems).toBeUndefined();
    // "at least S s" was a true lower bound: R calls per any one second ⇒ Q queued calls need ≥ ⌈Q/R⌉ − 1 s.
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual((atLeast - 1) * 1000 - 50);
    expect(dataOf(full)).toStrictEqual(dataOf(source));
    expect(full).not.toBe(first);
    expect(await reader.read()).toBe(full);
    expect(emulator.awsRequests.length).toBe(CYCLE_CALLS); // one cycle, whatever the number of reads
    const t3 = buildTopology(full, svc)!;
    expect(t3.warnings).toEqual([]);
    expect(t3.paths[0].targets.length).toBeGreaterThan(0);
  }, 30_000);

  it("a small account at the default wait and budget: the first snapshot is already complete", async () => {
    const small = loadSnapshot(FIXTURE); // 2 NLBs, 3 target groups, 1 Classic ELB: 17 calls, ≥ 3 s at 5 calls/s
    const { reader } = await setup(5, undefined, small);
    const s = await reader.read();
    expect(s.problems).toBeUndefined();
    expect(dataOf(s)).toStrictEqual(dataOf(small));
  });

  it("the problem's counts and detail follow the stage (pure)", () => {
    const structure = firstAwsReadProblem({ stage: "structure", asked: 24, finished: 4, perSecond: 5 }, "eu-west-1");
    expect(structure).toMatchObject({ code: "AWS_FIRST_READ", source: "aws", detail: "elasticloadbalancing:DescribeLoadBalancers" });
    expect(structure.message).toContain("(4 calls done, 20 under way or queued: at least 4 s more at 5 calls/s");
    expect(structure.heldSince).toBeUndefined(); // missing, not held: the analysis must not use an empty AWS half
    const health = firstAwsReadProblem({ stage: "health", asked: 463, finished: 263, perSecond: 5 });
    expect(health.detail).toBe("elasticloadbalancing:DescribeTargetHealth");
    expect(health.message).toContain("263 of 463 calls done at 5 calls/s, about 40 s left");
  });
});
