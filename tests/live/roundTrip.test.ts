import { describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { SnapshotSchema } from "@/server/core/model/snapshotSchema";
import { sortSnapshot, trimSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { FIXTURE, loadSnapshot, readThroughEmulator, scenarioFiles } from "./helpers";

/** The parts a read cannot reproduce: read times, and the meta/cluster identity the helper copies over. */
function dataOf(s: Snapshot) {
  const { kubernetes, aws } = sortSnapshot(s);
  return { kubernetes, aws };
}

describe("round trip: snapshot → emulator → live reader (real clients over HTTP)", () => {
  it("reads the fixture back exactly, with every model field", async () => {
    const fixture = loadSnapshot(FIXTURE);
    const { read } = await readThroughEmulator(fixture);
    expect(read.problems).toBeUndefined();
    expect(SnapshotSchema.safeParse(read).success).toBe(true);
    expect(dataOf(read)).toStrictEqual(dataOf(fixture));
    expect(read.cluster).toEqual({ name: "fixture", awsClusterName: "prod-east", region: "us-east-1" });
  });

  it("notices a difference (the comparison can fail)", async () => {
    const fixture = loadSnapshot(FIXTURE);
    const changed = structuredClone(fixture);
    changed.aws.targetGroups[1].targetHealthDescriptions![0].targetHealth = { state: "unhealthy", reason: "Target.FailedHealthChecks" };
    const { read } = await readThroughEmulator(changed);
    expect(dataOf(read)).not.toStrictEqual(dataOf(fixture));
    expect(dataOf(read)).toStrictEqual(dataOf(changed));
  });

  it.each(scenarioFiles().map((f) => [f.split("/").pop()!, f]))("demo scenario %s", async (_name, file) => {
    const scenario = loadSnapshot(file);
    const { read } = await readThroughEmulator(scenario);
    expect(SnapshotSchema.safeParse(read).success).toBe(true);
    expect(dataOf(read)).toStrictEqual(dataOf(trimSnapshot(scenario)));
    // A target group whose health the scenario marks unreadable is unreadable after the read too (and says why).
    const unreadable = scenario.aws.targetGroups.filter((t) => !t.targetHealthDescriptions).length;
    if (unreadable) expect(read.problems?.some((p) => p.detail === "elasticloadbalancing:DescribeTargetHealth")).toBe(true);
  });
});
