import { describe, expect, it } from "vitest";
import type { Change } from "@/lib/api/whatIf";
import { ChangeSchema, changeToParam, paramToCandidate, WhatIfRequest } from "@/lib/api/whatIf";
import { predictWhatIf } from "@/server/core/whatIf";
import { buildScenario } from "@/scripts/demo/scenario";
import { blogLocal } from "@/scripts/demo/scenarios/blog";
import { classicTcp } from "@/scripts/demo/scenarios/classic";
import { lbcIpTargets, localUneven } from "@/scripts/demo/scenarios/worked";
import type { ScenarioDef } from "@/scripts/demo/model";

const ask = (def: ScenarioDef, changes: Change[]) => predictWhatIf(buildScenario(def), { namespace: def.services[0].namespace, name: def.services[0].name }, changes);
const refusal = (def: ScenarioDef, changes: Change[]) => {
  const r = ask(def, changes);
  return r && "refusal" in r ? r.refusal : null;
};
const ok = (def: ScenarioDef, changes: Change[]) => {
  const r = ask(def, changes);
  if (!r || "refusal" in r) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r;
};

describe("what-if refuses what the controller cannot do, naming the field", () => {
  it("ip targets under the legacy provider", () => {
    expect(refusal(blogLocal, [{ kind: "targetType", value: "ip" }])).toMatchObject({ field: "changes[0].kind", message: expect.stringContaining("AWS Load Balancer Controller") });
  });
  it("target-group settings and zonal shift on a Classic ELB; a zone outage is fine", () => {
    for (const kind of ["preserveClientIp", "proxyProtocolV2", "targetGroupCrossZone"] as const) expect(refusal(classicTcp, [{ kind, value: true } as Change])?.message).toContain("Classic ELB has no target groups");
    expect(refusal(classicTcp, [{ kind: "zonalShift", value: "us-east-1a" }])?.message).toContain("cannot be shifted");
    expect(refusal(classicTcp, [{ kind: "zonalShift", value: { zone: "us-east-1a", outage: true } }])).toBeNull();
  });
  it("a node that does not exist, a zone the load balancer does not have, a shift that is not on", () => {
    expect(refusal(blogLocal, [{ kind: "drainNode", value: "no-such-node" }])).toMatchObject({ field: "changes[0].value" });
    expect(refusal(blogLocal, [{ kind: "zonalShift", value: "eu-west-1a" }])?.message).toContain("eu-west-1a");
    expect(refusal(blogLocal, [{ kind: "zonalShift", value: null }])?.message).toContain("No zonal shift is active");
  });
  it("an unknown Service is null, not a refusal", () => {
    expect(predictWhatIf(buildScenario(blogLocal), { namespace: "default", name: "nope" }, [{ kind: "crossZone", value: true }])).toBeNull();
  });
});

describe("what-if answers", () => {
  it("externalTrafficPolicy on ip targets changes nothing on the path (SRC-11)", () => {
    const r = ok(lbcIpTargets, [{ kind: "externalTrafficPolicy", value: "Cluster" }]);
    expect(r.after.paths.map((p) => p.pods.map((x) => [x.share, x.sourceIp.seenAs]))).toEqual(r.before.paths.map((p) => p.pods.map((x) => [x.share, x.sourceIp.seenAs])));
  });

  it("the blog's example, Local → Cluster: costs say the client IP is lost and the targets re-register", () => {
    const r = ok(blogLocal, [{ kind: "externalTrafficPolicy", value: "Cluster" }]);
    expect(r.costs.map((c) => c.code)).toEqual(expect.arrayContaining(["CLIENT_IP_LOST", "TARGETS_REREGISTER"]));
    expect(r.after.paths[0].targets.every((t) => t.verdict === "healthy")).toBe(true);
    expect(r.after.paths[0].pods[0].sourceIp.seenAs).toBe("node");
    expect(r.transient.some((t) => t.seconds !== null)).toBe(true);
    expect(r.changes[0].apply.kubectlPatch).toBe(`kubectl -n 'default' patch service 'web' --type merge -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`);
  });

  it("apply lines keep the annotation's other keys, per controller", () => {
    const svcWith = (def: ScenarioDef, extra: Record<string, string>): ScenarioDef => ({ ...def, services: [{ ...def.services[0], annotations: { ...def.services[0].annotations, ...extra } }] });
    const lbc = svcWith(localUneven, { "service.beta.kubernetes.io/aws-load-balancer-attributes": "deletion_protection.enabled=true" });
    const step = ok(lbc, [{ kind: "crossZone", value: true }]).changes[0].apply;
    expect(step.kubectlPatch).toContain("deletion_protection.enabled=true,load_balancing.cross_zone.enabled=true");
    expect(step.controller).toBe("AWS Load Balancer Controller");
    expect(ok(blogLocal, [{ kind: "crossZone", value: true }]).changes[0].apply.yaml).toContain('service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled: "true"');
    expect(ok(blogLocal, [{ kind: "proxyProtocolV2", value: true }]).costs.map((c) => c.code)).toEqual(expect.arrayContaining(["APP_MUST_PARSE_PROXY_V2", "HEALTH_CHECKS_FAIL"]));
  });

  it("cluster text in a kubectl line is shell-quoted", () => {
    const hostile: ScenarioDef = { ...blogLocal, services: [{ ...blogLocal.services[0], annotations: { ...blogLocal.services[0].annotations, "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes": "x=';rm -rf /'" } }] };
    const line = ok(hostile, [{ kind: "preserveClientIp", value: false }]).changes[0].apply.kubectlPatch!;
    // Read the -p word back the way a POSIX shell does: quoted runs and backslash-escaped quotes, nothing else.
    const word = line.slice(line.indexOf(" -p ") + 4);
    let out = "";
    for (let i = 0; i < word.length; ) {
      if (word[i] === "'") { const end = word.indexOf("'", i + 1); out += word.slice(i + 1, end); i = end + 1; }
      else if (word[i] === "\\") { out += word[i + 1]; i += 2; }
      else throw new Error(`unquoted ${JSON.stringify(word.slice(i))}`);
    }
    const annotations = JSON.parse(out).metadata.annotations;
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"]).toBe("x=';rm -rf /',preserve_client_ip.enabled=false");
  });
});

describe("the request and its link form", () => {
  it("rejects a bad kind or value naming the field", () => {
    const bad = WhatIfRequest.safeParse({ changes: [{ kind: "externalTrafficPolicy", value: "Sometimes" }] });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues[0].path)).toBe(JSON.stringify(["changes", 0, "value"]));
    expect(WhatIfRequest.safeParse({ changes: [{ kind: "scaleTo", value: 3 }] }).success).toBe(false);
    expect(WhatIfRequest.safeParse({ changes: [{ kind: "crossZone", value: true }, { kind: "crossZone", value: false }] }).success).toBe(false);
  });

  it("every change survives the round trip through the URL", () => {
    const changes: Change[] = [
      { kind: "externalTrafficPolicy", value: "Cluster" }, { kind: "crossZone", value: true }, { kind: "targetGroupCrossZone", value: "use_load_balancer_configuration" },
      { kind: "targetType", value: "ip" }, { kind: "preserveClientIp", value: false }, { kind: "proxyProtocolV2", value: true },
      { kind: "drainNode", value: "ip-10-0-1-11.ec2.internal" }, { kind: "drainNode", value: { node: "ip-10-0-1-12.ec2.internal", remove: true } },
      { kind: "addPod", value: "ip-10-0-1-11.ec2.internal" }, { kind: "replicas", value: 5 }, { kind: "zonalShift", value: { zone: "us-east-1c", outage: true } },
    ];
    for (const c of changes) expect(ChangeSchema.parse(paramToCandidate(changeToParam(c)))).toEqual(c);
    expect(ChangeSchema.parse(paramToCandidate("zonalShift:none"))).toEqual({ kind: "zonalShift", value: null });
  });
});
