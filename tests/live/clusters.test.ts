import { createServer } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { discoverLiveClusters } from "@/server/sources/live/clusters";
import { makeAwsClients } from "@/server/sources/live/awsClients";
import { liveConfig } from "@/server/sources/live/config";
import { readAws } from "@/server/sources/live/readAws";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { kubeconfigYaml } from "@/tests/fixtures/emulator/kubeconfig";
import { FIXTURE, loadSnapshot } from "./helpers";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const ENDPOINT_VARS = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING"] as const;

/** Set env vars for one test and restore them afterwards (the SDK reads process.env itself). */
function withEnv(vars: Partial<Record<(typeof ENDPOINT_VARS)[number], string>>): void {
  for (const k of ENDPOINT_VARS) {
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
}

describe("cluster discovery and SDK endpoint settings", () => {
  const fixture = loadSnapshot(FIXTURE);
  let a: Emulator;
  let b: Emulator;
  let dir: string;
  const saved = Object.fromEntries(ENDPOINT_VARS.map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    a = await startEmulator({ snapshot: fixture });
    b = await startEmulator({ snapshot: fixture });
    dir = mkdtempSync(join(tmpdir(), "lbpath-kubeconfig-"));
  });
  afterEach(() => {
    withEnv(saved);
    a.resetCounts();
    b.resetCounts();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("one cluster per context across a KUBECONFIG list; a broken context or file fails alone", async () => {
    const good = join(dir, "good.yaml");
    writeFileSync(good, kubeconfigYaml(a.url, "good"));
    const eks = join(dir, "eks.yaml");
    writeFileSync(eks, kubeconfigYaml(a.url, "arn:aws:eks:eu-west-1:123456789012:cluster/prod-east"));
    const refused = join(dir, "refused.yaml");
    writeFileSync(refused, kubeconfigYaml(`http://127.0.0.1:${await closedPort()}`, "refused"));
    const dangling = join(dir, "dangling.yaml");
    writeFileSync(dangling, ["apiVersion: v1", "kind: Config", "clusters: []", "users: []",
      "contexts:", "- name: dangling", "  context: {cluster: nowhere, user: nobody}", "current-context: dangling", ""].join("\n"));
    const garbage = join(dir, "garbage.yaml");
    writeFileSync(garbage, "clusters: [ {name: x\n  ::: not yaml");
    withEnv({ AWS_ENDPOINT_URL: a.url });

    const sources = discoverLiveClusters({ KUBECONFIG: [good, garbage, eks, refused, dangling, join(dir, "missing.yaml")].join(":"), AWS_REGION: "us-east-1" });
    expect(sources.map((s) => `${s.kind}:${s.name}`).sort()).toEqual([
      "kubeconfig:arn:aws:eks:eu-west-1:123456789012:cluster/prod-east",
      "kubeconfig:dangling", "kubeconfig:good", "kubeconfig:kubeconfig:garbage.yaml", "kubeconfig:refused",
    ]);
    const byName = new Map(sources.map((s) => [s.name, s]));
    const results = await Promise.allSettled(sources.map((s) => s.snapshot()));
    const outcome = new Map(sources.map((s, i) => [s.name, results[i]]));

    const ok = outcome.get("good")!;
    expect(ok.status).toBe("fulfilled");
    const snap = (ok as PromiseFulfilledResult<Awaited<ReturnType<(typeof sources)[0]["snapshot"]>>>).value;
    expect(snap.aws.targetGroups).toHaveLength(fixture.aws.targetGroups.length); // AWS_ENDPOINT_URL → emulator
    expect(snap.cluster).toEqual({ name: "good", region: "us-east-1" });

    const eksSnap = outcome.get("arn:aws:eks:eu-west-1:123456789012:cluster/prod-east") as PromiseFulfilledResult<typeof snap>;
    expect(eksSnap.value.cluster.awsClusterName).toBe("prod-east");

    const reason = (name: string) => String((outcome.get(name) as PromiseRejectedResult).reason?.message);
    expect(outcome.get("refused")!.status).toBe("rejected");
    expect(reason("refused")).toContain("ECONNREFUSED");
    expect(reason("dangling")).toContain('refers to cluster "nowhere"');
    expect(reason("dangling")).toContain("Fix: add the cluster entry");
    expect(reason("kubeconfig:garbage.yaml")).toContain(`cannot read kubeconfig ${garbage}`);
    expect(byName.get("good")!.ready!()).toBe(true);
    expect(byName.get("refused")!.ready!()).toBe(false);
    await Promise.all(sources.map((s) => s.close?.()));
  });

  it("clusters start reading when created, so readiness does not wait for a viewer", async () => {
    const good = join(dir, "warm.yaml");
    writeFileSync(good, kubeconfigYaml(a.url, "warm"));
    const [source] = discoverLiveClusters({ KUBECONFIG: good, AWS_REGION: "us-east-1" });
    try {
      const deadline = Date.now() + 10_000;
      while (!source.ready!() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(source.ready!()).toBe(true);
      expect(a.kubeCount("services", "list")).toBe(1);
    } finally {
      await source.close?.();
    }
  });

  it("in-cluster service account when there is no kubeconfig and KUBERNETES_SERVICE_HOST is set", () => {
    const noWarmUp = { ...liveConfig({}), eager: false };
    const sources = discoverLiveClusters({ KUBECONFIG: "", KUBERNETES_SERVICE_HOST: "10.100.0.1", KUBERNETES_SERVICE_PORT: "443", LBPATH_CLUSTER_NAME: "prod" }, noWarmUp);
    expect(sources.map((s) => [s.kind, s.name])).toEqual([["in-cluster", "prod"]]);
    expect(discoverLiveClusters({ KUBECONFIG: "", KUBERNETES_SERVICE_HOST: "10.100.0.1" }, noWarmUp).map((s) => s.name)).toEqual(["in-cluster"]);
    expect(discoverLiveClusters({ KUBECONFIG: "" })).toEqual([]);
  });

  it("AWS_ENDPOINT_URL sends both APIs to the emulator without code changes", async () => {
    withEnv({ AWS_ENDPOINT_URL: a.url });
    const half = await readAws(makeAwsClients("us-east-1"));
    expect(half.problems).toEqual([]);
    expect(half.targetGroups).toHaveLength(fixture.aws.targetGroups.length);
    expect(a.awsCount("elbv2:DescribeLoadBalancers")).toBe(1);
    expect(a.awsCount("elb:DescribeLoadBalancers")).toBe(1);
  });

  it("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 / _ELASTIC_LOAD_BALANCING win over AWS_ENDPOINT_URL, per API", async () => {
    withEnv({
      AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}`,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: a.url,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING: b.url,
    });
    const half = await readAws(makeAwsClients("us-east-1"));
    expect(half.problems).toEqual([]);
    expect(half.loadBalancers).toHaveLength(fixture.aws.loadBalancers.length);
    expect(half.classicLoadBalancers).toHaveLength(fixture.aws.classicLoadBalancers.length);
    expect(a.awsCount("elbv2:DescribeLoadBalancers")).toBe(1);
    expect(a.awsCount("elb:DescribeLoadBalancers")).toBe(0);
    expect(b.awsCount("elb:DescribeLoadBalancers")).toBe(1);
    expect(b.awsCount("elbv2:DescribeLoadBalancers")).toBe(0);
  });
});
