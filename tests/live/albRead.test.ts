import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Snapshot } from "@/server/core/model/snapshot";
import { SharedCacheReader } from "@/server/sources/live/sharedCache";
import { sortSnapshot, trimSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { EXTRA_RESOURCES } from "@/server/sources/live/extraResources";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { SCENARIO_DIR, emulatorAwsClients, emulatorKubeConfig, loadSnapshot, readSnapshotFromEmulator } from "./helpers";
import { until } from "./until";

/**
 * Issue 13, live reading: Ingresses, IngressClasses, TargetGroupBindings and the other ALB / Gateway objects, and
 * ALB listener rules (DescribeRules, paged by Marker) with the listener's certificate, through the real clients
 * against the emulator. A custom resource whose CRD is not installed (404) is simply absent; a 403 is partial data
 * that names the missing RBAC rule.
 */

const group = loadSnapshot(join(SCENARIO_DIR, "alb-ingress-group.json"));
const instance = loadSnapshot(join(SCENARIO_DIR, "alb-instance.json"));
const blog = loadSnapshot(join(SCENARIO_DIR, "blog-local.json"));
const dataOf = (s: Snapshot) => { const { kubernetes, aws } = sortSnapshot(s); return { kubernetes, aws }; };

const open: { close(): Promise<void> }[] = [];
afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close(); });
async function emulatorFor(snapshot: Snapshot, pageSize?: number): Promise<Emulator> {
  const e = await startEmulator({ snapshot, pageSize });
  open.push(e);
  return e;
}

describe("ALB objects through the live path", () => {
  it("reads Ingresses, IngressClasses, TargetGroupBindings, rules and certificates exactly, following every Marker", async () => {
    const emulator = await emulatorFor(instance, 1);
    const read = await readSnapshotFromEmulator(emulator, instance);
    expect(read.problems).toBeUndefined();
    expect(dataOf(read)).toStrictEqual(dataOf(trimSnapshot(instance)));
    const alb = read.aws.loadBalancers.find((l) => l.type === "application")!;
    const https = alb.listeners.find((l) => l.protocol === "HTTPS")!;
    expect(https.certificates?.[0].certificateArn).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
    expect(https.rules!.at(-1)).toMatchObject({ priority: "default", isDefault: true });
    // One DescribeRules page per rule (page size 1): every NextMarker followed, for both ALB listeners only.
    const rules = alb.listeners.reduce((n, l) => n + (l.rules?.length ?? 0), 0);
    expect(rules).toBeGreaterThanOrEqual(4);
    expect(emulator.awsCount("elbv2:DescribeRules")).toBe(rules);
    expect(emulator.awsRequests.filter((r) => r.action === "DescribeRules" && r.params.Marker).length).toBe(rules - 2);
  });

  it("asks DescribeRules only for ALB HTTP/HTTPS listeners: an NLB-only account costs no extra AWS call", async () => {
    const emulator = await emulatorFor(blog);
    const read = await readSnapshotFromEmulator(emulator, blog);
    expect(read.problems).toBeUndefined();
    expect(emulator.awsCount("DescribeRules")).toBe(0);
    expect(read.kubernetes.ingresses).toBeUndefined();
  });

  it("a CRD that is not installed is absent without a warning; the lists still go out once", async () => {
    const emulator = await emulatorFor(blog);
    const read = await readSnapshotFromEmulator(emulator, blog);
    expect(read.problems).toBeUndefined();
    expect(read.kubernetes.targetGroupBindings).toBeUndefined();
    expect(read.kubernetes.gateways).toBeUndefined();
    for (const r of EXTRA_RESOURCES) expect(emulator.counts.kubernetes[`list ${r.path}`], r.path).toBe(1);
  });

  it("403 on targetgroupbindings: partial data naming the RBAC rule; everything else is read", async () => {
    const emulator = await emulatorFor(group);
    emulator.fault({ kubernetes: "targetgroupbindings", status: 403 });
    const read = await readSnapshotFromEmulator(emulator, group);
    expect(read.problems).toHaveLength(1);
    expect(read.problems![0]).toMatchObject({ code: "K8S_FORBIDDEN", source: "kubernetes", detail: "list targetgroupbindings.elbv2.k8s.aws" });
    expect(read.problems![0].fix).toMatch(/lbpath-reader/);
    expect(read.kubernetes.targetGroupBindings).toBeUndefined();
    expect(read.kubernetes.ingresses).toHaveLength(2);
  });

  it("DescribeRules denied: the listener keeps no rules and the problem names elasticloadbalancing:DescribeRules", async () => {
    const emulator = await emulatorFor(group);
    emulator.fault({ aws: "DescribeRules", code: "AccessDenied" });
    const read = await readSnapshotFromEmulator(emulator, group);
    expect(read.problems?.map((p) => [p.code, p.detail])).toEqual([["AWS_ACCESS_DENIED", "elasticloadbalancing:DescribeRules"]]);
    const alb = read.aws.loadBalancers.find((l) => l.type === "application")!;
    expect(alb.listeners.every((l) => l.rules === undefined)).toBe(true);
  });
});

describe("ALB objects through the shared cache (informers)", () => {
  it("lists and watches Ingresses and TargetGroupBindings; absent CRDs settle without a watch or a problem", async () => {
    const emulator = await emulatorFor(group);
    const reader = new SharedCacheReader({
      cluster: "demo-alb-ingress-group", kubeconfig: emulatorKubeConfig(emulator), env: {}, regionHint: "us-east-1", awsClusterName: "demo",
      timeoutMs: 2_000, pageSize: 500, makeClients: () => emulatorAwsClients(emulator),
      aws: { timeoutMs: 2_000, concurrency: 4, callsPerSecond: 1_000, structureMs: 600_000, healthMs: 600_000, tagsMs: 600_000 },
      informer: { backoff: { baseMs: 50, maxMs: 200 } },
    });
    open.push(reader);
    await reader.start();
    const first = await reader.read();
    expect(reader.ready()).toBe(true);
    expect(first.problems).toBeUndefined();
    expect(dataOf(first)).toStrictEqual(dataOf(trimSnapshot(group)));
    const absent = reader.extraInformers.filter((x) => x.informer.absent).map((x) => x.res.op.resource).sort();
    expect(absent).toEqual(["gatewayclasses", "gateways", "httproutes", "ingressclassparams", "ingressclassparams", "listenerruleconfigurations", "loadbalancerconfigurations", "targetgroupconfigurations", "tcproutes", "tlsroutes", "udproutes"]);
    await until(() => emulator.kubeCount("ingresses", "watch"), (n) => n === 1);
    expect(emulator.kubeCount("gateways", "watch")).toBe(0);

    // A change arrives through the watch: the Ingress loses its status hostname.
    const ing = structuredClone(group.kubernetes.ingresses![0]);
    delete ing.status;
    emulator.mutate({ resource: "ingresses", type: "MODIFIED", object: ing });
    const second = await until(() => reader.read(), (s) => s.kubernetes.ingresses!.some((i) => !i.status));
    expect(second).not.toBe(first);
    expect(emulator.kubeCount("ingresses", "list")).toBe(1);
  });
});
