import { describe, expect, it } from "vitest";
import type * as k8s from "@/server/core/model/kubernetes";
import { Ring } from "@/server/sources/live/history/ring";
import { TargetHistoryStore, type HealthReading } from "@/server/sources/live/history/targetHistory";
import { KubeEventLog, diffReads } from "@/server/sources/live/history/kubeEvents";
import { reshapePod } from "@/server/sources/live/reshapeKubernetes";

/** The live cache's history (issue 12): fixed memory bounds, what a change is, and what is kept of pod specs. */

const T0 = Date.parse("2026-11-20T09:00:00Z");
const s = (n: number) => T0 + n * 1000;
const tg = (targets: HealthReading["targets"], group = "arn:tg/a"): HealthReading => ({ group, targets });

describe("Ring", () => {
  it("keeps at most its capacity, oldest first, and counts what it dropped", () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect([r.size, r.dropped, r.first(), r.last()]).toEqual([3, 2, 3, 5]);
    expect(r.shift()).toBe(3);
    r.push(6);
    expect(r.toArray()).toEqual([4, 5, 6]);
    expect(() => new Ring(0)).toThrow(/positive integer/);
  });
});

describe("target history", () => {
  it("opens a span per change of state or reason, closes the previous one, and leaves unchanged reads alone", () => {
    const h = new TargetHistoryStore({ windowMs: 6 * 3600_000, maxSpans: 64 });
    h.record([tg([{ id: "i-1", port: 80, state: "healthy" }])], s(0));
    const v = h.version;
    h.record([tg([{ id: "i-1", port: 80, state: "healthy" }])], s(15));
    expect(h.version).toBe(v); // nothing changed: the snapshot need not change either
    h.record([tg([{ id: "i-1", port: 80, state: "unhealthy", reason: "Target.FailedHealthChecks" }])], s(30));
    h.record([tg([{ id: "i-1", port: 80, state: "unhealthy", reason: "Target.Timeout" }])], s(45));
    const [t] = h.targets();
    expect(t).toMatchObject({ targetGroupArn: "arn:tg/a", id: "i-1", port: 80, observedSince: new Date(s(0)).toISOString() });
    expect(t.spans.map((x) => [x.state, x.reason, x.from, x.to])).toEqual([
      ["healthy", undefined, new Date(s(0)).toISOString(), new Date(s(30)).toISOString()],
      ["unhealthy", "Target.FailedHealthChecks", new Date(s(30)).toISOString(), new Date(s(45)).toISOString()],
      ["unhealthy", "Target.Timeout", new Date(s(45)).toISOString(), null],
    ]);
    expect(t.seenArriving).toBeUndefined(); // present at the first read: its past is unknown
  });

  it("a target registered later is seen arriving; one deregistered has its span closed; an unreadable group is left alone", () => {
    const h = new TargetHistoryStore({ windowMs: 6 * 3600_000, maxSpans: 64 });
    h.record([tg([{ id: "i-1", state: "healthy" }]), tg([{ id: "i-9", state: "healthy" }], "arn:tg/b")], s(0));
    h.record([tg([{ id: "i-1", state: "healthy" }, { id: "i-2", state: "initial", reason: "Elb.RegistrationInProgress" }]), tg(undefined, "arn:tg/b")], s(15));
    h.record([tg([{ id: "i-2", state: "initial", reason: "Elb.RegistrationInProgress" }]), tg(undefined, "arn:tg/b")], s(30));
    const by = Object.fromEntries(h.targets().map((t) => [t.id, t]));
    expect(by["i-2"].seenArriving).toBe(true);
    expect(by["i-1"].spans.at(-1)!.to).toBe(new Date(s(30)).toISOString());
    expect(by["i-9"].spans.at(-1)!.to).toBeNull(); // its health was unreadable: nothing is concluded
    // A group that no longer exists at all: its targets are gone.
    h.record([tg([{ id: "i-2", state: "healthy" }])], s(45));
    expect(h.targets().find((t) => t.id === "i-9")!.spans.at(-1)!.to).toBe(new Date(s(45)).toISOString());
  });

  it("holds at most maxSpans per target however often it flaps (the fixed memory bound), and says it dropped some", () => {
    const h = new TargetHistoryStore({ windowMs: 6 * 3600_000, maxSpans: 8 });
    for (let i = 0; i < 1_000; i++) h.record([tg([{ id: "i-1", state: i % 2 ? "unhealthy" : "healthy" }, { id: "i-2", state: "healthy" }])], s(i * 15));
    expect(h.stats()).toEqual({ targets: 2, maxSpans: 8 });
    const t = h.targets().find((x) => x.id === "i-1")!;
    expect(t.spans).toHaveLength(8);
    expect(t.truncated).toBe(true);
    expect(t.spans.at(-1)!.from).toBe(new Date(s(999 * 15)).toISOString()); // the newest kept
    expect(h.targets().find((x) => x.id === "i-2")!.spans).toHaveLength(1);
  });

  it("drops what ended before the window and targets gone for that long; the version moves when a change leaves the 15-minute flapping window", () => {
    const h = new TargetHistoryStore({ windowMs: 3600_000, maxSpans: 64 });
    h.record([tg([{ id: "i-1", state: "healthy" }, { id: "i-2", state: "healthy" }])], s(0));
    h.record([tg([{ id: "i-1", state: "unhealthy" }])], s(60)); // i-2 leaves
    const v = h.version;
    h.record([tg([{ id: "i-1", state: "unhealthy" }])], s(60 + 15 * 60 + 1)); // the change at s(60) is now older than 15 min
    expect(h.version).toBe(v + 1);
    h.record([tg([{ id: "i-1", state: "unhealthy" }])], s(60 + 3600 + 1));
    const targets = h.targets();
    expect(targets.map((t) => t.id)).toEqual(["i-1"]);
    expect(targets[0].spans.map((x) => x.state)).toEqual(["unhealthy"]);
    expect(h.window()!.start).toBe(new Date(s(61)).toISOString()); // the cutoff of the last prune
  });
});

const podObj = (over: Partial<k8s.Pod["metadata"]> = {}, ready = true, node = "n1"): k8s.Pod => ({
  metadata: { name: "web-1", namespace: "shop", ...over },
  spec: { nodeName: node },
  status: { podIP: "10.0.4.21", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});

describe("Kubernetes changes", () => {
  it("pod Ready turns, termination and deletion; a new pod is not a change", () => {
    let now = T0;
    const log = new KubeEventLog({ windowMs: 3600_000, capacity: 100 }, () => now);
    log.pod("ADDED", podObj(), undefined);
    now = s(10);
    log.pod("MODIFIED", podObj({}, false), podObj());
    now = s(20);
    log.pod("MODIFIED", podObj({ deletionTimestamp: "x" }, false), podObj({}, false));
    now = s(30);
    log.pod("DELETED", podObj({ deletionTimestamp: "x" }, false), podObj({ deletionTimestamp: "x" }, false));
    expect(log.events().map((e) => [e.kind, e.pod, e.node, e.ip])).toEqual([
      ["pod-not-ready", "shop/web-1", "n1", "10.0.4.21"],
      ["pod-terminating", "shop/web-1", "n1", "10.0.4.21"],
      ["pod-deleted", "shop/web-1", "n1", "10.0.4.21"],
    ]);
  });

  it("endpoint serving and terminating (nil defaults as kube-proxy reads them), node taints, Ready and removal", () => {
    const log = new KubeEventLog({ windowMs: 3600_000, capacity: 100 }, () => T0);
    const slice = (conditions: k8s.EndpointConditions | undefined): k8s.EndpointSlice => ({
      metadata: { name: "web-abc", namespace: "shop", labels: { "kubernetes.io/service-name": "web" } }, addressType: "IPv4",
      endpoints: [{ addresses: ["10.0.4.21"], nodeName: "n1", conditions, targetRef: { kind: "Pod", name: "web-1" } }],
    });
    log.endpointSlice("MODIFIED", slice({ ready: false, serving: true, terminating: true }), slice(undefined));
    log.endpointSlice("MODIFIED", slice({ ready: false, serving: false, terminating: true }), slice({ ready: false, serving: true, terminating: true }));
    const node = (taints: k8s.Taint[], ready: "True" | "False"): k8s.Node => ({ metadata: { name: "n1" }, spec: { taints }, status: { conditions: [{ type: "Ready", status: ready }] } });
    log.node("MODIFIED", node([{ key: "ToBeDeletedByClusterAutoscaler", value: "1", effect: "NoSchedule" }], "True"), node([], "True"));
    log.node("MODIFIED", node([], "False"), node([{ key: "ToBeDeletedByClusterAutoscaler", value: "1", effect: "NoSchedule" }], "True"));
    log.node("DELETED", node([], "False"), node([], "False"));
    expect(log.events().map((e) => [e.kind, e.pod ?? e.node, e.detail])).toEqual([
      ["endpoint-terminating", "shop/web-1", "shop/web"],
      ["endpoint-not-serving", "shop/web-1", "shop/web"],
      ["node-tainted", "n1", "ToBeDeletedByClusterAutoscaler=1:NoSchedule"],
      ["node-untainted", "n1", "ToBeDeletedByClusterAutoscaler=1:NoSchedule"],
      ["node-not-ready", "n1", undefined],
      ["node-removed", "n1", undefined],
    ]);
  });

  it("keeps at most its capacity and forgets what is older than the window", () => {
    let now = T0;
    const log = new KubeEventLog({ windowMs: 600_000, capacity: 50 }, () => now);
    for (let i = 0; i < 500; i++) { now = s(i); log.pod("DELETED", podObj({ name: `p${i}` }), undefined); }
    expect(log.size).toBe(50);
    expect(log.events()[0].pod).toBe("shop/p450");
    now = s(499 + 601);
    expect(log.events()).toEqual([]);
  });

  it("poll mode: the changes between two reads", () => {
    const log = new KubeEventLog({ windowMs: 3600_000, capacity: 100 }, () => T0);
    const before = { pods: [podObj(), podObj({ name: "web-2" })], endpointSlices: [], nodes: [] };
    const after = { pods: [podObj({}, false)], endpointSlices: [], nodes: [] };
    diffReads(log, before, after);
    expect(log.events().map((e) => [e.kind, e.pod])).toEqual([["pod-not-ready", "shop/web-1"], ["pod-deleted", "shop/web-2"]]);
  });
});

describe("pod spec trim (what is kept for the rollout check)", () => {
  it("keeps the grace period, readiness gates and preStop hooks, reducing exec to its sleep and HTTP to its port", () => {
    const p = reshapePod({
      metadata: { name: "web-1", namespace: "shop", labels: { app: "web" } },
      spec: {
        nodeName: "n1", terminationGracePeriodSeconds: 45,
        containers: [
          { name: "app", lifecycle: { preStop: { exec: { command: ["/bin/sh", "-c", "sleep 20; curl -H 'Authorization: Bearer s3cret' http://x"] } } } },
          { name: "sidecar", lifecycle: { preStop: { httpGet: { port: 9090, scheme: "HTTP", ...({ path: "/drain?token=abc", host: "evil" } as object) } } } },
          { name: "exporter", lifecycle: { preStop: { exec: { command: ["/usr/bin/flush", "--key=abc"] } } } },
          { name: "plain" },
        ],
        readinessGates: [{ conditionType: "target-health.elbv2.k8s.aws/k8s-shop-web-123" }],
      },
    });
    expect(p.spec).toEqual({
      nodeName: "n1",
      terminationGracePeriodSeconds: 45,
      containers: [
        { name: "app", lifecycle: { preStop: { exec: { command: ["sleep", "20"] } } } },
        { name: "sidecar", lifecycle: { preStop: { httpGet: { port: 9090, scheme: "HTTP" } } } },
        { name: "exporter", lifecycle: { preStop: { exec: {} } } },
      ],
      readinessGates: [{ conditionType: "target-health.elbv2.k8s.aws/k8s-shop-web-123" }],
    });
    expect(JSON.stringify(p)).not.toMatch(/s3cret|token|evil|--key/);
    expect(reshapePod(p)).toEqual(p); // idempotent
  });

  it("keeps a container's declared ports (number and name only), so the check knows which one serves the Service", () => {
    const p = reshapePod({
      metadata: { name: "web-2", namespace: "shop" },
      spec: {
        terminationGracePeriodSeconds: 330,
        containers: [
          { name: "app", ports: [{ containerPort: 8080, name: "http", ...({ hostPort: 80, protocol: "TCP" } as object) }] },
          { name: "proxy-sidecar", lifecycle: { preStop: { sleep: { seconds: 300 } } } },
          { name: "plain" },
        ],
      },
    });
    expect(p.spec?.containers).toEqual([
      { name: "app", ports: [{ containerPort: 8080, name: "http" }] },
      { name: "proxy-sidecar", lifecycle: { preStop: { sleep: { seconds: 300 } } } },
    ]);
    expect(reshapePod(p)).toEqual(p);
  });
});
