import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { LiveSourceError } from "@/server/sources/live/problems";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { syntheticSnapshot } from "@/tests/fixtures/emulator/synthetic";
import { FIXTURE, loadSnapshot, readSnapshotFromEmulator } from "./helpers";

/** Failures of one resource or call keep everything else; only a wholly unreachable Kubernetes throws. */
describe("faults", () => {
  const fixture = loadSnapshot(FIXTURE);
  let emulator: Emulator;
  beforeEach(async () => { emulator = await startEmulator({ snapshot: fixture }); });
  afterEach(() => emulator.close());

  it("403 on endpointslices → partial snapshot with K8S_FORBIDDEN naming the missing RBAC rule", async () => {
    emulator.fault({ kubernetes: "endpointslices", status: 403 });
    const s = await readSnapshotFromEmulator(emulator, fixture);
    expect(s.problems).toHaveLength(1);
    expect(s.problems![0]).toMatchObject({ code: "K8S_FORBIDDEN", source: "kubernetes", detail: "list endpointslices.discovery.k8s.io" });
    expect(s.problems![0].message).toContain('cannot list resource "endpointslices" in API group "discovery.k8s.io"');
    expect(s.problems![0].fix).toContain("lbpath-reader");
    expect(s.problems![0].fix).toContain("deploy/rbac.yaml");
    expect(s.kubernetes.endpointSlices).toEqual([]);
    // Everything else was read.
    expect(s.kubernetes.services).toHaveLength(fixture.kubernetes.services.length);
    expect(s.kubernetes.pods).toHaveLength(fixture.kubernetes.pods.length);
    expect(s.aws.targetGroups).toHaveLength(fixture.aws.targetGroups.length);
  });

  it("AccessDenied on DescribeTargetHealth for one target group → problem naming the IAM action; the rest intact", async () => {
    const denied = fixture.aws.targetGroups[1].targetGroupArn;
    emulator.fault({ aws: "DescribeTargetHealth", code: "AccessDenied", when: (p) => p.get("TargetGroupArn") === denied });
    const s = await readSnapshotFromEmulator(emulator, fixture);
    expect(s.problems).toEqual([expect.objectContaining({ code: "AWS_ACCESS_DENIED", source: "aws", detail: "elasticloadbalancing:DescribeTargetHealth" })]);
    expect(s.problems![0].message).toContain("is not authorized to perform: elasticloadbalancing:DescribeTargetHealth");
    expect(s.problems![0].fix).toContain("deploy/iam-policy.json");
    const byArn = new Map(s.aws.targetGroups.map((t) => [t.targetGroupArn, t]));
    expect(byArn.get(denied)!.targetHealthDescriptions).toBeUndefined();
    for (const tg of fixture.aws.targetGroups.filter((t) => t.targetGroupArn !== denied)) {
      expect(byArn.get(tg.targetGroupArn)!.targetHealthDescriptions).toEqual(tg.targetHealthDescriptions);
    }
    expect(byArn.get(denied)!.attributes).toEqual(fixture.aws.targetGroups[1].attributes);
  });

  it("401 everywhere → throws K8S_UNAUTHORIZED once (credentials expired), with the fix", async () => {
    emulator.fault({ kubernetes: "*", status: 401 });
    const err = await readSnapshotFromEmulator(emulator, fixture).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveSourceError);
    const problems = (err as LiveSourceError).problems;
    expect(problems.map((p) => p.code)).toEqual(["K8S_UNAUTHORIZED"]);
    expect((err as Error).message).toMatch(/expired or invalid.*Fix: refresh/s);
  });

  it("a continue token that expires mid-list restarts the list and still gets every object", async () => {
    const small = await startEmulator({ snapshot: fixture, pageSize: 2 });
    try {
      const f = small.fault({ kubernetes: "pods", status: 410, times: 1, when: (q) => q.has("continue") });
      const s = await readSnapshotFromEmulator(small, fixture);
      expect(f.hits).toBe(1);
      expect(s.problems).toBeUndefined();
      expect(s.kubernetes.pods).toHaveLength(fixture.kubernetes.pods.length);
      // 5 pods at 2 per page = 3 pages; the failed second page, then 3 pages again.
      expect(small.counts.kubernetes["list /api/v1/pods"]).toBe(2 + 3);
    } finally {
      await small.close();
    }
  });

  it("Kubernetes down → a clear error naming cause and fix", async () => {
    emulator.fault({ down: true });
    const err = await readSnapshotFromEmulator(emulator, fixture).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveSourceError);
    expect((err as LiveSourceError).problems).toEqual([expect.objectContaining({ code: "K8S_UNREACHABLE" })]);
    expect((err as Error).message).toContain("cannot connect to the API server (ECONNREFUSED)");
    expect((err as Error).message).toContain("Fix: check the server URL");
    // What the API answers (server/http/respond.ts maps SourceError): 503 with the problem's code and fix.
    expect(err).toMatchObject({ code: "K8S_UNREACHABLE", status: 503, fix: expect.stringContaining("check the server URL") });
  });

  it("a hanging Kubernetes list times out within the configured timeout; the other resources are kept", async () => {
    emulator.fault({ kubernetes: "pods", hang: true });
    const t0 = Date.now();
    const s = await readSnapshotFromEmulator(emulator, fixture, { kubernetesTimeoutMs: 400 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(s.problems).toEqual([expect.objectContaining({ code: "K8S_UNREACHABLE", detail: "list pods" })]);
    expect(s.problems![0].message).toContain("timed out after 0.4 s");
    expect(s.kubernetes.pods).toEqual([]);
    expect(s.kubernetes.services).toHaveLength(fixture.kubernetes.services.length);
  });

  it("a hanging AWS call times out within the configured timeout and stops the AWS read; Kubernetes is kept", async () => {
    emulator.fault({ aws: "DescribeTargetHealth", hang: true });
    const t0 = Date.now();
    const s = await readSnapshotFromEmulator(emulator, fixture, { aws: { timeoutMs: 400 } });
    expect(Date.now() - t0).toBeLessThan(2_500);
    expect(s.problems).toEqual([expect.objectContaining({ code: "AWS_UNREACHABLE", source: "aws" })]);
    expect(s.problems![0].message).toContain("timed out after 0.4 s");
    expect(s.kubernetes.services).toHaveLength(fixture.kubernetes.services.length);
    expect(s.aws.loadBalancers).toHaveLength(fixture.aws.loadBalancers.length);
    for (const tg of s.aws.targetGroups) expect(tg.targetHealthDescriptions).toBeUndefined();
  });

  it("AWS unreachable → the Kubernetes half with one AWS_UNREACHABLE problem, after a handful of calls", async () => {
    const other = await startEmulator({ snapshot: fixture });
    other.fault({ down: true }); // its port now refuses connections
    try {
      const { PollingReader } = await import("@/server/sources/live/readSnapshot");
      const { emulatorAwsClients, emulatorKubeConfig } = await import("./helpers");
      const reader = new PollingReader({ cluster: "x", kubeconfig: emulatorKubeConfig(emulator), env: {}, regionHint: "us-east-1" }, () => emulatorAwsClients(other));
      const s = await reader.read();
      expect(s.problems).toEqual([expect.objectContaining({ code: "AWS_UNREACHABLE", source: "aws" })]);
      expect(s.problems![0].message).toContain("ECONNREFUSED");
      expect(s.kubernetes.services).toHaveLength(fixture.kubernetes.services.length);
      expect(s.aws).toEqual({ loadBalancers: [], targetGroups: [], classicLoadBalancers: [] });
    } finally {
      await other.close();
    }
  });

  it("AWS connections reset (endpoint down) → AWS_UNREACHABLE naming ECONNRESET at once, not a time-out", async () => {
    emulator.fault({ aws: "*", reset: true });
    const t0 = Date.now();
    const s = await readSnapshotFromEmulator(emulator, fixture, { aws: { timeoutMs: 5_000 } });
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(s.problems).toEqual([expect.objectContaining({ code: "AWS_UNREACHABLE", source: "aws" })]);
    expect(s.problems![0].message).toContain("cannot connect (ECONNRESET)");
    expect(s.kubernetes.services).toHaveLength(fixture.kubernetes.services.length);
  });

  it("expired AWS credentials → AWS_CREDENTIALS and no further calls", async () => {
    emulator.fault({ aws: "*", code: "ExpiredToken" });
    const s = await readSnapshotFromEmulator(emulator, fixture);
    expect(s.problems).toEqual([expect.objectContaining({ code: "AWS_CREDENTIALS", source: "aws" })]);
    expect(s.problems![0].fix).toContain("AWS_PROFILE");
    // The three listings start together; nothing after them.
    expect(emulator.awsRequests.length).toBeLessThanOrEqual(3);
  });
});

describe("throttling", () => {
  let emulator: Emulator;
  let source: Snapshot;
  beforeEach(async () => {
    source = syntheticSnapshot({ nlbServices: 30 });
    emulator = await startEmulator({ snapshot: source });
  });
  afterEach(() => emulator.close());

  it("Throttling → AWS_THROTTLED, and the read stops instead of retrying every call (no retry storm)", async () => {
    emulator.fault({ aws: "DescribeTargetHealth", code: "Throttling" });
    const s = await readSnapshotFromEmulator(emulator, source);
    const throttled = s.problems!.find((p) => p.code === "AWS_THROTTLED")!;
    expect(throttled).toMatchObject({ source: "aws", detail: "elasticloadbalancing:DescribeTargetHealth" });
    expect(throttled.message).toMatch(/further calls skipped/);
    // 30 target groups: only the few in flight when the first throttle came back were asked (≤ 3 SDK attempts
    // each); the rest were skipped, not sent.
    const asked = emulator.awsRequests.filter((r) => r.action === "DescribeTargetHealth");
    const distinct = new Set(asked.map((r) => r.params.TargetGroupArn));
    expect(distinct.size).toBeGreaterThan(0);
    expect(distinct.size).toBeLessThanOrEqual(8);
    expect(asked.length).toBeLessThanOrEqual(distinct.size * 3);
    expect(s.aws.targetGroups.filter((t) => t.targetHealthDescriptions === undefined)).toHaveLength(30);
    // The Kubernetes half and the listings are intact.
    expect(s.kubernetes.services).toHaveLength(30);
    expect(s.aws.loadBalancers).toHaveLength(30);
  });
});
