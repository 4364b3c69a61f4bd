import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/api/topology";
import { digestState, topologyDigest, triageDigest } from "@/lib/summary/digest";
import { topologyOf, triageOf } from "./scenario";

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function reversed(t: Topology): Topology {
  const c = clone(t);
  c.paths.reverse();
  for (const p of c.paths) p.targets.reverse();
  c.findings.reverse();
  return c;
}

describe("digest", () => {
  const t = topologyOf("mixed-health");

  it("is short hex and deterministic", () => {
    expect(topologyDigest(t)).toMatch(/^[0-9a-f]{10}$/);
    expect(topologyDigest(t)).toBe(topologyDigest(clone(t)));
  });

  it("does not depend on the order targets and findings are listed in", () => {
    expect(t.paths[0].targets.length).toBeGreaterThan(1);
    expect(topologyDigest(reversed(t))).toBe(topologyDigest(t));
    expect(digestState(["a=1", "b=2"], ["X", "Y"])).toBe(digestState(["b=2", "a=1"], ["Y", "X"]));
  });

  it("changes when a target's verdict changes", () => {
    const c = clone(t);
    const target = c.paths[0].targets.find((x) => x.verdict === "fault")!;
    target.verdict = "healthy";
    expect(topologyDigest(c)).not.toBe(topologyDigest(t));
  });

  it("changes when a finding code appears or disappears", () => {
    const c = clone(t);
    c.findings = c.findings.slice(1);
    expect(topologyDigest(c)).not.toBe(topologyDigest(t));
  });

  it("ignores what does not change the state (shares, diagnosis wording, capture time)", () => {
    const c = clone(t);
    c.age.capturedAt = "2030-01-01T00:00:00Z";
    c.paths[0].targets[0].share = 0.123;
    c.paths[0].targets[0].diagnosis = "reworded";
    expect(topologyDigest(c)).toBe(topologyDigest(t));
  });

  it("does not confuse a list boundary with content", () => {
    expect(digestState(["a", "b"], [])).not.toBe(digestState(["a"], ["b"]));
    expect(digestState(["ab"], [])).not.toBe(digestState(["a", "b"], []));
  });

  it("digests triage across clusters, order-independently, and sees a verdict change", () => {
    const a = triageOf("mixed-health");
    const b = triageOf("blog-local");
    expect(triageDigest([a, b])).toBe(triageDigest([b, a]));
    const changed = clone(a);
    changed.targets[0].verdict = "expected";
    expect(triageDigest([changed, b])).not.toBe(triageDigest([a, b]));
  });
});
