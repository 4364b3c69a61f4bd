import { describe, expect, it } from "vitest";
import { belowThreshold, dnsZones, imbalanceOf, kubeProxyStage, loadBalancerStage, parseThreshold, zonesBelowDnsThreshold, type LbTarget } from "@/server/core/analysis/distribution";
import { buildTopology } from "@/server/core/buildTopology";
import { buildCase } from "./caseBuilder";

const t = (key: string, zone: string, healthy: boolean): LbTarget => ({ key, zone, inUse: true, healthy });

describe("DST-5: thresholds", () => {
  it("count and percentage, 'off' disables", () => {
    expect(parseThreshold(undefined, undefined)).toEqual({ count: 1, percentage: null });
    expect(parseThreshold("off", "50")).toEqual({ count: null, percentage: 50 });
    expect(belowThreshold(0, 3, { count: 1, percentage: null })).toBe(true);
    expect(belowThreshold(1, 4, { count: null, percentage: 50 })).toBe(true);
    expect(belowThreshold(2, 4, { count: null, percentage: 50 })).toBe(false);
  });
  it("cross-zone off: zones judged alone; all below → all returned", () => {
    const targets = [t("1", "a", true), t("2", "b", false)];
    const below = zonesBelowDnsThreshold(targets, ["a", "b"], false, { count: 1, percentage: null });
    expect([...below]).toEqual(["b"]);
    expect(dnsZones(["a", "b"], below)).toEqual(["a"]);
    expect(dnsZones(["a", "b"], new Set(["a", "b"]))).toEqual(["a", "b"]);
  });
  it("cross-zone on: the total is judged, so one healthy target keeps every zone", () => {
    expect([...zonesBelowDnsThreshold([t("1", "a", true), t("2", "b", false)], ["a", "b"], true, { count: 1, percentage: null })]).toEqual([]);
  });
  it("routing failover: a zone below the threshold sends to all its in-use targets (fail open)", () => {
    const r = loadBalancerStage({ targets: [t("1", "a", false), t("2", "a", false)], enabledZones: ["a"], inDns: ["a"], crossZone: false, routing: { count: 1, percentage: null }, failOpenSupported: true });
    expect(r.failOpen).toBe(true);
    expect(r.share.get("1")).toBeCloseTo(0.5);
    expect([...r.failOpenKeys].sort()).toEqual(["1", "2"]);
  });
  it("Classic ELB does not fail open: flows with no InService instance have nowhere to go", () => {
    const r = loadBalancerStage({ targets: [t("1", "a", false)], enabledZones: ["a"], inDns: ["a"], crossZone: false, routing: { count: 1, percentage: null }, failOpenSupported: false });
    expect(r.noTarget).toBe(1);
    expect(r.failOpen).toBe(false);
  });
  it("DNS failover considers every target group of the load balancer", () => {
    const s = buildCase({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] });
    // A second TG on the same LB (another port) with its zone-b target unhealthy drops zone b for every TG.
    const tg2 = structuredClone(s.aws.targetGroups[0]);
    tg2.targetGroupArn += "-2";
    tg2.targetHealthDescriptions![1].targetHealth = { state: "unhealthy", reason: "Target.FailedHealthChecks" };
    s.aws.targetGroups.push(tg2);
    const path = buildTopology(s, { namespace: "shop", name: "web" })!.paths[0];
    expect(path.zones.filter((z) => z.inDns).map((z) => z.name)).toEqual(["a"]);
    expect(path.targets.map((x) => x.share)).toEqual([1, 0]);
    // Cluster: n1's kube-proxy still spreads over both pods.
    expect(path.pods.map((p) => p.share)).toEqual([0.5, 0.5]);
  });
});

describe("DST-8: kube-proxy stage", () => {
  it("Local node with no usable endpoint drops; a Service with none at all rejects", () => {
    expect(kubeProxyStage({ nodes: [{ share: 0.5, endpoints: ["p1"] }, { share: 0.5, endpoints: [] }], noUsableEndpoint: false })).toMatchObject({ dropped: 0.5, rejected: 0 });
    expect(kubeProxyStage({ nodes: [{ share: 1, endpoints: [] }], noUsableEndpoint: true })).toMatchObject({ dropped: 0, rejected: 1 });
  });
  it("topology hints narrow the Cluster endpoint set only when every Ready endpoint has a hint", () => {
    const spec = { etp: "Cluster" as const, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2", "p3"] }] };
    const shares = (hints?: Record<string, string[]>) => buildTopology(buildCase({ ...spec, hints }), { namespace: "shop", name: "web" })!.paths[0].pods.map((p) => Math.round(p.share * 1000) / 1000);
    expect(shares()).toEqual([0.333, 0.333, 0.333]);
    expect(shares({ p1: ["a"], p2: ["b"], p3: ["b"] })).toEqual([0.5, 0.25, 0.25]);
    expect(shares({ p1: ["a"], p2: ["b"] })).toEqual([0.333, 0.333, 0.333]); // p3 unhinted → hints ignored
  });
  it("§3.1: imbalance levels", () => {
    const pods = (shares: number[]) => shares.map((share, i) => ({ key: `p${i}`, share, ready: true, terminating: false }));
    expect(imbalanceOf(pods([0.5, 0.5]), 0)).toMatchObject({ ratio: 1, level: "ok" });
    expect(imbalanceOf(pods([0.6, 0.4]), 0)).toMatchObject({ ratio: 1.2, level: "ok" });
    expect(imbalanceOf(pods([0.25, 0.25, 0.5]), 0)).toMatchObject({ ratio: 1.5, level: "warn" });
    expect(imbalanceOf(pods([0.5, 0.25, 0.25, 0]), 0)).toMatchObject({ level: "high", starved: ["p3"] });
    expect(imbalanceOf(pods([0.5, 0.5]), 0.1)).toMatchObject({ level: "high" });
  });
});
