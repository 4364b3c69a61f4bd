import type { Change } from "@/lib/api/whatIf";
import type { LbDef, ScenarioDef, ServiceDef } from "@/scripts/demo/model";
import { blogLocal } from "@/scripts/demo/scenarios/blog";
import { classicLocal } from "@/scripts/demo/scenarios/classic";
import { lbc } from "@/scripts/demo/scenarios/common";
import { fiveNodesCluster, fiveNodesLocal } from "@/scripts/demo/scenarios/fiveNodes";
import { zonalShift } from "@/scripts/demo/scenarios/healthCases";
import { clusterSnat, lbcIpTargets, localUneven } from "@/scripts/demo/scenarios/worked";

/**
 * For every change kind: a demo scenario, the change, and the same cluster built with the change really made —
 * annotations, fields, pods and the target health AWS would then report, each worked out by hand from the rules
 * (HLT-E1..E5, JOIN-4, WIF-1/2) and written below. The what-if of the first must give the topology of the last.
 * The changed cluster keeps the scenario's id, so nodes, instances and pods keep their generated identities.
 */
export interface WhatIfCase {
  name: string;
  from: ScenarioDef;
  changes: Change[];
  to: ScenarioDef;
}

type SvcPatch = Partial<ServiceDef> & { lb?: LbDef };
const svc0 = (d: ScenarioDef) => d.services[0];
const lbOf = (d: ScenarioDef) => svc0(d).lb as LbDef;
function variant(d: ScenarioDef, patch: SvcPatch, rest: Partial<Pick<ScenarioDef, "nodes" | "pods">> = {}): ScenarioDef {
  return { ...d, ...rest, services: [{ ...svc0(d), ...patch }, ...d.services.slice(1)] };
}
const withAnnotations = (d: ScenarioDef, extra: Record<string, string>, lb?: LbDef) => variant(d, { annotations: { ...svc0(d).annotations, ...extra }, ...(lb ? { lb } : {}) });
const A = "service.beta.kubernetes.io/";
const noShift = variant(zonalShift, { lb: { ...lbOf(zonalShift), zonalShift: undefined } });

export const CASES: WhatIfCase[] = [
  {
    // HLT-E2: with a TCP check on the nodePort every node passes while the Service has a usable endpoint (p1).
    name: "externalTrafficPolicy Local → Cluster, the blog's example: n2 turns healthy, the pod sees node IPs",
    from: blogLocal,
    changes: [{ kind: "externalTrafficPolicy", value: "Cluster" }],
    to: variant(blogLocal, { externalTrafficPolicy: "Cluster", healthCheckNodePort: undefined, lb: { zones: ["a", "b"] } }),
  },
  {
    // HLT-E1: n4 has no pod, n5 only a terminating one (HLT-3): both fail the healthCheckNodePort check.
    name: "externalTrafficPolicy Cluster → Local, five nodes",
    from: fiveNodesCluster,
    changes: [{ kind: "externalTrafficPolicy", value: "Local" }],
    to: variant(fiveNodesCluster, { externalTrafficPolicy: "Local", healthCheckNodePort: 31599, lb: { zones: ["a", "b", "c"], health: { n4: "failed", n5: "failed" } } }),
  },
  {
    // HC-4: TCP on the nodePort; every instance InService while the Service has endpoints (HLT-E5).
    name: "Classic ELB, Local → Cluster: the pod-less node turns InService",
    from: classicLocal,
    changes: [{ kind: "externalTrafficPolicy", value: "Cluster" }],
    to: variant(classicLocal, { externalTrafficPolicy: "Cluster", healthCheckNodePort: undefined, lb: { zones: ["a", "b"] } }),
  },
  {
    name: "cross-zone on, legacy NLB (annotation): every zone stays in DNS",
    from: fiveNodesLocal,
    changes: [{ kind: "crossZone", value: true }],
    to: withAnnotations(fiveNodesLocal, { [`${A}aws-load-balancer-cross-zone-load-balancing-enabled`]: "true" }),
  },
  {
    name: "cross-zone on, AWS Load Balancer Controller (attributes annotation)",
    from: localUneven,
    changes: [{ kind: "crossZone", value: true }],
    to: withAnnotations(localUneven, { [`${A}aws-load-balancer-attributes`]: "load_balancing.cross_zone.enabled=true" }),
  },
  {
    name: "cross-zone on the target group only",
    from: localUneven,
    changes: [{ kind: "targetGroupCrossZone", value: true }],
    to: withAnnotations(localUneven, { [`${A}aws-load-balancer-target-group-attributes`]: "load_balancing.cross_zone.enabled=true" }),
  },
  {
    // SRC-11, HC-8, HLT-E4: the three Ready pods register and pass TCP checks; preservation defaults off (SRC-3).
    name: "target type instance → ip: Local stops mattering, pods see the NLB",
    from: localUneven,
    changes: [{ kind: "targetType", value: "ip" }],
    to: variant(localUneven, { annotations: lbc("ip"), lb: { zones: ["a", "b", "c"] } }),
  },
  {
    // HC-7: each node runs one pod, so all three pass the Local check; preservation defaults on (SRC-3).
    name: "target type ip → instance, Local: the pods see the client",
    from: lbcIpTargets,
    changes: [{ kind: "targetType", value: "instance" }],
    to: variant(lbcIpTargets, { annotations: lbc("instance"), lb: { zones: ["a", "b"] } }),
  },
  {
    name: "client IP preservation on, ip targets (S12)",
    from: lbcIpTargets,
    changes: [{ kind: "preserveClientIp", value: true }],
    to: withAnnotations(lbcIpTargets, { [`${A}aws-load-balancer-target-group-attributes`]: "preserve_client_ip.enabled=true" }),
  },
  {
    name: "client IP preservation off, instance targets, Local (S7)",
    from: blogLocal,
    changes: [{ kind: "preserveClientIp", value: false }],
    to: withAnnotations(blogLocal, { [`${A}aws-load-balancer-target-group-attributes`]: "preserve_client_ip.enabled=false" }),
  },
  {
    // HLT-F4: the HTTP check on healthCheckNodePort gets a PROXY v2 header kube-proxy cannot parse: all fail.
    name: "proxy protocol v2 on, instance targets, Local: every health check fails, the NLB fails open",
    from: blogLocal,
    changes: [{ kind: "proxyProtocolV2", value: true }],
    to: withAnnotations(blogLocal, { [`${A}aws-load-balancer-target-group-attributes`]: "proxy_protocol_v2.enabled=true" }, { zones: ["a", "b"], health: { n1: "failed", n2: "failed" } }),
  },
  {
    // A TCP check opens a connection and sends nothing: PPv2 does not affect it (HC-8).
    name: "proxy protocol v2 on, ip targets (S13): health unchanged, client IP in the header",
    from: lbcIpTargets,
    changes: [{ kind: "proxyProtocolV2", value: true }],
    to: withAnnotations(lbcIpTargets, { [`${A}aws-load-balancer-proxy-protocol`]: "*" }),
  },
  {
    // WIF-1: after evicting p4, zones b and c have no live pod of the workload (p5 terminates); their nodes
    // n4 (ip-10-0-17-14) and n5 (ip-10-0-33-15) have none either, so the name decides: n4. HLT-E1: n3 fails.
    name: "drain n3 (Local): its pod moves to n4, n3 fails the check by design",
    from: fiveNodesLocal,
    changes: [{ kind: "drainNode", value: "ip-10-0-17-13.ec2.internal" }],
    to: variant(
      fiveNodesLocal,
      { lb: { zones: ["a", "b", "c"], health: { n3: "failed", n5: "failed" } } },
      { nodes: fiveNodesLocal.nodes.map((n) => (n.key === "n3" ? { ...n, cordoned: true } : n)), pods: fiveNodesLocal.pods.map((p) => (p.key === "p4" ? { ...p, node: "n4" } : p)) },
    ),
  },
  {
    // WIF-1: n1 is cordoned, n2 is the only other node: both evicted pods land there. HLT-E2: both nodes pass.
    name: "drain n1 (Cluster): both pods move to n2, n1 keeps forwarding",
    from: clusterSnat,
    changes: [{ kind: "drainNode", value: "ip-10-0-1-11.ec2.internal" }],
    to: variant(clusterSnat, {}, { nodes: [{ key: "n1", zone: "a", cordoned: true }, clusterSnat.nodes[1]], pods: clusterSnat.pods.map((p) => ({ ...p, node: "n2" })) }),
  },
  {
    // JOIN-4: a deleted node is deregistered; its pod moves to n1 (WIF-1); zone b has no target left.
    name: "remove n2: deregistered, its pod moves to n1",
    from: clusterSnat,
    changes: [{ kind: "drainNode", value: { node: "ip-10-0-17-12.ec2.internal", remove: true } }],
    to: variant(clusterSnat, {}, { nodes: [clusterSnat.nodes[0]], pods: clusterSnat.pods.map((p) => ({ ...p, node: "n1" })) }),
  },
  {
    name: "add a pod on n4 (Local): n4 turns healthy",
    from: fiveNodesLocal,
    changes: [{ kind: "addPod", value: "ip-10-0-17-14.ec2.internal" }],
    to: variant(fiveNodesLocal, { lb: { zones: ["a", "b", "c"], health: { n5: "failed" } } }, { pods: [...fiveNodesLocal.pods, { key: "p6", node: "n4", app: "web" }] }),
  },
  {
    // WIF-1: zones a/b/c hold 3/1/0 live pods: the first new pod goes to c (n5), the second to b, where n4 has
    // none (n3 has one). HLT-E1: n5 now has a Ready pod, n4 too: every node passes.
    name: "scale 4 → 6 (Local): new pods fill the empty zone, then the empty node",
    from: fiveNodesLocal,
    changes: [{ kind: "replicas", value: 6 }],
    to: variant(fiveNodesLocal, { lb: { zones: ["a", "b", "c"] } }, { pods: [...fiveNodesLocal.pods, { key: "p6", node: "n5", app: "web" }, { key: "p7", node: "n4", app: "web" }] }),
  },
  {
    // WIF-2: p1 and p2 are doubled up on n1, so they go first. HLT-E1: n1, n4, n5 then have no Ready pod.
    name: "scale 4 → 2 (Local): the doubled-up pods go first",
    from: fiveNodesLocal,
    changes: [{ kind: "replicas", value: 2 }],
    to: variant(fiveNodesLocal, { lb: { zones: ["a", "b", "c"], health: { n1: "failed", n4: "failed", n5: "failed" } } }, { pods: fiveNodesLocal.pods.filter((p) => p.key !== "p1" && p.key !== "p2") }),
  },
  {
    name: "zonal shift away from us-east-1c",
    from: noShift,
    changes: [{ kind: "zonalShift", value: "us-east-1c" }],
    to: zonalShift,
  },
  {
    name: "end the zonal shift",
    from: zonalShift,
    changes: [{ kind: "zonalShift", value: null }],
    to: variant(zonalShift, { lb: { ...lbOf(zonalShift), zonalShift: { zone: null } } }),
  },
  {
    // n2 stops reporting: the legacy provider keeps it registered and it fails (HLT-E2 cannot hold); p3 is evicted
    // but never confirmed gone (terminating, not serving) and its replacement can only go to n1 (WIF-1).
    name: "lose us-east-1b (legacy, Cluster): n2 fails, its pod restarts on n1",
    from: clusterSnat,
    changes: [{ kind: "zonalShift", value: { zone: "us-east-1b", outage: true } }],
    to: variant(
      clusterSnat,
      { lb: { zones: ["a", "b"], health: { n2: "failed" } } },
      { nodes: [clusterSnat.nodes[0], { ...clusterSnat.nodes[1], ready: "Unknown" }], pods: [...clusterSnat.pods.map((p) => (p.key === "p3" ? { ...p, state: "terminating" as const } : p)), { key: "p4", node: "n1", app: "web" }] },
    ),
  },
  {
    // L7: the controller deregisters the NotReady node; p3's replacement goes to the empty zone c (n3), which then
    // passes the Local check (HLT-E1).
    name: "lose us-east-1b (AWS Load Balancer Controller, Local): n2 deregistered, the pod moves to zone c",
    from: localUneven,
    changes: [{ kind: "zonalShift", value: { zone: "us-east-1b", outage: true } }],
    to: variant(
      localUneven,
      { lb: { zones: ["a", "b", "c"], health: { n2: "absent" } } },
      { nodes: localUneven.nodes.map((n) => (n.key === "n2" ? { ...n, ready: "Unknown" as const } : n)), pods: [...localUneven.pods.map((p) => (p.key === "p3" ? { ...p, state: "terminating" as const } : p)), { key: "p4", node: "n3", app: "web" }] },
    ),
  },
];
