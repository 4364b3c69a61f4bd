import { expected, fault, HEALTHY, pod, scenario, type ScenarioExpectation } from "./dsl";

/**
 * Worked cases of §5 (TC-xx), derived by hand from traffic-semantics.md.
 *
 * Readings of the reference used throughout (write-ups of where it leaves room):
 * - Shares are of new flows from clients that resolve DNS now (DST-6/7); clients with stale DNS for a zone that
 *   left DNS are not in the shares, so a failing-open zone out of DNS adds nothing to `dropped` (TC-01 lists the
 *   stale-DNS drop as a residual, not a share).
 * - FAIL_OPEN is expected when an LB node whose routing scope has only unhealthy in-use targets is still
 *   returned by DNS, so new flows really go to unhealthy targets (DST-5, HLT-C9). A failing-open node in a zone
 *   that DNS dropped only sees clients with stale DNS (TC-01's residual); that is reported as ZONE_NO_HEALTHY,
 *   not FAIL_OPEN, so the blog's by-design Local case is never ranked as "failing open" in triage. (Review by
 *   the lead: the first reading flagged FAIL_OPEN there too; changed to keep triage's rank 1 meaningful.)
 *   ZONE_NO_HEALTHY is expected only when a zone is actually removed from DNS (cross-zone off and not every
 *   zone below the threshold).
 * - Where a path has both an LB that replaces the client IP and kube-proxy SNAT (S1, S4 Cluster, S8), both
 *   CLIENT_IP_REPLACED_BY_LB and CLIENT_IP_SNAT_KUBE_PROXY are expected; the pod sees the node (the last hop).
 *   (§1.3's highlighting note lists S8 under "kube-proxy edge" only; hop1 for S8 is LBz per §1.2, so both.)
 */

// TC-01 — S6, HLT-E1, HLT-C1, HLT-F1, DST-5..8. Zone b has no healthy target: out of DNS, its LB node fails open
// to n2 (stale DNS only; kube-proxy would DROP there, SRC-9). Zdns={a} → n1 100 % → p1.
const blogLocal = scenario("blog-local", {
  ids: { n1: "i-01c08e7219ab92c20", n2: "i-0d5c752e31c10e51a", p1: "web-4brkz9ljrj-plk9m@10.0.4.21" },
  rules: ["S6", "SRC-3", "SRC-9", "HC-2", "HLT-E1", "HLT-C1", "HLT-F1", "DST-5", "DST-6", "DST-7", "DST-8"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(1, "client") },
          targets: { n1: HEALTHY, n2: expected("LOCAL_NO_ENDPOINT") },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_PRESERVED", "ZONE_NO_HEALTHY"],
        },
      },
    },
  },
});

// TC-03 — S5, SRC-8, HC-1, HLT-E2, DST-6..8. Zdns={a,b} ½ each; each node spreads over {p1,p2,p3}: ⅓ each.
const clusterSnat = scenario("cluster-snat", {
  ids: { n1: "i-0148f0a29adc36a49", n2: "i-0ef74ee01c29389d3", p1: "web-mmf8z6s5cm-8mzpv@10.0.4.21", p2: "web-mmf8z6s5cm-pk8vj@10.0.4.22", p3: "web-mmf8z6s5cm-4fgh5@10.0.20.23" },
  rules: ["S5", "SRC-8", "HC-1", "HLT-E2", "DST-6", "DST-7", "DST-8", "DST-10"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.333, "node"), p2: pod(0.333, "node"), p3: pod(0.333, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

// TC-04 — S6, HC-7, HLT-C1, DST-5..8, §3.1. Zdns={a,b}; n1 ½ → p1,p2 ¼ each; n2 ½ → p3. I = 0.5/(1/3) = 1.5 → warn.
const localUneven = scenario("local-uneven", {
  ids: { n1: "i-02c7ecad13a0d4493", n2: "i-0de2ca389620dac70", n3: "i-0728547c32c06dd5e", p1: "web-pf8hg82jpn-97dg6@10.0.4.21", p2: "web-pf8hg82jpn-r9vks@10.0.4.22", p3: "web-pf8hg82jpn-wkz9k@10.0.20.23" },
  rules: ["S6", "HC-7", "HLT-E1", "HLT-C1", "DST-5", "DST-6", "DST-7", "DST-8", "DST-11", "§3.1"],
  services: {
    "default/web": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.25, "client"), p2: pod(0.25, "client"), p3: pod(0.5, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("LOCAL_NO_ENDPOINT") },
          imbalanceLevel: "warn",
          findings: ["CLIENT_IP_PRESERVED", "UNEVEN_TRAFFIC", "ZONE_NO_HEALTHY"],
        },
      },
    },
  },
});

// TC-08 — S11, SRC-3 (ip default off), SRC-11, HC-8, DST-9. R(a)={p1,p2} ¼ each, R(b)={p3} ½; I=1.5 → warn.
const lbcIpTargets = scenario("lbc-ip-targets", {
  ids: { p1: "api-s2l4fdcbd8-glkgk@10.0.4.21", p2: "api-s2l4fdcbd8-cg9n7@10.0.4.22", p3: "api-s2l4fdcbd8-g9wjq@10.0.20.23" },
  rules: ["S11", "SRC-3", "SRC-11", "HC-8", "HLT-E4", "DST-6", "DST-7", "DST-9"],
  services: {
    "payments/api": {
      controller: "aws-load-balancer-controller",
      paths: {
        443: {
          pods: { p1: pod(0.25, "load-balancer"), p2: pod(0.25, "load-balancer"), p3: pod(0.5, "load-balancer") },
          targets: { p1: HEALTHY, p2: HEALTHY, p3: HEALTHY },
          imbalanceLevel: "warn",
          findings: ["CLIENT_IP_REPLACED_BY_LB", "ETP_IGNORED_IP_TARGETS", "UNEVEN_TRAFFIC"],
        },
      },
    },
  },
});

// TC-11 — HLT-E2, HLT-C3, HLT-C9, DST-5, DST-10. Both zones below threshold → both stay in DNS, both LB nodes fail
// open; kube-proxy REJECTs (no endpoints) → rejected 1. §3.1 has no fair share with 0 ready pods; reading: a
// Service that rejects everything is at least as bad as one that drops (Dropped > 0 → high), so "high".
const allPodsNotReady = scenario("all-pods-not-ready", {
  ids: { n1: "i-0eb7aab23a2b88aec", n2: "i-0b8290db8d4fa574b", p1: "web-zf794n6sz6-9lt5b@10.0.4.21", p2: "web-zf794n6sz6-fclbf@10.0.20.22" },
  rules: ["S5", "HC-1", "HLT-E2", "HLT-C3", "HLT-C9", "SRC-9", "DST-5", "DST-10"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0, "node"), p2: pod(0, "node") },
          targets: { n1: fault("NO_READY_ENDPOINTS"), n2: fault("NO_READY_ENDPOINTS") },
          rejected: 1,
          imbalanceLevel: "high",
          findings: ["TRAFFIC_REJECTED", "FAIL_OPEN"],
        },
      },
    },
  },
});

// TC-12 — HLT-3, HLT-5, HLT-C1, HLT-F2. Single zone: R(a)={n2} → p2 100 %; p1 terminating gets no new flows in
// steady state (the ≤20 s detection lag of HLT-F3 is not modelled in shares).
const rollingUpdateLocal = scenario("rolling-update-local", {
  ids: { n1: "i-08c40b0e84ab9f306", n2: "i-01027779b493739b8", p1: "web-5bxhkfcvxc-vpkdx@10.0.4.21", p2: "web-z2zrmzxjms-46fhn@10.0.4.22" },
  rules: ["S6", "HC-2", "HLT-3", "HLT-5", "HLT-C1", "HLT-F2", "DST-7", "DST-8"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0, "client"), p2: pod(1, "client") },
          targets: { n1: expected("LOCAL_ONLY_TERMINATING"), n2: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// TC-14 — DST-3, §2.4 (Target.NotInUse), DST-8. Zdns={a,b}: n1, n2 ½ each, each spreads over {p1,p2}.
const zoneNotEnabled = scenario("zone-not-enabled", {
  ids: { n1: "i-0c4f3605bfe083079", n2: "i-07606ea777d370efe", n3: "i-0f684fe05db535e2c", p1: "web-9vp9n4bltd-58fnl@10.0.4.21", p2: "web-9vp9n4bltd-cl4jd@10.0.36.22" },
  rules: ["S5", "DST-3", "DST-7", "DST-8", "§2.4"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("ZONE_NOT_ENABLED") },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

// TC-19 — S1, SRC-1, SRC-8, HC-4, HLT-E5, DST-1, DST-2 (cross-zone off). Each CLB node ½ → its node → {p1,p2}.
const classicTcp = scenario("classic-tcp", {
  ids: { n1: "i-0887232540e26b724", n2: "i-0871830f0d352a826", p1: "web-2s5bblllkd-cr4vf@10.0.4.21", p2: "web-2s5bblllkd-dt6zf@10.0.20.22" },
  rules: ["S1", "SRC-1", "SRC-2", "SRC-8", "HC-4", "HLT-E5", "DST-1", "DST-2", "DST-8"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

// TC-20 — S2/S3, SRC-1, SRC-2, SRC-10, HC-5, HLT-C1, DST-2 (cross-zone on). Both listeners: n1 gets every flow.
const tc20Path = {
  pods: { p1: pod(1, "load-balancer", "proxy-protocol-v1") },
  targets: { n1: HEALTHY, n2: expected("LOCAL_NO_ENDPOINT") },
  imbalanceLevel: "ok" as const,
  findings: ["CLIENT_IP_REPLACED_BY_LB" as const, "CLIENT_IP_IN_HEADER" as const],
};
const classicProxyProtocol = scenario("classic-proxy-protocol", {
  ids: { n1: "i-0e629607b0423e449", n2: "i-0348db7d46d349f65", p1: "ingress-nginx-nr8gq85wvq-qxx95@10.0.4.21" },
  rules: ["S2", "S3", "SRC-1", "SRC-2", "SRC-9", "SRC-10", "HC-5", "HLT-E5", "HLT-C1", "DST-2"],
  services: { "ingress-nginx/ingress-nginx-controller": { controller: "legacy", paths: { 80: tc20Path, 443: tc20Path } } },
});

// TC-24 — S18, SRC-4. The scenario is about IPv6 clients: reading — seenAs is what TC-24 states for them (the
// NLB's IPv4 address, "load-balancer"); IPv4 clients of the same LB would be seen as "client" (S6).
const dualStackIpv6 = scenario("dual-stack-ipv6", {
  ids: { n1: "i-01eb4e74952353ee4", p1: "web-5kgb4cfxkj-2mccc@10.0.4.21" },
  rules: ["S18", "SRC-4", "HC-7", "HLT-E1"],
  services: {
    "default/web": {
      controller: "aws-load-balancer-controller",
      // TC-24 describes an IPv6 client; the APIs cannot tell a flow's family, so the pod row shows what IPv4
      // clients give (S6: the client) and IPV6_CLIENTS_SEE_LB + the pod's explanation carry the IPv6 case (SRC-4).
      paths: { 80: { pods: { p1: pod(1, "client") }, targets: { n1: HEALTHY }, imbalanceLevel: "ok", findings: ["IPV6_CLIENTS_SEE_LB"] } },
    },
  },
});

// TC-26 — L7, §2.4 (draining), HLT-C5, DST-8. n1 gets 100 %, spreads over {p1,p2}. Code: the target is
// draining because the node is being removed; NODE_DELETING (the more specific diagnosis) rather than DRAINING.
const lbcNodeDraining = scenario("lbc-node-draining", {
  ids: { n1: "i-09c0e397403b2fc10", n2: "i-03ed606f1cbed8f5c", p1: "web-q4xb9t8pkm-gsjmr@10.0.4.21", p2: "web-q4xb9t8pkm-9mgvd@10.0.4.22" },
  rules: ["S5", "L7", "HC-6", "HLT-C5", "DST-7", "DST-8", "§2.4"],
  services: {
    "default/web": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") },
          targets: { n1: HEALTHY, n2: expected("NODE_DELETING") },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

// TC-22 — S20, SRC-7 (internal NLB, instance, preserve on), S5, DST-2 (cross-zone on): every LB node → {n1,n2}.
const internalHairpin = scenario("internal-hairpin", {
  ids: { n1: "i-043f7f854eccfd345", n2: "i-0cf1166bfd980f852", p1: "metrics-gateway-b4dgpvmdng-wg8fl@10.0.4.21", p2: "metrics-gateway-b4dgpvmdng-z62zh@10.0.20.22" },
  rules: ["S20", "SRC-7", "S5", "SRC-8", "HC-1", "DST-2", "DST-7", "DST-8"],
  services: {
    "observability/metrics-gateway": {
      controller: "legacy",
      paths: {
        4317: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["HAIRPIN", "CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

export const workedExpectations: Record<string, ScenarioExpectation> = {
  "blog-local": blogLocal,
  "cluster-snat": clusterSnat,
  "local-uneven": localUneven,
  "lbc-ip-targets": lbcIpTargets,
  "all-pods-not-ready": allPodsNotReady,
  "rolling-update-local": rollingUpdateLocal,
  "zone-not-enabled": zoneNotEnabled,
  "classic-tcp": classicTcp,
  "classic-proxy-protocol": classicProxyProtocol,
  "dual-stack-ipv6": dualStackIpv6,
  "lbc-node-draining": lbcNodeDraining,
  "internal-hairpin": internalHairpin,
};
