import { expected, fault, HEALTHY, pod, scenario, type ScenarioExpectation } from "./dsl";

/**
 * Issue 12's scenarios (readings: see worked.ts). The observed-traffic and rollout findings are derived here like
 * every other finding; their numbers (divergence, seconds) are checked in tests/unit/core/overTime.test.ts.
 */

// Legacy NLB (HC-1 TCP on the nodePort), Cluster, cross-zone off, one healthy node per zone: Zdns = {a,b,c}, ⅓ each
// (DST-5, DST-6); every node's kube-proxy spreads over all 3 Ready pods (DST-8) → ⅓ each, SNAT (S5). The data:
// CloudWatch shows no NewFlowCount in us-east-1c → ZONE_NO_OBSERVED_TRAFFIC.
const zoneSilent = scenario("zone-silent", {
  ids: {
    n1: "i-0e5f63878ef23056a",
    n2: "i-0dae1aba80538f2a4",
    n3: "i-07028fb9827dd9ff7",
    p1: "web-rmpbcb8d6h-78vp5@10.0.4.21",
    p2: "web-rmpbcb8d6h-txkrh@10.0.20.22",
    p3: "web-rmpbcb8d6h-bqxqj@10.0.36.23",
  },
  rules: ["S5", "HC-1", "DST-5", "DST-6", "DST-7", "DST-8", "SRC-8"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(1 / 3, "node"), p2: pod(1 / 3, "node"), p3: pod(1 / 3, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_SNAT_KUBE_PROXY", "ZONE_NO_OBSERVED_TRAFFIC"],
        },
      },
    },
  },
});

// LBC ip targets (SRC-11, DST-9, S11: preservation off → pods see the LB). checkout: p4 terminating → its target
// draining (§2.4, DRAINING, expected); R(a) = {p1, p3}, R(b) = {p2, p5} → ¼ each, p4 0; N = 4 Ready → ok.
// Every checkout pod: preStop sleep 10 s, grace 30 s against a 300 s deregistration delay (the builder's AWS
// default) → POD_EXITS_BEFORE_DEREGISTRATION. cart: preStop 310 s, grace 330 s (≥ 300) but no readiness gate
// → READINESS_GATE_MISSING only; c1, c2 ½ each.
const rolloutDrainGap = scenario("rollout-drain-gap", {
  ids: {
    p1: "checkout-db577lj66g-gtgmj@10.0.4.21",
    p2: "checkout-db577lj66g-24gl8@10.0.20.22",
    p3: "checkout-nhpzsmjlr9-h4x69@10.0.4.23",
    p4: "checkout-db577lj66g-kb2tg@10.0.20.24",
    p5: "checkout-nhpzsmjlr9-2mqr2@10.0.20.25",
    c1: "cart-fqzddjg2cj-5nc5l@10.0.4.26",
    c2: "cart-fqzddjg2cj-k8hj2@10.0.20.27",
  },
  rules: ["S11", "SRC-3", "SRC-11", "HC-8", "§2.4", "DST-7", "DST-9", "JOIN-4"],
  services: {
    "shop/checkout": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.25, "load-balancer"), p2: pod(0.25, "load-balancer"), p3: pod(0.25, "load-balancer"), p4: pod(0, "load-balancer"), p5: pod(0.25, "load-balancer") },
          targets: { p1: HEALTHY, p2: HEALTHY, p3: HEALTHY, p4: expected("DRAINING"), p5: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["POD_EXITS_BEFORE_DEREGISTRATION", "CLIENT_IP_REPLACED_BY_LB"],
        },
      },
    },
    "shop/cart": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { c1: pod(0.5, "load-balancer"), c2: pod(0.5, "load-balancer") },
          targets: { c1: HEALTHY, c2: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["READINESS_GATE_MISSING", "CLIENT_IP_REPLACED_BY_LB"],
        },
      },
    },
  },
});

// Legacy NLB, Cluster, cross-zone off: R(a) = {n1, n2} ¼ each, R(b) = {n3} ½ (all healthy now); kube-proxy spreads
// each node's share over {p1, p2} → ½ each (DST-8). n2's timeline has 4 state changes in the last 15 min, ≥ 3 →
// fault TARGET_FLAPPING whatever its current state.
const flappingTarget = scenario("flapping-target", {
  ids: {
    n1: "i-076e9fc166be885a5",
    n2: "i-0a361b122e539dec3",
    n3: "i-02e78ad13858ea7c8",
    p1: "web-pf8sr49qhr-bwplt@10.0.4.21",
    p2: "web-pf8sr49qhr-j5dvw@10.0.20.22",
  },
  rules: ["S5", "HC-1", "§2.4", "DST-7", "DST-8"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") },
          targets: { n1: HEALTHY, n2: fault("TARGET_FLAPPING"), n3: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

export const overTimeExpectations: Record<string, ScenarioExpectation> = {
  "zone-silent": zoneSilent,
  "rollout-drain-gap": rolloutDrainGap,
  "flapping-target": flappingTarget,
};
