import { describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { buildCase } from "../core/caseBuilder";
import { ANN, LB_ADDR, ONE_NODE, TWO_ZONES, analyse, lbcExternal, pending, run, setAnnotations, withLbAddresses } from "./sourceIp.helpers";

/**
 * Source-IP audit (traffic-semantics.md §1.1 SRC-*, §1.2, §1.3 rows S*, §4.5 JOIN-5, §5 TC-*): cases where the
 * engine agrees with the rulebook, through the whole buildTopology pipeline. Expectations were written from the
 * rulebook before reading server/core/analysis/sourceIp.ts.
 */

describe("Classic ELB (SRC-1, SRC-2; rows S1–S4)", () => {
  it("SRC-1 / S1: SSL listener without proxy protocol, Cluster → CLB replaces C, then kube-proxy SNAT; pod sees N_in, no header", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", clb: { listenerProtocol: "SSL" }, ...TWO_ZONES });
    expect(r.path.clientIp).toMatchObject({ row: "S1", hop1: "load-balancer", snatAt: "load-balancer", header: null });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "node", header: null, row: "S1" });
    expect(r.codes).toEqual(expect.arrayContaining(["CLIENT_IP_REPLACED_BY_LB"]));
    expect(r.codes).not.toContain("CLIENT_IP_PRESERVED");
    expect(r.codes).not.toContain("CLIENT_IP_IN_HEADER");
  });

  it("SRC-1, SRC-9 / S2: SSL listener, Local → pod sees CLBn ('Local does not help with CLB')", () => {
    const r = analyse({ lb: "clb", etp: "Local", clb: { listenerProtocol: "SSL" }, ...TWO_ZONES });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", header: null, row: "S2" });
    expect(r.path.clientIp).toMatchObject({ hop1: "load-balancer", snatAt: "load-balancer" });
    expect(r.codes).not.toContain("CLIENT_IP_PRESERVED");
  });

  it("SRC-1, SRC-2, SRC-10 / S3: SSL listener + ProxyProtocolPolicyType, Cluster → pod sees N_in, PROXY v1 carries C", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", clb: { listenerProtocol: "SSL", proxyProtocol: true }, ...TWO_ZONES });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "node", header: "proxy-protocol-v1", row: "S3" });
    expect(r.path.clientIp.snatAt).toBe("load-balancer");
    expect(r.codes).toContain("CLIENT_IP_IN_HEADER");
  });

  it("SRC-1, SRC-10 / S4: HTTPS listener, Local → pod sees CLBn, X-Forwarded-For carries C", () => {
    const r = analyse({ lb: "clb", etp: "Local", clb: { listenerProtocol: "HTTPS" }, ...TWO_ZONES });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", header: "x-forwarded-for", row: "S4" });
    expect(r.path.clientIp).toMatchObject({ hop1: "load-balancer", snatAt: "load-balancer", header: "x-forwarded-for" });
    expect(r.codes).toEqual(expect.arrayContaining(["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_IN_HEADER"]));
  });

  it("SRC-1, SRC-8, SRC-10 / S4: HTTP listener, Cluster → pod sees N_in, X-Forwarded-For survives kube-proxy", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", clb: { listenerProtocol: "HTTP" }, ...TWO_ZONES });
    expect(r.pod("p2").sourceIp).toMatchObject({ seenAs: "node", header: "x-forwarded-for", row: "S4" });
  });

  it("SRC-1 / S2: an internal Classic ELB still proxies (TCP, Local → CLBn); no NLB hairpin finding (SRC-7 is NLB-only)", () => {
    const r = analyse({ lb: "clb", etp: "Local", scheme: "internal", ...TWO_ZONES });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", header: null, row: "S2" });
    expect(r.codes).not.toContain("HAIRPIN");
    expect(r.codes).not.toContain("CLIENT_IP_PRESERVED");
  });

  it("SRC-1: PROXY v1 belongs to TCP/SSL listeners; an HTTP listener carries X-Forwarded-For even with a proxy-protocol policy", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", clb: { listenerProtocol: "HTTP", proxyProtocol: true }, ...TWO_ZONES });
    expect(r.path.clientIp).toMatchObject({ row: "S4", header: "x-forwarded-for" });
  });

  it("SRC-1: any ProxyProtocolPolicyType policy on the backend port (not only k8s-proxyprotocol-enabled) prepends PROXY v1", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", ...TWO_ZONES }, (s) => {
      const c = s.aws.classicLoadBalancers[0];
      c.policies = [{ policyName: "my-own-pp", policyTypeName: "ProxyProtocolPolicyType" }];
      c.backendServerDescriptions = [{ instancePort: 31234, policyNames: ["my-own-pp"] }];
    });
    expect(r.path.clientIp).toMatchObject({ row: "S3", header: "proxy-protocol-v1" });
  });

  it("SRC-1, SRC-2: a proxy-protocol policy on another backend port does not touch this listener's nodePort → S1, no header", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", ...TWO_ZONES }, (s) => {
      const c = s.aws.classicLoadBalancers[0];
      c.policies = [{ policyName: "k8s-proxyprotocol-enabled", policyTypeName: "ProxyProtocolPolicyType" }];
      c.backendServerDescriptions = [{ instancePort: 30999, policyNames: ["k8s-proxyprotocol-enabled"] }];
    });
    expect(r.path.clientIp).toMatchObject({ row: "S1", header: null });
  });
});

describe("NLB: controller, target type and preserve_client_ip (SRC-3, SRC-11, JOIN-1, JOIN-5)", () => {
  it("JOIN-1, SRC-3 / S6: LBC (type external + nlb-target-type instance), attribute unset → instance default true; Local → pod sees C", () => {
    const r = analyse({ etp: "Local", ...TWO_ZONES }, lbcExternal("instance"));
    expect(r.t.service.controller).toBe("aws-load-balancer-controller");
    expect(r.path.clientIp).toMatchObject({ row: "S6", hop1: "client", snatAt: null, header: null });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "client", address: null });
    expect(r.codes).toContain("CLIENT_IP_PRESERVED");
  });

  it("JOIN-1, SRC-3, SRC-11 / S11: LBC nlb-ip, attribute unset → ip TCP default false; pod sees LBz whatever ETP (Cluster here)", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", ...TWO_ZONES }, (s) => setAnnotations(s, { [`${ANN}aws-load-balancer-type`]: "nlb-ip" }));
    expect(r.t.service.controller).toBe("aws-load-balancer-controller");
    expect(r.path.clientIp).toMatchObject({ row: "S11", hop1: "load-balancer", snatAt: "load-balancer" });
    expect(r.pod("p1").sourceIp.seenAs).toBe("load-balancer");
    expect(r.codes).not.toContain("CLIENT_IP_SNAT_KUBE_PROXY");
  });

  it("SRC-3, SRC-11 / S12: ip targets + preserve_client_ip.enabled=true under ETP Cluster → pod sees C (kube-proxy bypassed, no SNAT)", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", tgAttributes: { "preserve_client_ip.enabled": "true" }, ...TWO_ZONES }, lbcExternal("ip"));
    expect(r.path.clientIp).toMatchObject({ row: "S12", hop1: "client", snatAt: null });
    expect(r.pod("p2").sourceIp.seenAs).toBe("client");
    expect(r.codes).toContain("CLIENT_IP_PRESERVED");
    expect(r.codes).not.toContain("CLIENT_IP_SNAT_KUBE_PROXY");
  });

  it("SRC-6, SRC-11 / S13: ip targets + proxy_protocol_v2 (preserve off) → pod sees LBz, PPv2 carries C", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", tgAttributes: { "proxy_protocol_v2.enabled": "true" }, ...TWO_ZONES }, lbcExternal("ip"));
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", header: "proxy-protocol-v2", row: "S13" });
    expect(r.codes).toEqual(expect.arrayContaining(["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_IN_HEADER"]));
  });

  it("SRC-3, SRC-6: ip targets with preservation on and PPv2 → pod sees C at L3 and PPv2 is still prepended", () => {
    const r = analyse({ etp: "Local", targetType: "ip", tgAttributes: { "preserve_client_ip.enabled": "true", "proxy_protocol_v2.enabled": "true" }, ...TWO_ZONES }, lbcExternal("ip"));
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "client", header: "proxy-protocol-v2" });
    expect(r.path.clientIp.snatAt).toBeNull();
  });

  it("SRC-3 / S15: UDP target group ignores preserve_client_ip.enabled=false (cannot be disabled); instance + Local → pod sees C", () => {
    const r = analyse({ etp: "Local", tgProtocol: "UDP", tgAttributes: { "preserve_client_ip.enabled": "false" }, ...TWO_ZONES });
    expect(r.path.targetGroup?.preserveClientIp).toBe(true);
    expect(r.path.clientIp).toMatchObject({ row: "S15", hop1: "client", snatAt: null });
    expect(r.pod("p1").sourceIp.seenAs).toBe("client");
  });

  it("SRC-3, SRC-11 / S16: UDP ip target, attribute unset → forced preservation, pod sees C", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", tgProtocol: "UDP", ...TWO_ZONES }, lbcExternal("ip"));
    expect(r.path.clientIp).toMatchObject({ row: "S16", hop1: "client", snatAt: null });
    expect(r.pod("p1").sourceIp.seenAs).toBe("client");
  });

  it("SRC-3, SRC-8 / S14: TCP_UDP instance, Cluster → hop1 C (forced), kube-proxy SNAT → pod sees N_in", () => {
    const r = analyse({ etp: "Cluster", tgProtocol: "TCP_UDP", ...TWO_ZONES });
    expect(r.path.clientIp).toMatchObject({ row: "S14", hop1: "client", snatAt: "kube-proxy" });
    expect(r.pod("p1").sourceIp.seenAs).toBe("node");
    expect(r.codes).toContain("CLIENT_IP_SNAT_KUBE_PROXY");
  });

  it("SRC-3: QUIC target group is in the always-preserved set: ip + preserve_client_ip.enabled=false still gives C", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", tgProtocol: "QUIC", tgAttributes: { "preserve_client_ip.enabled": "false" }, ...TWO_ZONES }, lbcExternal("ip"));
    expect(r.path.targetGroup?.preserveClientIp).toBe(true);
    expect(r.pod("p1").sourceIp.seenAs).toBe("client");
  });

  it("SRC-3, SRC-8 / S17 (as S5): TLS listener → TCP instance TG, Cluster → hop1 C, kube-proxy SNAT", () => {
    const r = analyse({ etp: "Cluster", listenerProtocol: "TLS", tgProtocol: "TCP", ...TWO_ZONES });
    expect(r.path.clientIp.row).toMatch(/^S17/);
    expect(r.path.clientIp).toMatchObject({ hop1: "client", snatAt: "kube-proxy" });
    expect(r.pod("p1").sourceIp.seenAs).toBe("node");
  });

  it("SRC-3 / S17 (as S11): TLS listener → TLS ip TG, attribute unset → ip (TCP/TLS) default false → LBz", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", listenerProtocol: "TLS", tgProtocol: "TLS", ...TWO_ZONES }, lbcExternal("ip"));
    expect(r.path.clientIp.row).toMatch(/^S17/);
    expect(r.pod("p1").sourceIp.seenAs).toBe("load-balancer");
  });

  it("SRC-2, JOIN-5: the legacy NLB path ignores aws-load-balancer-proxy-protocol → no PPv2 header when the TG attribute is unset", () => {
    const r = analyse({ etp: "Local", ...TWO_ZONES }, (s) => setAnnotations(s, { [`${ANN}aws-load-balancer-proxy-protocol`]: "*" }));
    expect(r.t.service.controller).toBe("legacy");
    expect(r.path.clientIp).toMatchObject({ row: "S6", header: null });
    expect(r.codes).not.toContain("CLIENT_IP_IN_HEADER");
  });

  it("SRC-6, SRC-8, SRC-10 / S9: instance + PPv2, Cluster → pod sees N_in, PPv2 carries C", () => {
    const r = analyse({ etp: "Cluster", tgAttributes: { "proxy_protocol_v2.enabled": "true" }, ...TWO_ZONES });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "node", header: "proxy-protocol-v2", row: "S9" });
    expect(r.path.clientIp).toMatchObject({ hop1: "client", snatAt: "kube-proxy" });
    expect(r.codes).toEqual(expect.arrayContaining(["CLIENT_IP_SNAT_KUBE_PROXY", "CLIENT_IP_IN_HEADER"]));
  });

  it("SRC-6 / S10 (+HLT-F4): instance + PPv2, Local → pod sees C, and the HTTP health check on healthCheckNodePort breaks", () => {
    const r = analyse({
      etp: "Local",
      tgAttributes: { "proxy_protocol_v2.enabled": "true" },
      lbZones: ["a", "b"],
      nodes: [{ name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" }, { name: "n2", zone: "b", pods: ["p2"], health: "unhealthy" }],
    });
    expect(r.path.clientIp).toMatchObject({ row: "S10", hop1: "client", header: "proxy-protocol-v2" });
    expect(r.codes).toContain("PPV2_BREAKS_HC");
  });

  it("SRC-3, SRC-6: per-port target groups are judged separately (TCP :80 with PPv2 → S9; UDP :53 → S14, no header)", () => {
    const s = buildCase({ etp: "Cluster", tgAttributes: { "proxy_protocol_v2.enabled": "true" }, ...TWO_ZONES });
    s.kubernetes.services[0].spec.ports!.push({ name: "dns", protocol: "UDP", port: 53, targetPort: 5353, nodePort: 31999 });
    s.kubernetes.endpointSlices[0].ports!.push({ name: "dns", port: 5353, protocol: "UDP" });
    const lb = s.aws.loadBalancers[0];
    const tg0 = s.aws.targetGroups[0];
    const tg1: typeof tg0 = JSON.parse(JSON.stringify(tg0));
    Object.assign(tg1, { targetGroupArn: `${tg0.targetGroupArn}-dns`, targetGroupName: "k8s-shop-web-dns", protocol: "UDP", port: 31999, healthCheckProtocol: "TCP", healthCheckPort: "31234", attributes: { "preserve_client_ip.enabled": "true" } });
    tg1.targetHealthDescriptions = tg1.targetHealthDescriptions!.map((d) => ({ ...d, target: { ...d.target, port: 31999 } }));
    s.aws.targetGroups.push(tg1);
    lb.listeners.push({ listenerArn: `${lb.loadBalancerArn}/l2`, port: 53, protocol: "UDP", defaultActions: [{ type: "forward", targetGroupArn: tg1.targetGroupArn }] });
    const t = buildTopology(s, { namespace: "shop", name: "web" })!;
    const byPort = Object.fromEntries(t.paths.map((p) => [p.listener!.port, p.clientIp]));
    expect(byPort[80]).toMatchObject({ row: "S9", header: "proxy-protocol-v2" });
    expect(byPort[53]).toMatchObject({ row: "S14", header: null, hop1: "client", snatAt: "kube-proxy" });
  });
});

describe("NLB addresses the pod sees (§1.2 hop1/hop2)", () => {
  it("SRC-8: pod on the very node that received the flow still sees that node's IP (single node, Cluster)", () => {
    const r = analyse({ etp: "Cluster", ...ONE_NODE });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "node", address: "10.0.0.10", row: "S5" });
  });

  it("SRC-8, TC-14: the node IPs a pod can see are those of nodes that receive flows (not a Target.NotInUse node)", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b" }, { name: "n3", zone: "c", pods: ["p2"], health: ["unused", "Target.NotInUse"] }] });
    for (const p of ["p1", "p2"]) expect(r.pod(p).sourceIp.address).toBe("10.0.0.10, 10.0.1.10");
  });

  it("SRC-8, TC-26: a draining node receives no new flows, so its IP is not what pods see (N1 only)", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], removal: "taint", health: ["draining", "Target.DeregistrationInProgress"] }] });
    expect(r.pod("p1").sourceIp.address).toBe("10.0.0.10");
    expect(r.pod("p2").sourceIp.address).toBe("10.0.0.10");
  });

  it("SRC-3, SRC-5 (LBz = NLB *private* IP): with cross-zone on an ip-target pod sees the NLB nodes' private IPv4s, never the EIP", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", crossZone: true, ...TWO_ZONES }, (s) => {
      lbcExternal("ip")(s);
      withLbAddresses(s);
    });
    const addr = r.pod("p1").sourceIp.address!;
    expect(addr.split(", ").sort()).toEqual([LB_ADDR.a.privateIPv4Address, LB_ADDR.b.privateIPv4Address]);
    expect(addr).not.toContain(LB_ADDR.a.ipAddress);
  });
});

describe("IP family (SRC-4, S18)", () => {
  it("SRC-4 / S18: dual-stack NLB, IPv4 ip target group → IPv6 clients see the LB IPv4 address (flagged); ipv4 NLB → not flagged", () => {
    const ds = analyse({ etp: "Cluster", targetType: "ip", ipAddressType: "dualstack", tgAttributes: { "preserve_client_ip.enabled": "true" }, ...TWO_ZONES }, lbcExternal("ip"));
    expect(ds.codes).toContain("IPV6_CLIENTS_SEE_LB");
    expect(ds.pod("p1").sourceIp.rules).toContain("SRC-4");
    const ds2 = analyse({ etp: "Local", ipAddressType: "dualstack-without-public-ipv4", ...TWO_ZONES });
    expect(ds2.codes).toContain("IPV6_CLIENTS_SEE_LB");
    const v4 = analyse({ etp: "Local", ...TWO_ZONES });
    expect(v4.codes).not.toContain("IPV6_CLIENTS_SEE_LB");
  });

  it("SRC-4: IPv6 ip target group on a dual-stack NLB → IPv6 clients reach the pod as C, so no IPV6_CLIENTS_SEE_LB", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", ipAddressType: "dualstack", tgAttributes: { "preserve_client_ip.enabled": "true" }, ...TWO_ZONES }, (s) => {
      lbcExternal("ip")(s);
      s.aws.targetGroups[0].ipAddressType = "ipv6";
    });
    expect(r.codes).not.toContain("IPV6_CLIENTS_SEE_LB");
  });
});

describe("Hairpin (SRC-7, S20, TC-22)", () => {
  it("SRC-3, SRC-7 / S20: internal NLB, UDP instance TG with preserve_client_ip.enabled=false → preservation is still on (forced) → HAIRPIN", () => {
    const r = analyse({ etp: "Cluster", scheme: "internal", tgProtocol: "UDP", tgAttributes: { "preserve_client_ip.enabled": "false" }, ...TWO_ZONES });
    expect(r.codes).toContain("HAIRPIN");
  });

  it("SRC-7: the documented fixes remove the finding (preservation disabled; ip targets with default preservation off)", () => {
    const off = analyse({ etp: "Cluster", scheme: "internal", tgAttributes: { "preserve_client_ip.enabled": "false" }, ...TWO_ZONES });
    expect(off.codes).not.toContain("HAIRPIN");
    const ip = analyse({ etp: "Cluster", scheme: "internal", targetType: "ip", ...TWO_ZONES }, lbcExternal("ip"));
    expect(ip.codes).not.toContain("HAIRPIN");
  });

  it("SRC-7: hairpin does not depend on externalTrafficPolicy (internal, instance, preserve on, Local → HAIRPIN)", () => {
    const r = analyse({ etp: "Local", scheme: "internal", ...TWO_ZONES });
    expect(r.codes).toContain("HAIRPIN");
  });
});

describe("kube-proxy policies (SRC-9, SRC-11, SRC-15) and the skeleton", () => {
  it("SRC-15: internalTrafficPolicy Local never applies to LB flows: Cluster + ITP Local → no drop on a pod-less node, pods see N_in", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b" }] }, (s) => {
      s.kubernetes.services[0].spec.internalTrafficPolicy = "Local";
    });
    expect(r.path.dropped).toBe(0);
    expect(r.pod("p1").share).toBeCloseTo(1, 9);
    expect(r.pod("p1").sourceIp.address).toBe("10.0.0.10, 10.0.1.10");
  });

  it("SRC-11 vs SRC-9: ip targets + Local + a node without pods → nothing dropped (kube-proxy bypassed), pods see C with preservation on", () => {
    const r = analyse(
      { etp: "Local", targetType: "ip", tgAttributes: { "preserve_client_ip.enabled": "true" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }, { name: "n3", zone: "b" }] },
      lbcExternal("ip"),
    );
    expect(r.path.dropped).toBe(0);
    expect(r.pod("p1").sourceIp.seenAs).toBe("client");
    expect(r.codes).toContain("ETP_IGNORED_IP_TARGETS");
  });

  it("SRC-11 (skeleton): LBC ip targets pending → ETP decides nothing, no kube-proxy SNAT", () => {
    const s = buildCase({ etp: "Cluster", targetType: "ip", ...TWO_ZONES });
    lbcExternal("ip")(s);
    pending(s);
    const sk = run(s).t.skeleton!;
    expect(sk.expected).toEqual({ kind: "network", targetType: "ip" });
    expect(sk.sourceIp).toMatchObject({ decided: false, snatAtKubeProxy: false });
  });

  it("SRC-8 / S1 (skeleton): legacy Classic pending, Cluster → decided: pods see node IPs", () => {
    const s: Snapshot = buildCase({ lb: "clb", etp: "Cluster", ...ONE_NODE });
    pending(s);
    const sk = run(s).t.skeleton!;
    expect(sk.expected.kind).toBe("classic");
    expect(sk.sourceIp).toMatchObject({ decided: true, seenAs: "node", snatAtKubeProxy: true });
  });
});
