import { describe, expect, it } from "vitest";
import type * as k8s from "@/server/core/model/kubernetes";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { NEW_FLOW_LAG_SECONDS, podExit, preStopOf, sleepSeconds } from "@/server/core/analysis/rollout";
import { snapshot } from "../summary/scenario";

/**
 * The rollout check (issue 12): a pod must keep serving after deletion at least as long as the load balancer can
 * send it flows. ip targets: max(deregistration delay, ~120 s of new flows after deregistration); instance targets
 * under Local: health-check interval × unhealthy threshold (HLT-F3). Plus the LBC readiness gate on ip targets.
 */

const pod = (spec: k8s.Pod["spec"]): k8s.Pod => ({ metadata: { name: "p", namespace: "ns" }, spec });

describe("how long a pod keeps serving after deletion", () => {
  it("reads sleeps from exec commands, sleep actions and shells; other hooks have no known length", () => {
    expect(sleepSeconds(["sleep", "15"])).toBe(15);
    expect(sleepSeconds(["/bin/sh", "-c", "sleep 270; /wait-shutdown"])).toBe(270);
    expect(sleepSeconds(["sh", "-c", "echo bye && sleep 5 && sleep 2m"])).toBe(125);
    expect(sleepSeconds(["/bin/sleep", "30"])).toBe(30);
    expect(sleepSeconds(["/wait-shutdown"])).toBeNull();
    expect(sleepSeconds(["nosleep", "5"])).toBeNull();
    expect(sleepSeconds(undefined)).toBeNull();
    expect(preStopOf(pod({ containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 40 } } } }, { name: "b", lifecycle: { preStop: { exec: { command: ["sleep", "60"] } } } }] }))).toEqual({ kind: "exec", seconds: 60 });
    expect(preStopOf(pod({ containers: [{ name: "a", lifecycle: { preStop: { httpGet: { port: 8080 } } } }] }))).toEqual({ kind: "httpGet", seconds: null });
    expect(preStopOf(pod({}))).toEqual({ kind: "none", seconds: 0 });
  });

  it("is the preStop sleep capped by the grace period; unknown hooks count the whole grace period; no spec, no answer", () => {
    expect(podExit(pod({ terminationGracePeriodSeconds: 30, containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 10 } } } }] }))).toMatchObject({ stays: 10, cutShort: false });
    expect(podExit(pod({ terminationGracePeriodSeconds: 30, containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 90 } } } }] }))).toMatchObject({ stays: 30, cutShort: true });
    expect(podExit(pod({ terminationGracePeriodSeconds: 45, containers: [{ name: "a", lifecycle: { preStop: { exec: {} } } }] }))).toMatchObject({ stays: 45 });
    expect(podExit(pod({ terminationGracePeriodSeconds: 30 }))).toMatchObject({ stays: 0 });
    expect(podExit(pod({ nodeName: "n" }))).toBeNull();
  });
});

/** rollout-drain-gap with every checkout pod's spec replaced, and the target group's attributes changed. */
function checkout(spec: k8s.Pod["spec"], attrs: Record<string, string> = {}): ReturnType<typeof buildTopology> {
  const s: Snapshot = structuredClone(snapshot("rollout-drain-gap"));
  for (const p of s.kubernetes.pods) if (p.metadata.name.startsWith("checkout-")) p.spec = { nodeName: p.spec?.nodeName, ...spec };
  for (const tg of s.aws.targetGroups) if (tg.targetGroupName.includes("checkout")) Object.assign(tg.attributes, attrs);
  return buildTopology(s, { namespace: "shop", name: "checkout" });
}
const codes = (t: ReturnType<typeof buildTopology>) => t!.findings.map((f) => f.code);
const sleepFor = (seconds: number, grace: number): k8s.Pod["spec"] => ({ terminationGracePeriodSeconds: grace, containers: [{ name: "app", lifecycle: { preStop: { sleep: { seconds } } } }], readinessGates: [{ conditionType: "target-health.elbv2.k8s.aws/x" }] });

describe("ip targets", () => {
  it("rollout-drain-gap: 10 s of preStop against a 300 s delay is found, with the numbers and the fix", () => {
    const t = buildTopology(snapshot("rollout-drain-gap"), { namespace: "shop", name: "checkout" })!;
    const f = t.findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toMatch(/^5 of 5 pods \(.*\) can stop serving 10 s after they are deleted \(preStop sleeps 10 s, terminationGracePeriodSeconds 30\), but the load balancer can send them flows for up to 300 s/);
    expect(f.message).toContain("deregistration_delay.timeout_seconds = 300 s");
    expect(f.action).toMatch(/at least 300 s/);
    expect(f.action).toMatch(/≥ 330 s/);
    expect(f.refs).toContain(t.paths[0].pods[0].key);
    expect(codes(t)).not.toContain("READINESS_GATE_MISSING");
  });

  it("a preStop as long as the delay passes; the ~120 s of new flows counts when the delay is shorter", () => {
    expect(codes(checkout(sleepFor(300, 330)))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
    expect(codes(checkout(sleepFor(60, 90), { "deregistration_delay.timeout_seconds": "30" }))).toContain("POD_EXITS_BEFORE_DEREGISTRATION");
    expect(codes(checkout(sleepFor(NEW_FLOW_LAG_SECONDS, 150), { "deregistration_delay.timeout_seconds": "30" }))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
  });

  it("a grace period shorter than the sleep cuts it short, and says so", () => {
    const f = checkout(sleepFor(310, 60))!.findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!;
    expect(f.message).toMatch(/can stop serving 60 s/);
    expect(f.message).toMatch(/kubelet kills the hook early/);
  });

  it("connection termination is named when on", () => {
    const f = checkout(sleepFor(10, 30), { "deregistration_delay.connection_termination.enabled": "true" })!.findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!;
    expect(f.message).toMatch(/then the load balancer resets what is left/);
  });

  it("pods without the LBC readiness gate are reported; with it, not", () => {
    const t = buildTopology(snapshot("rollout-drain-gap"), { namespace: "shop", name: "cart" })!;
    const f = t.findings.find((x) => x.code === "READINESS_GATE_MISSING")!;
    expect(f.message).toMatch(/^2 of 2 pods/);
    expect(f.action).toMatch(/elbv2\.k8s\.aws\/pod-readiness-gate-inject=enabled/);
    expect(codes(t)).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION"); // 310 s ≥ 300 s
  });

  it("pods whose spec was not captured are skipped", () => {
    expect(codes(checkout({}))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
    expect(codes(buildTopology(snapshot("lbc-ip-targets"), { namespace: "payments", name: "api" }))).not.toContain("READINESS_GATE_MISSING");
  });
});

describe("instance targets", () => {
  /** blog-local (Local, HC-2: 10 s × 2) with the pod's spec given. */
  const blog = (spec: k8s.Pod["spec"]) => {
    const s: Snapshot = structuredClone(snapshot("blog-local"));
    s.kubernetes.pods[0].spec = { nodeName: s.kubernetes.pods[0].spec?.nodeName, ...spec };
    return buildTopology(s, { namespace: "default", name: "web" });
  };

  it("Local: the node keeps getting flows for interval × unhealthy threshold after its last pod terminates (HLT-F3)", () => {
    const f = blog({ terminationGracePeriodSeconds: 30 })!.findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!;
    expect(f.message).toMatch(/for up to 20 s: when its node's last ready pod terminates, the node fails its health check only after 10 s × 2 = 20 s/);
    expect(f.rules).toEqual(["HLT-F2", "HLT-F3", "HLT-5", "SRC-9"]);
    expect(codes(blog({ terminationGracePeriodSeconds: 30, containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 20 } } } }] }))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
  });

  it("Cluster: kube-proxy, not the load balancer, stops sending: not checked", () => {
    const s: Snapshot = structuredClone(snapshot("cluster-snat"));
    for (const p of s.kubernetes.pods) p.spec = { nodeName: p.spec?.nodeName, terminationGracePeriodSeconds: 30 };
    const svc = s.kubernetes.services[0].metadata;
    expect(codes(buildTopology(s, { namespace: svc.namespace, name: svc.name }))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
  });
});
