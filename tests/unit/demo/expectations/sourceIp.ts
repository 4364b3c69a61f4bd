import { expected, fault, HEALTHY, pod, scenario, type ScenarioExpectation } from "./dsl";

/** §3.2's worked example and variants, and the source-IP rows of §1.3 (readings: see worked.ts). */

// §3.2 — Zdns={a,b} ½ each (c has no healthy target); R(a)={n1,n2} ¼ each, R(b)={n3} ½; n1 → p1,p2 ⅛ each.
// N=4 (p5 terminating excluded), fair ¼, I = 0.5/0.25 = 2.0 → high. Zone c LB node fails open (stale DNS only).
const fiveIds = (n: string[], p: string[]) => ({ n1: n[0], n2: n[1], n3: n[2], n4: n[3], n5: n[4], p1: p[0], p2: p[1], p3: p[2], p4: p[3], p5: p[4] });
const fiveNodesLocal = scenario("five-nodes-local", {
  ids: fiveIds(
    ["i-08642a4be49b5d941", "i-0e6cc6db74df05f89", "i-0dd896300faaab352", "i-00928ef646c119c1c", "i-06e259baea1e98484"],
    ["web-fqghlj4666-5wb8h@10.0.4.21", "web-fqghlj4666-6m462@10.0.4.22", "web-fqghlj4666-c7wlm@10.0.4.23", "web-fqghlj4666-mpzns@10.0.20.24", "web-fqghlj4666-n2xg7@10.0.36.25"],
  ),
  rules: ["S6", "HC-2", "HLT-E1", "HLT-C1", "HLT-F2", "DST-5", "DST-6", "DST-7", "DST-8", "§3.1", "§3.2"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.125, "client"), p2: pod(0.125, "client"), p3: pod(0.25, "client"), p4: pod(0.5, "client"), p5: pod(0, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: HEALTHY, n4: expected("LOCAL_NO_ENDPOINT"), n5: expected("LOCAL_ONLY_TERMINATING") },
          imbalanceLevel: "high",
          findings: ["UNEVEN_TRAFFIC", "ZONE_NO_HEALTHY", "CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// §3.2 variant cross-zone on — total healthy 3 ≥ 1: Zdns={a,b,c}, every LB node → {n1,n2,n3} ⅓ each;
// p1,p2 1/6, p3,p4 1/3; I = (1/3)/(1/4) = 1.33 → warn.
const fiveNodesCrossZone = scenario("five-nodes-cross-zone", {
  ids: fiveIds(
    ["i-0821cd0ee852f698d", "i-0c2a24629097e684f", "i-08e0fa85b4d9b4835", "i-0d93ed1458c026836", "i-0694c3e64d7753e9d"],
    ["web-55zgbkmlmx-ld9qg@10.0.4.21", "web-55zgbkmlmx-j2tdz@10.0.4.22", "web-55zgbkmlmx-9dvkk@10.0.4.23", "web-55zgbkmlmx-sqwt8@10.0.20.24", "web-55zgbkmlmx-m6vr9@10.0.36.25"],
  ),
  rules: ["S6", "HC-2", "HLT-C1", "DST-2", "DST-5", "DST-7", "DST-8", "DST-11", "§3.2"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.167, "client"), p2: pod(0.167, "client"), p3: pod(0.333, "client"), p4: pod(0.333, "client"), p5: pod(0, "client") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: HEALTHY, n4: expected("LOCAL_NO_ENDPOINT"), n5: expected("LOCAL_ONLY_TERMINATING") },
          imbalanceLevel: "warn",
          findings: ["UNEVEN_TRAFFIC", "CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// §3.2 variant Cluster — all five healthy (HLT-E2), Zdns={a,b,c}; every node spreads over Ready {p1..p4}: 25 % each;
// p5 gets nothing (Ready endpoints exist, HLT-5).
const fiveNodesCluster = scenario("five-nodes-cluster", {
  ids: fiveIds(
    ["i-0b0061bae52ecc73a", "i-01bc547922f9f7206", "i-02854a078a23c901f", "i-0b9407de93dc57df3", "i-043125d42d6f4237b"],
    ["web-gf72hzkjm4-lffcr@10.0.4.21", "web-gf72hzkjm4-bkkl9@10.0.4.22", "web-gf72hzkjm4-gh4qf@10.0.4.23", "web-gf72hzkjm4-8t5bv@10.0.20.24", "web-gf72hzkjm4-lngch@10.0.36.25"],
  ),
  rules: ["S5", "SRC-8", "HC-1", "HLT-E2", "HLT-5", "DST-7", "DST-8", "§3.2"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: {
        80: {
          pods: { p1: pod(0.25, "node"), p2: pod(0.25, "node"), p3: pod(0.25, "node"), p4: pod(0.25, "node"), p5: pod(0, "node") },
          targets: { n1: HEALTHY, n2: HEALTHY, n3: HEALTHY, n4: HEALTHY, n5: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

const twoIds = (n1: string, n2: string, p1: string, p2: string, extra: Record<string, string> = {}) => ({ n1, n2, p1, p2, ...extra });

/** A two-node, two-pod path with even shares (one pod per zone, both targets healthy). */
function evenPair(seenAs: "client" | "node" | "load-balancer", header: null | "proxy-protocol-v2" | "x-forwarded-for", findings: ScenarioExpectation["services"][string]["paths"][number]["findings"], targetKeys: [string, string] = ["n1", "n2"]) {
  return {
    pods: { p1: pod(0.5, seenAs, header), p2: pod(0.5, seenAs, header) },
    targets: { [targetKeys[0]]: HEALTHY, [targetKeys[1]]: HEALTHY },
    imbalanceLevel: "ok" as const,
    findings,
  };
}

// S2 — SRC-1, SRC-9, HC-5, HLT-C1; CLB cross-zone off: zone a → n1 → p1, zone b → n2 (n3 OutOfService) → p2.
const classicLocal = scenario("classic-local", {
  ids: twoIds("i-03d87e9922907af51", "i-09d5a676bae18d2ad", "web-6rgj4pq298-fmrrr@10.0.4.21", "web-6rgj4pq298-m6x2m@10.0.20.22", { n3: "i-00c755187517fb81f" }),
  rules: ["S2", "SRC-1", "SRC-9", "HC-5", "HLT-E5", "HLT-C1", "DST-1", "DST-2"],
  services: {
    "default/web": {
      controller: "legacy",
      paths: { 80: { ...evenPair("load-balancer", null, ["CLIENT_IP_REPLACED_BY_LB"]), targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("LOCAL_NO_ENDPOINT") } } },
    },
  },
});

// S4 — SRC-1, SRC-2 (backend-protocol http → HTTP listener, XFF), SRC-8, SRC-10, HC-4.
const classicHttp = scenario("classic-http", {
  ids: twoIds("i-0fa96813daa3fc3d9", "i-07aad498aff86d72c", "web-jxcdwcpzzt-9lgsb@10.0.4.21", "web-jxcdwcpzzt-fjhzh@10.0.20.22"),
  rules: ["S4", "SRC-1", "SRC-2", "SRC-8", "SRC-10", "HC-4", "DST-2"],
  services: { "default/web": { controller: "legacy", paths: { 80: evenPair("node", "x-forwarded-for", ["CLIENT_IP_IN_HEADER", "CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_SNAT_KUBE_PROXY"]) } } },
});

// S7 — SRC-3 (preserve off), SRC-9, HC-7.
const nlbNoPreserveLocal = scenario("nlb-no-preserve-local", {
  ids: twoIds("i-04cf8f5b0fc31bc6e", "i-0cdd9be0d0978687e", "api-bqq8bkh2lf-5jwgg@10.0.4.21", "api-bqq8bkh2lf-g8g7j@10.0.20.22"),
  rules: ["S7", "SRC-3", "SRC-9", "HC-7", "HLT-E1"],
  services: { "default/api": { controller: "aws-load-balancer-controller", paths: { 80: evenPair("load-balancer", null, ["CLIENT_IP_REPLACED_BY_LB"]) } } },
});

// S8 — SRC-2 (legacy TG-attribute annotation), SRC-3, SRC-8, HC-1.
const nlbNoPreserveCluster = scenario("nlb-no-preserve-cluster", {
  ids: twoIds("i-053abaf7d159f8185", "i-0b93b830b1ec1a7fb", "web-75nc7rnxr9-vbq72@10.0.4.21", "web-75nc7rnxr9-khjbh@10.0.20.22"),
  rules: ["S8", "SRC-2", "SRC-3", "SRC-8", "HC-1"],
  services: { "default/web": { controller: "legacy", paths: { 80: evenPair("node", null, ["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_SNAT_KUBE_PROXY"]) } } },
});

// S9 — SRC-6, SRC-8, SRC-10, HC-6 (TCP check: connect only, PPv2 header harmless).
const ppv2Cluster = scenario("ppv2-cluster", {
  ids: twoIds("i-0d2355c9b414269e4", "i-07fd26d4629814d25", "web-fw44fb7pcb-b4l8r@10.0.4.21", "web-fw44fb7pcb-jb2lz@10.0.20.22"),
  rules: ["S9", "SRC-6", "SRC-8", "SRC-10", "HC-6"],
  services: { "default/web": { controller: "aws-load-balancer-controller", paths: { 80: evenPair("node", "proxy-protocol-v2", ["CLIENT_IP_SNAT_KUBE_PROXY", "CLIENT_IP_IN_HEADER"]) } } },
});

// S10 — SRC-6, HC-7, HLT-F4, HLT-C2, HLT-C9, DST-5, DST-10. All targets fail → both zones stay in DNS (all below)
// and fail open: LB a → n1 (½) → p1; LB b → {n2,n3} ¼ each → p2, and n3 has no local endpoint → DROP ¼.
// Every target is a PPV2_BREAKS_HC fault (also n3: its check is broken whatever its endpoints).
const ppv2LocalBrokenHc = scenario("ppv2-local-broken-hc", {
  ids: twoIds("i-0dc355294d5858d17", "i-08dd9a92efe5c9476", "web-g2hvcr8w6f-bjbc4@10.0.4.21", "web-g2hvcr8w6f-l7gtj@10.0.20.22", { n3: "i-0309587b828c213ad" }),
  rules: ["S10", "SRC-6", "SRC-9", "HC-7", "HLT-F4", "HLT-C2", "HLT-C9", "DST-5", "DST-7", "DST-10", "§3.1"],
  services: {
    "default/web": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.5, "client", "proxy-protocol-v2"), p2: pod(0.25, "client", "proxy-protocol-v2") },
          // n3 has no pod: it would fail the healthCheckNodePort check even without PPv2 (HLT-C1), so its own
          // verdict stays expected; its diagnosis mentions PPv2 (lead's reading: the most specific true cause).
          targets: { n1: fault("PPV2_BREAKS_HC"), n2: fault("PPV2_BREAKS_HC"), n3: expected("LOCAL_NO_ENDPOINT") },
          dropped: 0.25,
          imbalanceLevel: "high",
          findings: ["FAIL_OPEN", "TRAFFIC_DROPPED", "CLIENT_IP_IN_HEADER", "CLIENT_IP_PRESERVED"],
        },
      },
    },
  },
});

// S12 — SRC-3 (preserve on by annotation), SRC-11, HC-8, DST-9.
const ipPreserve = scenario("ip-preserve", {
  ids: { p1: "api-gqr454w8bt-wgbdp@10.0.4.21", p2: "api-gqr454w8bt-dbspr@10.0.20.22" },
  rules: ["S12", "SRC-3", "SRC-11", "HC-8", "DST-9"],
  services: { "default/api": { controller: "aws-load-balancer-controller", paths: { 80: evenPair("client", null, ["CLIENT_IP_PRESERVED"], ["p1", "p2"]) } } },
});

// S13 — SRC-3 (ip default off), SRC-6, SRC-11, DST-2 (LB attr cross-zone on) → every LB node → {p1,p2,p3} ⅓.
const ipProxyProtocol = scenario("ip-proxy-protocol", {
  ids: { p1: "api-92rkmnmhjt-bcbfb@10.0.4.21", p2: "api-92rkmnmhjt-twm5x@10.0.20.22", p3: "api-92rkmnmhjt-jz2b6@10.0.20.23" },
  rules: ["S13", "SRC-3", "SRC-6", "SRC-11", "HC-8", "DST-2", "DST-7", "DST-9"],
  services: {
    "default/api": {
      controller: "aws-load-balancer-controller",
      paths: {
        80: {
          pods: { p1: pod(0.333, "load-balancer", "proxy-protocol-v2"), p2: pod(0.333, "load-balancer", "proxy-protocol-v2"), p3: pod(0.333, "load-balancer", "proxy-protocol-v2") },
          targets: { p1: HEALTHY, p2: HEALTHY, p3: HEALTHY },
          imbalanceLevel: "ok",
          findings: ["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_IN_HEADER"],
        },
      },
    },
  },
});

// S14 — SRC-3 (UDP forces preserve), SRC-8, HC-1 on a UDP port, HLT-C8, HLT-F5, DST-5: all fail → fail open in
// both zones; kube-proxy (Cluster) still forwards → p1, p2 ½ each, nothing dropped or rejected.
const udpCluster = scenario("udp-cluster", {
  ids: twoIds("i-05e66bed38d82c9e0", "i-0eeeea670c150b308", "statsd-tg5dgdmb4f-xq65z@10.0.4.21", "statsd-tg5dgdmb4f-p4wks@10.0.20.22"),
  rules: ["S14", "SRC-3", "SRC-8", "HC-1", "HLT-C8", "HLT-C9", "HLT-F5", "DST-5", "DST-8"],
  services: {
    "telemetry/statsd": {
      controller: "legacy",
      paths: {
        8125: {
          pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") },
          targets: { n1: fault("UDP_HC_MISMATCH"), n2: fault("UDP_HC_MISMATCH") },
          imbalanceLevel: "ok",
          findings: ["FAIL_OPEN", "CLIENT_IP_SNAT_KUBE_PROXY"],
        },
      },
    },
  },
});

// S15 — SRC-3, SRC-9, HC-7 (HTTP on healthCheckNodePort works for UDP, HLT-F5), HLT-C1.
const udpLocal = scenario("udp-local", {
  ids: twoIds("i-09acbb30cfe69563f", "i-0c12c2f94001cb033", "statsd-bdl5hrmrk5-x4j7c@10.0.4.21", "statsd-bdl5hrmrk5-lp4ch@10.0.20.22", { n3: "i-0c17e780cca0b0a64" }),
  rules: ["S15", "SRC-3", "SRC-9", "HC-7", "HLT-C1", "HLT-F5"],
  services: {
    "telemetry/statsd": {
      controller: "aws-load-balancer-controller",
      paths: { 8125: { ...evenPair("client", null, ["CLIENT_IP_PRESERVED"]), targets: { n1: HEALTHY, n2: HEALTHY, n3: expected("LOCAL_NO_ENDPOINT") } } },
    },
  },
});

// S16 — SRC-3 (UDP), SRC-11, HC port overridden to the pods' TCP 8080 (JOIN-5), DST-9.
const udpIp = scenario("udp-ip", {
  ids: { p1: "statsd-wzqfnvn7x6-tnt6d@10.0.4.21", p2: "statsd-wzqfnvn7x6-lpxl8@10.0.20.22" },
  rules: ["S16", "SRC-3", "SRC-11", "HLT-E4", "DST-9"],
  services: { "telemetry/statsd": { controller: "aws-load-balancer-controller", paths: { 8125: evenPair("client", null, ["CLIENT_IP_PRESERVED"], ["p1", "p2"]) } } },
});

// S17 — TLS listener → TCP instance TG: preserve on (SRC-3), Local (SRC-9), HC-7.
const tlsListener = scenario("tls-listener", {
  ids: twoIds("i-039bf44e348cc5019", "i-0c95c46181ec93547", "web-zh8bgv4cqd-7qhlp@10.0.4.21", "web-zh8bgv4cqd-bbfxx@10.0.20.22"),
  rules: ["S17", "S6", "SRC-3", "SRC-9", "HC-7"],
  services: { "default/web": { controller: "aws-load-balancer-controller", paths: { 443: evenPair("client", null, ["CLIENT_IP_PRESERVED"]) } } },
});

export const sourceIpExpectations: Record<string, ScenarioExpectation> = {
  "five-nodes-local": fiveNodesLocal,
  "five-nodes-cross-zone": fiveNodesCrossZone,
  "five-nodes-cluster": fiveNodesCluster,
  "classic-local": classicLocal,
  "classic-http": classicHttp,
  "nlb-no-preserve-local": nlbNoPreserveLocal,
  "nlb-no-preserve-cluster": nlbNoPreserveCluster,
  "ppv2-cluster": ppv2Cluster,
  "ppv2-local-broken-hc": ppv2LocalBrokenHc,
  "ip-preserve": ipPreserve,
  "ip-proxy-protocol": ipProxyProtocol,
  "udp-cluster": udpCluster,
  "udp-local": udpLocal,
  "udp-ip": udpIp,
  "tls-listener": tlsListener,
};
