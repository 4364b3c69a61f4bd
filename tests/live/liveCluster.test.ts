import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveCluster } from "@/server/sources/live/LiveCluster";
import { PollingReader } from "@/server/sources/live/readSnapshot";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { FIXTURE, emulatorAwsClients, emulatorKubeConfig, loadSnapshot } from "./helpers";

/** LiveCluster: cache for the refresh interval, single flight, same object while unchanged, last good on failure. */
describe("LiveCluster", () => {
  const fixture = loadSnapshot(FIXTURE);
  let emulator: Emulator;
  let clock: number;
  let cluster: LiveCluster;
  const REFRESH = 15_000;

  beforeEach(async () => {
    emulator = await startEmulator({ snapshot: fixture });
    clock = 1_000_000;
    cluster = new LiveCluster({
      name: "fixture", kind: "kubeconfig", refreshMs: REFRESH, now: () => clock,
      reader: () => new PollingReader({ cluster: "fixture", kubeconfig: emulatorKubeConfig(emulator), env: {}, regionHint: "us-east-1" }, () => emulatorAwsClients(emulator)),
    });
  });
  afterEach(async () => {
    await cluster.close();
    await emulator.close();
  });

  it("50 concurrent snapshot() calls cause one upstream read and get the same object", async () => {
    expect(cluster.ready()).toBe(false);
    const all = await Promise.all(Array.from({ length: 50 }, () => cluster.snapshot()));
    expect(new Set(all).size).toBe(1);
    expect(emulator.kubeCount("services", "list")).toBe(1);
    expect(emulator.kubeCount("pods", "list")).toBe(1);
    expect(emulator.awsCount("elbv2:DescribeLoadBalancers")).toBe(1);
    expect(emulator.awsCount("DescribeTargetHealth")).toBe(fixture.aws.targetGroups.length);
    expect(cluster.ready()).toBe(true);
  });

  it("serves the cache while younger than the refresh interval, then reads again; unchanged data → same object", async () => {
    const first = await cluster.snapshot();
    const firstCapturedAt = first.capturedAt;
    clock += REFRESH - 1;
    expect(await cluster.snapshot()).toBe(first);
    expect(emulator.kubeCount("services")).toBe(1);

    clock += 2;
    await new Promise((r) => setTimeout(r, 5)); // a later wall-clock read time
    const second = await cluster.snapshot();
    expect(emulator.kubeCount("services")).toBe(2);
    expect(second).toBe(first); // same object: per-snapshot indexes stay valid
    expect(second.capturedAt >= firstCapturedAt).toBe(true);
  });

  it("changed data → a new object", async () => {
    const first = await cluster.snapshot();
    emulator.mutate({ resource: "pods", type: "DELETED", object: fixture.kubernetes.pods[0] });
    clock += REFRESH;
    const second = await cluster.snapshot();
    expect(second).not.toBe(first);
    expect(second.kubernetes.pods).toHaveLength(fixture.kubernetes.pods.length - 1);
  });

  it("a failed refresh keeps the last good snapshot, marked with a problem that says how old it is", async () => {
    const good = await cluster.snapshot();
    emulator.fault({ down: true });
    clock += 2 * 60_000;
    const stale = await cluster.snapshot();
    expect(stale.kubernetes).toBe(good.kubernetes);
    const p = stale.problems!.at(-1)!;
    expect(p.code).toBe("K8S_UNREACHABLE");
    expect(p.message).toMatch(/last good data, read 2 min ago/);
    expect(p.message).toContain("ECONNREFUSED");
    expect(cluster.ready()).toBe(true);
    // The stale answer is cached too: no reconnect storm while the API server is down.
    expect(await cluster.snapshot()).toBe(stale);
  });

  it("no good snapshot yet and Kubernetes down → snapshot() rejects with cause and fix; retried after a pause", async () => {
    emulator.fault({ down: true });
    await expect(cluster.snapshot()).rejects.toThrow(/ECONNREFUSED.*Fix: /s);
    expect(cluster.ready()).toBe(false);
    await expect(cluster.snapshot()).rejects.toThrow(/ECONNREFUSED/);
  });
});
