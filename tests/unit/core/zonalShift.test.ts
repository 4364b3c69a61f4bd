import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { buildScenario } from "@/scripts/demo/scenario";
import { zonalShift } from "@/scripts/demo/scenarios/healthCases";
import type { LbDef, ScenarioDef } from "@/scripts/demo/model";

/**
 * DST-3 with the zonal shift as AWS reports it (W1 AdministrativeOverride), on the zonal-shift scenario: one pod per
 * zone a/b/c, externalTrafficPolicy Local, the shift away from c. Numbers worked out by hand from DST-3/5/6/7/8.
 */
function variant(lb: Partial<LbDef>, attributes = "zonal_shift.config.enabled=true"): ScenarioDef {
  const svc = zonalShift.services[0];
  const annotations = { ...svc.annotations, "service.beta.kubernetes.io/aws-load-balancer-attributes": attributes };
  return { ...zonalShift, services: [{ ...svc, annotations, lb: { ...(svc.lb as LbDef), ...lb } }] };
}

function path(def: ScenarioDef) {
  const t = buildTopology(buildScenario(def), { namespace: "default", name: "web" })!;
  const p = t.paths[0];
  const share = (zone: string) => p.pods.filter((x) => x.zone === zone).reduce((s, x) => s + x.share, 0);
  const target = (zone: string) => p.targets.find((x) => x.zone === zone)!;
  const zone = (name: string) => p.zones.find((z) => z.name === name)!;
  return { t, p, share, target, zone, codes: t.findings.map((f) => f.code) };
}

describe("zonal shift (DST-3)", () => {
  it("active, cross-zone off: zone c out of DNS administratively, its healthy node gets nothing, its pod starves", () => {
    const { p, share, target, zone, codes } = path(zonalShift);
    expect(zone("us-east-1c")).toMatchObject({ enabled: true, zonalShift: "active", inDns: false, share: 0 });
    expect([share("us-east-1a"), share("us-east-1b"), share("us-east-1c")]).toEqual([0.5, 0.5, 0]);
    expect(target("us-east-1c")).toMatchObject({ state: "healthy", verdict: "expected", code: "ZONE_SHIFTED_AWAY", share: 0 });
    expect(p.imbalance.level).toBe("high");
    expect(codes).toContain("ZONAL_SHIFT");
    // Out of DNS by the shift, not for lack of a healthy target.
    expect(codes).not.toContain("ZONE_NO_HEALTHY");
    expect(codes).not.toContain("ZONE_SHIFTED_AWAY");
  });

  it("the ZONAL_SHIFT finding names the zone, the starved pod and how to end the shift", () => {
    const { t, p } = path(zonalShift);
    const f = t.findings.find((x) => x.code === "ZONAL_SHIFT")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("us-east-1c");
    expect(f.message).toContain("1 Ready pod");
    expect(f.action).toContain("cancel-zonal-shift");
    expect(f.action).toContain(p.loadBalancer.arn!);
    expect(f.refs).toEqual(expect.arrayContaining(["Zone:us-east-1c", ...p.pods.filter((x) => x.zone === "us-east-1c").map((x) => x.key)]));
  });

  it("active, cross-zone on: the zone's targets also leave the other LB nodes' routing sets", () => {
    const { share, target } = path(variant({}, "zonal_shift.config.enabled=true,load_balancing.cross_zone.enabled=true"));
    expect([share("us-east-1a"), share("us-east-1b"), share("us-east-1c")]).toEqual([0.5, 0.5, 0]);
    expect(target("us-east-1c").code).toBe("ZONE_SHIFTED_AWAY");
  });

  it("delegated to DNS, cross-zone off: out of DNS only, which leaves the zone's node without flows", () => {
    const { share, target, zone, codes } = path(variant({ zonalShift: { zone: "c", state: "delegated-to-dns" } }));
    expect(zone("us-east-1c")).toMatchObject({ zonalShift: "delegated-to-dns", inDns: false });
    expect([share("us-east-1a"), share("us-east-1b"), share("us-east-1c")]).toEqual([0.5, 0.5, 0]);
    expect(target("us-east-1c").code).toBe("ZONE_SHIFTED_AWAY");
    expect(codes).toContain("ZONAL_SHIFT");
    expect(codes).not.toContain("ZONE_NO_HEALTHY");
  });

  it("delegated to DNS, cross-zone on: the zone's target still gets a third through the other zones' LB nodes", () => {
    const { t, share, target } = path(variant({ zonalShift: { zone: "c", state: "delegated-to-dns" } }, "zonal_shift.config.enabled=true,load_balancing.cross_zone.enabled=true"));
    // Zdns = {a, b}; each LB node routes over the healthy targets of Zen = {a, b, c}: ⅓ each.
    expect([share("us-east-1a"), share("us-east-1b"), share("us-east-1c")].map((x) => Math.round(x * 1000) / 1000)).toEqual([0.333, 0.333, 0.333]);
    expect(target("us-east-1c").verdict).toBe("healthy");
    expect(t.findings.find((f) => f.code === "ZONAL_SHIFT")!.message).toContain("still get flows");
  });

  it("an unhealthy target in the shifted zone keeps its own verdict, and says the zone is shifted", () => {
    const { target } = path(variant({ health: { n3: "failed" } }));
    expect(target("us-east-1c")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
    expect(target("us-east-1c").diagnosis).toContain("zonal shift");
    expect(target("us-east-1c").rules).toContain("DST-3");
  });

  it("no override reported: the same cluster is balanced over three zones", () => {
    const { share, zone, codes } = path(variant({ zonalShift: undefined }));
    expect(zone("us-east-1c").zonalShift).toBeNull();
    expect([share("us-east-1a"), share("us-east-1b"), share("us-east-1c")].map((x) => Math.round(x * 1000) / 1000)).toEqual([0.333, 0.333, 0.333]);
    expect(codes).not.toContain("ZONAL_SHIFT");
  });
});
