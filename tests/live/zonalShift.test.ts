import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { buildScenario } from "@/scripts/demo/scenario";
import { zonalShift } from "@/scripts/demo/scenarios/healthCases";
import type { LbDef } from "@/scripts/demo/model";
import type { Snapshot } from "@/server/core/model/snapshot";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { readSnapshotFromEmulator } from "./helpers";

/**
 * DST-3 in live mode: a zonal shift starts and ends while lbpath reads the cluster through the real Kubernetes and
 * ELBv2 clients; DescribeTargetHealth's AdministrativeOverride (W1) is the only thing that changes.
 */
describe("zonal shift, live through the emulator", () => {
  const svc = zonalShift.services[0];
  const seed: Snapshot = buildScenario({ ...zonalShift, services: [{ ...svc, lb: { ...(svc.lb as LbDef), zonalShift: undefined } }] });
  const zoneC = seed.kubernetes.nodes.find((n) => n.metadata.labels?.["topology.kubernetes.io/zone"] === "us-east-1c")!;
  const instanceC = zoneC.spec!.providerID!.split("/").pop()!;
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ snapshot: seed });
  });
  afterAll(async () => {
    await emulator.close();
  });

  const read = async () => {
    const t = buildTopology(await readSnapshotFromEmulator(emulator, seed), { namespace: "default", name: "web" })!;
    const p = t.paths[0];
    const podC = p.pods.find((x) => x.node === zoneC.metadata.name)!;
    return { t, p, podC, targetC: p.targets.find((x) => x.id === instanceC)!, zoneC: p.zones.find((z) => z.name === "us-east-1c")! };
  };

  it("before the shift: three zones in DNS, a third each", async () => {
    const { p, podC, zoneC } = await read();
    expect(zoneC).toMatchObject({ zonalShift: null, inDns: true });
    expect(Math.round(podC.share * 1000)).toBe(333);
    expect(p.imbalance.level).toBe("ok");
  });

  it("shift started: us-east-1c is out administratively, its pod starved, the finding says how to end it", async () => {
    const changed = emulator.setAdministrativeOverride({
      ids: [instanceC],
      override: { state: "zonal_shift_active", reason: "AdministrativeOverride.ZonalShiftActive", description: "Zonal shift is active in target Availability Zone" },
    });
    expect(changed).toBe(1);
    const { t, p, podC, targetC, zoneC } = await read();
    expect(zoneC).toMatchObject({ zonalShift: "active", inDns: false, enabled: true });
    expect(targetC).toMatchObject({ state: "healthy", verdict: "expected", code: "ZONE_SHIFTED_AWAY" });
    expect(podC).toMatchObject({ share: 0, starved: true });
    expect(p.imbalance.level).toBe("high");
    expect(t.findings.find((f) => f.code === "ZONAL_SHIFT")?.action).toContain("cancel-zonal-shift");
  });

  it("shift ended (no_override): back to a third each", async () => {
    emulator.setAdministrativeOverride({ ids: [instanceC], override: { state: "no_override", reason: "AdministrativeOverride.NoOverride" } });
    const { t, podC, zoneC } = await read();
    expect(zoneC.zonalShift).toBeNull();
    expect(Math.round(podC.share * 1000)).toBe(333);
    expect(t.findings.map((f) => f.code)).not.toContain("ZONAL_SHIFT");
  });
});
