import { expected, fault, HEALTHY, type PodExpectation, pod, scenario, type ScenarioExpectation, type TargetExpectation, transient } from "./dsl";

/** Health-verdict scenarios and whole-cluster scenarios (readings: see worked.ts). */

// §2.3–2.5: n2 has a Ready local pod but fails → HLT-C2 fault (HC_BLOCKED). n4/n5 are initial: the state's
// reason decides (REGISTERING / INITIAL_HEALTH_CHECK), not the node's endpoints. R(a)={n1}, R(b)={n3} → p1, p3
// ½ each; p2 (behind n2) and p4 (behind initial n5) are Ready and starved → high (I = 0.5/0.25 = 2.0 too).
const mixedHealth = scenario("mixed-health", {
  ids: {
    n1: "i-01d6deb36e410029d",
    n2: "i-0ed9a13ecb2256381",
    n3: "i-04f8dfec98a854ecd",
    n4: "i-0802346a20fd6709d",
    n5: "i-0b1375eda436d991a",
    p1: "web-lzzr8s2nmw-z7nbp@10.0.4.21",
    p2: "web-lzzr8s2nmw-28blk@10.0.4.22",
    p3: "web-lzzr8s2nmw-d2fzs@10.0.20.23",
    p4: "web-lzzr8s2nmw-w8pgf@10.0.20.24",
  },
  rules: ["S6", "HC-2", "HLT-E1", "HLT-C2", "§2.4", "DST-7", "DST-8", "§3.1"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "client"), p2: pod(0, "client"), p3: pod(0.5, "client"), p4: pod(0, "client") },
          targets: { n1: HEALTHY, n2: fault("HC_BLOCKED"), n3: HEALTHY, n4: transient("REGISTERING"), n5: transient("INITIAL_HEALTH_CHECK") },
          imbalanceLevel: "high",
          findings: ["PODS_STARVED", "UNEVEN_TRAFFIC", "CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// ip targets (SRC-11, DST-9), L7/L10 readiness gates: p3 initial (transient), p4 unhealthy and not Ready (HLT-C6,
// POD_NOT_READY), p5 terminating → draining (§2.4, DRAINING). R(a)={p1}, R(b)={p2}. N = 2 Ready → ok.
const ipRollout = scenario("ip-rollout", {
  ids: {
    p1: "checkout-wn45vn7bk2-d295d@10.0.4.21",
    p2: "checkout-wn45vn7bk2-jjhmt@10.0.20.22",
    p3: "checkout-lrwdxd8sdz-lhm28@10.0.4.23",
    p4: "checkout-lrwdxd8sdz-wfp82@10.0.20.24",
    p5: "checkout-wn45vn7bk2-8mgtr@10.0.20.25",
  },
  rules: ["S11", "SRC-3", "SRC-11", "HC-8", "HLT-C6", "L7", "L10", "§2.4", "DST-7", "DST-9"],
  services: {
    "shop/checkout": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.5, "load-balancer"), p2: pod(0.5, "load-balancer"), p3: pod(0, "load-balancer"), p4: pod(0, "load-balancer"), p5: pod(0, "load-balancer") },
          targets: { p1: HEALTHY, p2: HEALTHY, p3: transient("INITIAL_HEALTH_CHECK"), p4: expected("POD_NOT_READY"), p5: expected("DRAINING") },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_REPLACED_BY_LB"],
        },
      },
    },
  },
});

// DST-5: zone c has only unhealthy in-use targets → out of DNS and its LB node fails open (stale DNS only).
// n3/n4 have Ready local pods → HLT-C2 fault. Zdns={a,b} → p1, p2 ½ each; p3, p4 starved → high.
const failOpenZone = scenario("fail-open-zone", {
  ids: {
    n1: "i-03ec001d855babdf8",
    n2: "i-0b8371877b932506e",
    n3: "i-090cd656af974485c",
    n4: "i-0f030f52fd3f8ea66",
    p1: "web-sjsq94w72q-p949q@10.0.4.21",
    p2: "web-sjsq94w72q-lwj8t@10.0.20.22",
    p3: "web-sjsq94w72q-5hfwl@10.0.36.23",
    p4: "web-sjsq94w72q-9t9rk@10.0.36.24",
  },
  rules: ["S6", "HC-2", "HLT-C2", "HLT-C9", "DST-5", "DST-6", "DST-7", "§3.1"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "client"), p2: pod(0.5, "client"), p3: pod(0, "client"), p4: pod(0, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: fault("HC_BLOCKED"), n4: fault("HC_BLOCKED") },
          imbalanceLevel: "high",
          // Issue 12: the scenario's CloudWatch data has 7 % of new flows still entering us-east-1c (stale DNS),
          // above the 5 % this project reports for a zone out of DNS.
          findings: ["ZONE_NO_HEALTHY", "PODS_STARVED", "UNEVEN_TRAFFIC", "CLIENT_IP_PRESERVED", "ZONE_OUT_OF_DNS_TRAFFIC"],
        },
      },
    },
  },
});

// §2.4 Target.InvalidState (INSTANCE_INVALID fault), DST-5: zone c has no healthy target → out of DNS; its targets
// are unused, not unhealthy, so nothing fails open there. Cluster (SRC-8, DST-8): n1, n2 → Ready {p1,p2};
// p3 is on a NotReady node (not Ready, not counted in N) → ok.
const zoneDown = scenario("zone-down", {
  ids: {
    n1: "i-0a7f3c89d12c32f11",
    n2: "i-03391eb8a89595135",
    n3: "i-007aed46415978101",
    n4: "i-0918c83e90fa3dc7e",
    p1: "web-4hshbw7nlj-gs6td@10.0.4.21",
    p2: "web-4hshbw7nlj-chxv7@10.0.20.22",
    p3: "web-4hshbw7nlj-5dxww@10.0.36.23",
  },
  rules: ["S5", "SRC-8", "HC-1", "§2.4", "DST-5", "DST-7", "DST-8", "§4.4"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node"), p3: pod(0, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: fault("INSTANCE_INVALID"), n4: fault("INSTANCE_INVALID") },
          imbalanceLevel: "ok",
          findings: ["ZONE_NO_HEALTHY", "CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

// DST-3 (zonal shift; W1 AdministrativeOverride): zone c is shifted away, so Zen = {a, b}; S6 (Local, preservation
// on). Zdns = {a, b}, ½ each; R(a) = {n1}, R(b) = {n2} → p1 ½, p2 ½; n3 is healthy but administratively out:
// no flows, p3 (Ready) starved → imbalance high (§3.1). n3's verdict: expected, by the shift, not by health.
const zonalShift = scenario("zonal-shift", {
  ids: {
    n1: "i-065171408807bac51",
    n2: "i-06eb53b14d7b7a037",
    n3: "i-024182f7fe4ca5f75",
    p1: "web-zgkx95fs5k-gjwmt@10.0.4.21",
    p2: "web-zgkx95fs5k-qt9jj@10.0.20.22",
    p3: "web-zgkx95fs5k-m79th@10.0.36.23",
  },
  rules: ["S6", "SRC-3", "SRC-9", "HC-7", "HLT-E1", "DST-3", "DST-5", "DST-6", "DST-7", "DST-8", "§3.1"],
  services: {
    "default/web": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.5, "client"), p2: pod(0.5, "client"), p3: pod(0, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("ZONE_SHIFTED_AWAY") },
          imbalanceLevel: "high",
          findings: ["ZONAL_SHIFT", "PODS_STARVED", "CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// JOIN-3: one listener and TG per port; each path as TC-03 (S5, DST-8): ⅓ per pod.
const multiPortPath = {
  pods: { p1: pod(0.333, "node"), p2: pod(0.333, "node"), p3: pod(0.333, "node") },
  targets: { n1: HEALTHY, n2: HEALTHY },
  imbalanceLevel: "ok" as const,
  findings: ["CLIENT_IP_SNAT_KUBE_PROXY" as const],
};
const multiPort = scenario("multi-port", {
  ids: { n1: "i-000382354f9be0076", n2: "i-0492d469c0518cee6", p1: "web-xsxfqf9qtg-pqkvb@10.0.4.21", p2: "web-xsxfqf9qtg-hvjml@10.0.4.22", p3: "web-xsxfqf9qtg-9qx2p@10.0.20.23" },
  rules: ["JOIN-3", "S5", "SRC-8", "HC-1", "DST-8"],
  services: { "default/web": { controller: "legacy", paths: { 80: multiPortPath, 443: multiPortPath } } },
});

// JOIN-1 (controllers), JOIN-2 (pending / not found / unknown class), C3. storefront: S6, Zdns={a,b}, n3 (b) has
// no pod (HLT-C1); checkout: ip (S11); admin: internal CLB, Cluster, cross-zone off: zone a ½ → n1, zone b ½ →
// n2,n3; every node's kube-proxy sends to the single pod → 100 % (S1).
const shop = scenario("shop", {
  ids: {
    n1: "i-04c410c474e5cc218",
    n2: "i-020bfa52a5546b827",
    n3: "i-0c958f3cea726a59b",
    "storefront-1": "storefront-w5kmclwn78-khwkf@10.0.4.21",
    "storefront-2": "storefront-w5kmclwn78-jqz4l@10.0.20.22",
    "checkout-1": "checkout-qx88xqkcc2-qtqhb@10.0.4.23",
    "checkout-2": "checkout-qx88xqkcc2-d755s@10.0.20.24",
    "admin-1": "admin-rrcjn2b98f-2xlkc@10.0.20.25",
  },
  rules: ["JOIN-1", "JOIN-2", "C3", "S6", "S11", "S1", "HLT-C1", "DST-7", "DST-8", "DST-9"],
  notListed: ["shop/cart-redis"],
  services: {
    "shop/storefront": {
      controller: "legacy",
      paths: {
        80: {
          pods: { "storefront-1": pod(0.5, "client"), "storefront-2": pod(0.5, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("LOCAL_NO_ENDPOINT") },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_PRESERVED"],
        },
      },
    },
    "shop/checkout": {
      controller: "aws-load-balancer-controller",
      paths: {
        443: {
          pods: { "checkout-1": pod(0.5, "load-balancer"), "checkout-2": pod(0.5, "load-balancer") },
          targets: { "checkout-1": HEALTHY, "checkout-2": HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_REPLACED_BY_LB"],
        },
      },
    },
    "shop/admin": {
      controller: "legacy",
      paths: {
        80: {
          pods: { "admin-1": pod(1, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
    "shop/search": { status: "pending", controller: "aws-load-balancer-controller", findings: ["LB_PENDING"] },
    "shop/legacy-api": { status: "not-found", controller: "legacy", findings: ["LB_NOT_FOUND"] },
    "shop/partner-gw": { status: "unsupported", controller: "unknown", findings: ["CONTROLLER_UNKNOWN"] },
  },
});

// JOIN-2: hostname join picks exactly one LB; the staging LB (kubernetes.io/cluster/staging) and the canary's LB
// are never joined to web/frontend. Each path: S5, Cluster.
const strictJoin = scenario("strict-join", {
  ids: { n1: "i-007c05224626bf73e", n2: "i-080934bd18c40e004", p1: "frontend-6jp4jzpq2j-t8fhv@10.0.4.21", p2: "frontend-6jp4jzpq2j-22qmx@10.0.20.22", p3: "frontend-canary-7px7zggndd-42lxk@10.0.4.23" },
  rules: ["JOIN-2", "JOIN-3", "JOIN-4", "S5", "DST-8"],
  services: {
    "web/frontend": {
      controller: "legacy",
      loadBalancerNames: ["a5548ec2e94514aafb1817901a38915f"],
      paths: {
        80: { pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") }, targets: { n1: HEALTHY, n2: HEALTHY }, imbalanceLevel: "ok", findings: ["CLIENT_IP_SNAT_KUBE_PROXY"] },
      },
    },
    "web/frontend-canary": {
      controller: "legacy",
      loadBalancerNames: ["a1f5ee01ca04b4200af13572ba046aae"],
      paths: { 80: { pods: { p3: pod(1, "node") }, targets: { n1: HEALTHY, n2: HEALTHY }, imbalanceLevel: "ok", findings: ["CLIENT_IP_SNAT_KUBE_PROXY"] } },
    },
  },
});

// The blog's setup with a third node (S6, HLT-C1); the hostile strings change nothing in the analysis.
const hostileText = scenario("hostile-text", {
  ids: { n1: "i-087ad236b409d25a7", n2: "i-039c42dcad3d2f147", n3: "i-067fc39aeef61fe7c", p1: "render-check-z65tgcx8fb-wvsjc@10.0.4.21", p2: "render-check-z65tgcx8fb-gg9dn@10.0.20.22" },
  rules: ["S6", "HC-2", "HLT-C1", "DST-7", "DST-8"],
  services: {
    "default/render-check": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "client"), p2: pod(0.5, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("LOCAL_NO_ENDPOINT") },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// DST-6..8, DST-11, §3.1: Zdns={a,b,c} ⅓ each. Zone a: 8 healthy nodes → 1/24 each, 2 pods per node → 1/48 = 0.021.
// Zone b: 4 healthy nodes (b5–b8 have no pod, HLT-C1) → 1/12 = 0.083 per pod. Zone c: 8 nodes × 1 pod → 1/24 = 0.042.
// N = 28, fair 1/28; I = (1/12)/(1/28) = 2.33 → high.
const fleetIds: Record<string, string> = {
  a1: "i-04f28d346b3a033d4", a2: "i-0dcf98e4e79f0b886", a3: "i-06f9118bd2bcfa04e", a4: "i-008fc47de3b160852",
  a5: "i-019f7854d9aac76da", a6: "i-067004b489dc3492b", a7: "i-0d045f0df4292af8a", a8: "i-0e0ab38d246b36c54",
  b1: "i-092c95ac3d76a7aa6", b2: "i-0bcb0992b1c23dde6", b3: "i-0a480c30f0e89c7a6", b4: "i-083f5bb6a72ba2bc1",
  b5: "i-0bde59509ce0221b5", b6: "i-05158b79154a6c142", b7: "i-09b32c94cbaa50835", b8: "i-040921b7d859b744e",
  c1: "i-03abf73b41921e95a", c2: "i-0bcb5210c053ab1a2", c3: "i-0f09ce58feffd2ea0", c4: "i-0d4f3267f7c0266c7",
  c5: "i-0c0cbdb582fe5eebc", c6: "i-0bb174ed465aec9df", c7: "i-0b32ebe28e80fe85c", c8: "i-07b4d7a49197f24b0",
  "a1-p1": "api-gateway-hx5ddq4bcb-fzgmm@10.0.4.21", "a1-p2": "api-gateway-hx5ddq4bcb-tr8p6@10.0.4.22",
  "a2-p1": "api-gateway-hx5ddq4bcb-szd7q@10.0.4.23", "a2-p2": "api-gateway-hx5ddq4bcb-7jvr2@10.0.4.24",
  "a3-p1": "api-gateway-hx5ddq4bcb-9886d@10.0.4.25", "a3-p2": "api-gateway-hx5ddq4bcb-bhhrs@10.0.4.26",
  "a4-p1": "api-gateway-hx5ddq4bcb-6fw6r@10.0.4.27", "a4-p2": "api-gateway-hx5ddq4bcb-9xmzc@10.0.4.28",
  "a5-p1": "api-gateway-hx5ddq4bcb-8gpm9@10.0.4.29", "a5-p2": "api-gateway-hx5ddq4bcb-rv8cf@10.0.4.30",
  "a6-p1": "api-gateway-hx5ddq4bcb-rpp7z@10.0.4.31", "a6-p2": "api-gateway-hx5ddq4bcb-wblrf@10.0.4.32",
  "a7-p1": "api-gateway-hx5ddq4bcb-vspw2@10.0.4.33", "a7-p2": "api-gateway-hx5ddq4bcb-4pvxj@10.0.4.34",
  "a8-p1": "api-gateway-hx5ddq4bcb-txb8s@10.0.4.35", "a8-p2": "api-gateway-hx5ddq4bcb-j8q2q@10.0.4.36",
  "b1-p1": "api-gateway-hx5ddq4bcb-k8g8l@10.0.20.37", "b2-p1": "api-gateway-hx5ddq4bcb-5x9ww@10.0.20.38",
  "b3-p1": "api-gateway-hx5ddq4bcb-gjlln@10.0.20.39", "b4-p1": "api-gateway-hx5ddq4bcb-w8xbl@10.0.20.40",
  "c1-p1": "api-gateway-hx5ddq4bcb-bhfqv@10.0.36.41", "c2-p1": "api-gateway-hx5ddq4bcb-cpxxl@10.0.36.42",
  "c3-p1": "api-gateway-hx5ddq4bcb-n7sjv@10.0.36.43", "c4-p1": "api-gateway-hx5ddq4bcb-4bhlr@10.0.36.44",
  "c5-p1": "api-gateway-hx5ddq4bcb-hfqfb@10.0.36.45", "c6-p1": "api-gateway-hx5ddq4bcb-mkpbg@10.0.36.46",
  "c7-p1": "api-gateway-hx5ddq4bcb-pnfbc@10.0.36.47", "c8-p1": "api-gateway-hx5ddq4bcb-5lmpx@10.0.36.48",
};
const fleetPods: Record<string, PodExpectation> = {};
const fleetTargets: Record<string, TargetExpectation> = {};
for (const key of Object.keys(fleetIds)) {
  if (key.includes("-")) fleetPods[key] = pod(key.startsWith("a") ? 0.021 : key.startsWith("b") ? 0.083 : 0.042, "client");
  else fleetTargets[key] = ["b5", "b6", "b7", "b8"].includes(key) ? expected("LOCAL_NO_ENDPOINT") : HEALTHY;
}
const largeFleet = scenario("large-fleet", {
  ids: fleetIds,
  rules: ["S6", "HC-2", "HLT-C1", "DST-6", "DST-7", "DST-8", "DST-11", "§3.1"],
  services: {
    "edge/api-gateway": {
      controller: "legacy",
      paths: { 443: { pods: fleetPods, targets: fleetTargets, imbalanceLevel: "high", findings: ["UNEVEN_TRAFFIC", "CLIENT_IP_PRESERVED"] } },
    },
  },
});

export const clusterExpectations: Record<string, ScenarioExpectation> = {
  "mixed-health": mixedHealth,
  "ip-rollout": ipRollout,
  "fail-open-zone": failOpenZone,
  "zone-down": zoneDown,
  "zonal-shift": zonalShift,
  "multi-port": multiPort,
  shop,
  "strict-join": strictJoin,
  "hostile-text": hostileText,
  "large-fleet": largeFleet,
};
