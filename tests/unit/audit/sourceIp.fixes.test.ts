import { describe, expect, it } from "vitest";
import { buildCase } from "../core/caseBuilder";
import { LB_ADDR, ONE_NODE, TWO_ZONES, analyse, lbcExternal, pending, run, withLbAddresses } from "./sourceIp.helpers";

/**
 * Source-IP cases where the engine disagreed with the reference (traffic-semantics.md) until the audit of 2026-12-07.
 * Each test failed before its fix. Two are reference inconsistencies, resolved as noted in their comments: the
 * tests pin the engine's reading.
 */

describe("CASE 1 — §1.3 row for preservation OFF + PPv2 on instance targets (S7/S8 vs S9/S10)", () => {
  // §1.3 S7: "NLB instance, TCP, `preserve_client_ip.enabled=false` …, Local | LBz | none | `LBz` | no (unless PPv2)".
  // §1.3 S10: "NLB instance + PPv2, ETP Local | C | none | `C` | PPv2 = C …" — S10's hop1 and pod columns say C.
  // Input: legacy NLB, instance, Local, TG attrs preserve_client_ip.enabled=false, proxy_protocol_v2.enabled=true.
  // Expected: row S7 (hop1 LBz, pod LBz, PPv2). Engine: row "S10" while it (correctly) reports seenAs load-balancer,
  // so the row it names contradicts the values it shows. Judgement: engine labelling bug (row chosen by header before
  // preservation); the rulebook rows overlap (S10 does not say "preserve on"), but only S7 matches the columns.
  it("S7 (+PPv2): instance, preserve off, PPv2, Local → row S7, pod sees LBz, header PPv2", () => {
    const r = analyse({ etp: "Local", tgAttributes: { "preserve_client_ip.enabled": "false", "proxy_protocol_v2.enabled": "true" }, ...TWO_ZONES });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", header: "proxy-protocol-v2" }); // agrees
    expect(r.path.clientIp.row).toBe("S7"); // engine: "S10"
  });

  // §1.3 S8: "same as S7, ETP Cluster | LBz | SNAT | `N_in`"; §1.3 S9: "NLB instance + PPv2, ETP Cluster | C | SNAT | `N_in` | PPv2 = C".
  // Input: instance, Cluster, preserve_client_ip.enabled=false, proxy_protocol_v2.enabled=true.
  // Expected: row S8 (hop1 LBz). Engine: row "S9" with hop1 "load-balancer" (S9's hop1 column is C). Same judgement.
  it("S8 (+PPv2): instance, preserve off, PPv2, Cluster → row S8", () => {
    const r = analyse({ etp: "Cluster", tgAttributes: { "preserve_client_ip.enabled": "false", "proxy_protocol_v2.enabled": "true" }, ...TWO_ZONES });
    expect(r.path.clientIp).toMatchObject({ hop1: "load-balancer", header: "proxy-protocol-v2" }); // agrees
    expect(r.path.clientIp.row).toBe("S8"); // engine: "S9"
  });
});

describe("CASE 2 — §1.3 dashboard highlighting rule lists S8 under the kube-proxy edge", () => {
  // §1.3 "Dashboard highlighting rule: mark the edge "SNAT" at the first hop whose output ≠ `C` (CLB edge for S1–S4,
  // kube-proxy edge for S5/S8/S9/S14/S22/S24, NLB edge for S7/S11/S13/S18/S19)".
  // Input: S8 = instance, preserve_client_ip.enabled=false, Cluster. Expected per the list: snatAt "kube-proxy".
  // Engine: snatAt "load-balancer". Judgement: the RULEBOOK is inconsistent — S8's hop1 is LBz ≠ C, so by the rule's
  // own definition the first replacing hop is the NLB (the engine is right). S22 (ALB: hop1 ALBn) has the same flaw.
  // Resolution: the rule's definition wins over its list (reported in the issue note): the NLB is the first SNAT.
  it("S8: the first hop whose output is not C is the NLB, whatever the highlighting list says", () => {
    const r = analyse({ etp: "Cluster", tgAttributes: { "preserve_client_ip.enabled": "false" }, ...TWO_ZONES });
    expect(r.path.clientIp.row).toBe("S8");
    expect(r.path.clientIp.snatAt).toBe("load-balancer");
  });
});

describe("CASE 3 — which NLB node address (LBz) a pod sees when cross-zone is off", () => {
  // §1.2 hop1: "NLB: … else -> LBz" (LBz = "private IP of the NLB node/ENI in AZ z"); §5 TC-08 (LBC ip, preserve off,
  // X off; p1@n1(a), p2@n2(a), p3@n3(b)): "Expected pod source IP: p1,p2: `LBa`; p3: `LBb`".
  // Input: LBC ip targets, TCP, preserve unset, cross-zone off, zones a/b with private IPs 10.0.100.5 (a), 10.0.101.5 (b).
  // Expected: p1 (zone a) address "10.0.100.5"; p2 (zone b) "10.0.101.5".
  // Engine: every pod gets "10.0.100.5, 10.0.101.5" (all zones' private IPs, regardless of cross-zone).
  // Judgement: engine imprecise (over-inclusive address list); rulebook is explicit.
  it("TC-08 / S11: ip targets, cross-zone off → each pod sees only its own zone's NLB private IP", () => {
    const r = analyse({ etp: "Local", targetType: "ip", ...TWO_ZONES }, (s) => {
      lbcExternal("ip")(s);
      withLbAddresses(s);
    });
    expect(r.pod("p1").sourceIp.address).toBe(LB_ADDR.a.privateIPv4Address); // engine: "10.0.100.5, 10.0.101.5"
    expect(r.pod("p2").sourceIp.address).toBe(LB_ADDR.b.privateIPv4Address); // engine: "10.0.100.5, 10.0.101.5"
  });

  // §1.3 S7: "NLB instance, TCP, preserve off, Local | LBz | none | `LBz`" with SRC-9 (Local: only local endpoints).
  // Input: legacy NLB instance, Local, preserve_client_ip.enabled=false, cross-zone off, n1(a): p1, n2(b): p2.
  // Expected: p1 sees LBa only ("10.0.100.5"). Engine: "10.0.100.5, 10.0.101.5". Same judgement.
  it("S7: instance + Local + preserve off, cross-zone off → pod on a zone-a node sees LBa only", () => {
    const r = analyse({ etp: "Local", tgAttributes: { "preserve_client_ip.enabled": "false" }, ...TWO_ZONES }, withLbAddresses);
    expect(r.pod("p1").sourceIp.address).toBe(LB_ADDR.a.privateIPv4Address); // engine: "10.0.100.5, 10.0.101.5"
  });
});

describe("CASE 4 — IPv6 target groups (SRC-4)", () => {
  // SRC-4: "ip(IPv6): IPv4 client→LB IPv6, IPv6 client→`C`. Preservation off: always LB address."
  // Input: dual-stack NLB, LBC ip targets, TG ipAddressType ipv6, preserve_client_ip.enabled=true.
  // Expected: the family caveat is reported — IPv4 clients reach the pod from the LB's IPv6 address (rules include
  // SRC-4; under the engine's own convention of showing the IPv4-client view, seenAs would even be "load-balancer").
  // Engine: seenAs "client", rules ["SRC-3","SRC-11"], explanation "The client's own address.", no finding.
  // Judgement: engine gap — it only models the IPv6-client→IPv4-target direction of SRC-4.
  it("SRC-4: IPv6 ip TG, preservation on → the pod's source IP mentions SRC-4 (IPv4 clients see the LB's IPv6 address)", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", ipAddressType: "dualstack", tgAttributes: { "preserve_client_ip.enabled": "true" }, ...TWO_ZONES }, (s) => {
      lbcExternal("ip")(s);
      s.aws.targetGroups[0].ipAddressType = "ipv6";
    });
    expect(r.pod("p1").sourceIp.rules).toContain("SRC-4"); // engine: ["SRC-3","SRC-11"]
  });

  // SRC-4 "Preservation off: always LB address" — for an IPv6 target group that address is the LB's IPv6 address
  // (the target is IPv6; AvailabilityZones[].LoadBalancerAddresses[].IPv6Address, §4.6).
  // Input: dual-stack NLB, ip IPv6 TG, preservation unset (off), zone a: private 10.0.100.5, IPv6 2600:1f18::a.
  // Expected address "2600:1f18::a". Engine: "10.0.100.5" (always privateIPv4Address). Judgement: engine bug.
  it("SRC-4: IPv6 ip TG, preservation off → pod sees the NLB's IPv6 address, not its private IPv4", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", ipAddressType: "dualstack", ...ONE_NODE }, (s) => {
      lbcExternal("ip")(s);
      s.aws.targetGroups[0].ipAddressType = "ipv6";
      s.aws.loadBalancers[0].availabilityZones = [{ zoneName: "a", loadBalancerAddresses: [LB_ADDR.a] }];
    });
    expect(r.pod("p1").sourceIp.address).toBe(LB_ADDR.a.iPv6Address); // engine: "10.0.100.5"
  });
});

describe("CASE 5 — §5 TC-24 expected pod source IP", () => {
  // §5 TC-24: "dual-stack NLB, IPv6 client, instance IPv4 targets, Local; n1(a): p1 | Expected pod source IP:
  // p1: **NLB IPv4 address** (not the IPv6 client) | Rules: S18, SRC-4"; S18 row: "LB IPv4 addr (Local)".
  // Engine: p1.sourceIp = { seenAs: "client", row: "S6" } plus the IPV6_CLIENTS_SEE_LB finding and an explanation
  // caveat. Judgement: deliberate engine design (one value per pod, it cannot know a flow's family — see
  // tests/unit/demo/expectations/worked.ts); the worked case is written per flow. Rulebook ambiguity more than a bug;
  // either TC-24 should say "for IPv6 clients (flagged by IPV6_CLIENTS_SEE_LB)" or the engine should expose S18.
  // Resolution (reported in the issue note): one answer per pod cannot depend on a flow's client family, so the pod
  // shows the IPv4 clients' row (S6) and names the IPv6 clients' (S18/SRC-4) in its explanation and a finding.
  it("TC-24: the pod shows IPv4 clients' row, and says that IPv6 clients arrive from the NLB's IPv4 address (S18)", () => {
    const r = analyse({ etp: "Local", ipAddressType: "dualstack", ...ONE_NODE });
    expect(r.codes).toContain("IPV6_CLIENTS_SEE_LB");
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "client", row: "S6" });
    expect(r.pod("p1").sourceIp.rules).toContain("SRC-4");
    expect(r.pod("p1").sourceIp.explanation).toMatch(/IPv6 clients .* IPv4 address/);
  });
});

describe("CASE 6 — skeleton of a pending legacy Classic ELB under Local", () => {
  // SRC-1: "Classic ELB always proxies … backend sees `CLBn`, never `C`"; §1.3 S2: "CLB TCP listener, ETP Local | … |
  // `CLBn` | no (Local does not help with CLB)"; JOIN-1 step 4: no annotation → legacy → Classic ELB.
  // Input: LoadBalancer Service, no annotations, ETP Local, status pending (no AWS half) → skeleton.
  // Expected: the source IP is determined: pods see the load balancer (seenAs "load-balancer").
  // Engine: { decided: false, seenAs: null } although its own explanation says "a Classic ELB sends its own address
  // (SRC-1)". Judgement: minor; the API contract defines `decided` narrowly ("instance targets + Cluster"), but the
  // rulebook's answer for this input is fully determined by JOIN-1 + SRC-1.
  it("S2 (skeleton): pending legacy CLB + Local → pods see the CLB", () => {
    const s = buildCase({ lb: "clb", etp: "Local", ...ONE_NODE });
    pending(s);
    const sk = run(s).t.skeleton!;
    expect(sk.expected.kind).toBe("classic"); // agrees
    expect(sk.sourceIp.seenAs).toBe("load-balancer"); // engine: null
  });
});
