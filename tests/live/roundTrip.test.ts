import { describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
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
    expect(dataOf(read)).toStrictEqual(dataOf(fixture));
    expect(read.cluster).toEqual({ name: "fixture", awsClusterName: "prod-east", region: "us-east-1" });
  });

  it.each(scenarioFiles().map((f) => [f.split("/").pop()!, f]))("demo scenario %s", async (_name, file) => {
    const scenario = loadSnapshot(file);
    const { read } = await readThroughEmulator(scenario);
    expect(dataOf(read)).toStrictEqual(dataOf(trimSnapshot(scenario)));
  });
});
