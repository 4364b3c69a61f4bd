import { afterEach, describe, expect, it, vi } from "vitest";
import { generate } from "@/bench/generate";
import { Rng } from "@/bench/prng";
import { SIZES } from "@/bench/sizes";
import { SnapshotSchema } from "@/server/core/model/snapshotSchema";
import { buildTopology } from "@/server/core/buildTopology";
import type { Snapshot } from "@/server/core/model/snapshot";

const lbServices = (s: Snapshot) => s.kubernetes.services.filter((x) => x.spec.type === "LoadBalancer");
const targets = (s: Snapshot) => s.aws.targetGroups.reduce((n, tg) => n + (tg.targetHealthDescriptions?.length ?? 0), 0);

describe("bench/prng", () => {
  it("repeats its sequence for a seed and differs between seeds and forks", () => {
    const draw = (r: Rng) => Array.from({ length: 5 }, () => r.u32());
    expect(draw(new Rng("a"))).toEqual(draw(new Rng("a")));
    expect(draw(new Rng("a"))).not.toEqual(draw(new Rng("b")));
    expect(draw(new Rng("a").fork("x"))).not.toEqual(draw(new Rng("a").fork("y")));
  });

  it("keeps int() in range and covers it", () => {
    const r = new Rng("range");
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = r.int(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });
});

describe("bench/generate", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is deterministic: the same seed gives byte-identical JSON, another seed does not", () => {
    const a = JSON.stringify(generate("M", "seed-1").snapshot);
    const b = JSON.stringify(generate("M", "seed-1").snapshot);
    const c = JSON.stringify(generate("M", "seed-2").snapshot);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("never uses Math.random", () => {
    vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random called");
    });
    expect(() => generate("S")).not.toThrow();
  });

  it.each(["S", "M"] as const)("size %s has the specified counts and passes the snapshot schema", (name) => {
    const spec = SIZES[name];
    const { snapshot } = generate(name);
    expect(SnapshotSchema.safeParse(JSON.parse(JSON.stringify(snapshot))).success).toBe(true);
    expect(snapshot.kubernetes.pods).toHaveLength(spec.pods);
    expect(snapshot.kubernetes.nodes).toHaveLength(spec.nodes);
    expect(snapshot.kubernetes.services).toHaveLength(spec.services);
    expect(lbServices(snapshot)).toHaveLength(spec.loadBalancers);
    expect(snapshot.aws.loadBalancers.length + snapshot.aws.classicLoadBalancers.length).toBe(spec.loadBalancers);
    expect(snapshot.aws.classicLoadBalancers).toHaveLength(spec.classicLoadBalancers);
    expect(snapshot.aws.targetGroups).toHaveLength(spec.targetGroups);
  });

  it("has realistic shapes: slices of ≤ 100 endpoints, trimmed pods, ClusterIP without a load balancer, a controller mix", () => {
    const { snapshot } = generate("M");
    for (const slice of snapshot.kubernetes.endpointSlices) expect((slice.endpoints ?? []).length).toBeLessThanOrEqual(100);
    for (const pod of snapshot.kubernetes.pods) expect(pod.metadata).not.toHaveProperty("labels");
    for (const svc of snapshot.kubernetes.services) if (!svc.status?.loadBalancer) expect(svc.spec.type).toBe("ClusterIP");
    const ann = lbServices(snapshot).map((s) => s.spec.loadBalancerClass ?? s.metadata.annotations?.["service.beta.kubernetes.io/aws-load-balancer-type"] ?? "classic");
    expect(new Set(ann)).toEqual(new Set(["service.k8s.aws/nlb", "nlb", "classic", ...(ann.includes("external") ? ["external"] : [])]));
    const etp = new Set(lbServices(snapshot).map((s) => s.spec.externalTrafficPolicy));
    expect(etp).toEqual(new Set(["Local", "Cluster"]));
    const states = new Set(snapshot.aws.targetGroups.flatMap((tg) => (tg.targetHealthDescriptions ?? []).map((d) => d.targetHealth.state)));
    expect(states.has("healthy")).toBe(true);
    expect(states.has("unhealthy")).toBe(true);
  });

  it("joins every load balancer to its Service in the core (JOIN-2, JOIN-3)", () => {
    const { snapshot } = generate("M");
    for (const svc of lbServices(snapshot)) {
      const topo = buildTopology(snapshot, { namespace: svc.metadata.namespace, name: svc.metadata.name });
      expect(topo?.paths.length, `${svc.metadata.namespace}/${svc.metadata.name}`).toBe(svc.spec.ports?.length);
    }
  });

  it("size L has the stress Services: 500 instance targets over 3 zones and 3,000 ip targets", () => {
    const { snapshot, probes } = generate("L");
    expect(probes.bigInstance?.targets).toBe(500);
    expect(probes.bigIp?.targets).toBe(3000);
    const gateway = buildTopology(snapshot, probes.bigInstance!)!;
    expect(gateway.paths[0].targets).toHaveLength(500);
    expect(new Set(gateway.paths[0].targets.map((t) => t.zone))).toEqual(new Set(["us-east-1a", "us-east-1b", "us-east-1c"]));
    expect(gateway.paths[0].targetGroup?.targetType).toBe("instance");
    const ingest = buildTopology(snapshot, probes.bigIp!)!;
    expect(ingest.paths[0].targets).toHaveLength(3000);
    expect(ingest.paths[0].targetGroup?.targetType).toBe("ip");
    expect(targets(snapshot)).toBeGreaterThan(3500);
  });
});
