import { describe, expect, it } from "vitest";
import { clientIpAlongPath, preserveClientIpEffective, type SourceIpInput } from "@/server/core/analysis/sourceIp";

const nlb = (o: Partial<SourceIpInput>): SourceIpInput => ({ lbKind: "network", listenerProtocol: "TCP", targetType: "instance", externalTrafficPolicy: "Cluster", tgProtocol: "TCP", tgAttributes: {}, classicProxyProtocol: false, ...o });
const clb = (o: Partial<SourceIpInput>): SourceIpInput => ({ ...nlb({}), lbKind: "classic", tgProtocol: "TCP", ...o });

// §1.3: one row per source-IP table row the APIs can show: [row, input, what the pod sees, SNAT point, header]
const table: [string, SourceIpInput, string, string | null, string | null][] = [
  ["S1", clb({}), "node", "load-balancer", null],
  ["S2", clb({ externalTrafficPolicy: "Local" }), "load-balancer", "load-balancer", null],
  ["S3", clb({ classicProxyProtocol: true, externalTrafficPolicy: "Local" }), "load-balancer", "load-balancer", "proxy-protocol-v1"],
  ["S3", clb({ classicProxyProtocol: true }), "node", "load-balancer", "proxy-protocol-v1"],
  ["S4", clb({ listenerProtocol: "HTTP" }), "node", "load-balancer", "x-forwarded-for"],
  ["S5", nlb({}), "node", "kube-proxy", null],
  ["S6", nlb({ externalTrafficPolicy: "Local" }), "client", null, null],
  ["S7", nlb({ externalTrafficPolicy: "Local", tgAttributes: { "preserve_client_ip.enabled": "false" } }), "load-balancer", "load-balancer", null],
  ["S8", nlb({ tgAttributes: { "preserve_client_ip.enabled": "false" } }), "node", "load-balancer", null],
  ["S9", nlb({ tgAttributes: { "proxy_protocol_v2.enabled": "true" } }), "node", "kube-proxy", "proxy-protocol-v2"],
  ["S10", nlb({ externalTrafficPolicy: "Local", tgAttributes: { "proxy_protocol_v2.enabled": "true" } }), "client", null, "proxy-protocol-v2"],
  ["S11", nlb({ targetType: "ip" }), "load-balancer", "load-balancer", null],
  ["S12", nlb({ targetType: "ip", tgAttributes: { "preserve_client_ip.enabled": "true" } }), "client", null, null],
  ["S13", nlb({ targetType: "ip", tgAttributes: { "proxy_protocol_v2.enabled": "true" } }), "load-balancer", "load-balancer", "proxy-protocol-v2"],
  ["S14", nlb({ tgProtocol: "UDP", listenerProtocol: "UDP", tgAttributes: { "preserve_client_ip.enabled": "false" } }), "node", "kube-proxy", null],
  ["S15", nlb({ tgProtocol: "UDP", listenerProtocol: "UDP", externalTrafficPolicy: "Local" }), "client", null, null],
  ["S16", nlb({ tgProtocol: "TCP_UDP", listenerProtocol: "TCP_UDP", targetType: "ip" }), "client", null, null],
  ["S17/S6", nlb({ listenerProtocol: "TLS", externalTrafficPolicy: "Local" }), "client", null, null],
  ["S17/S11", nlb({ listenerProtocol: "TLS", targetType: "ip" }), "load-balancer", "load-balancer", null],
];

describe("SRC-*: source IP along the path (§1.2 decision procedure, §1.3 table)", () => {
  it.each(table)("%s", (row, input, seen, snatAt, header) => {
    const r = clientIpAlongPath(input);
    expect(r.row).toBe(row);
    expect(r.podSeesAs).toBe(seen);
    expect(r.snatAt).toBe(snatAt);
    expect(r.header).toBe(header);
    if (seen !== "client") expect(r.summary).not.toMatch(/^Pods see the client/);
  });

  it("SRC-3: UDP/TCP_UDP/QUIC always preserve; defaults instance → on, ip → off", () => {
    expect(preserveClientIpEffective("UDP", "ip", { "preserve_client_ip.enabled": "false" })).toBe(true);
    expect(preserveClientIpEffective("TCP_QUIC", "ip", {})).toBe(true);
    expect(preserveClientIpEffective("TCP", "instance", {})).toBe(true);
    expect(preserveClientIpEffective("TCP", "ip", {})).toBe(false);
    expect(preserveClientIpEffective("TLS", "instance", { "preserve_client_ip.enabled": "false" })).toBe(false);
  });

  it("SRC-8: under Cluster no pod ever sees the client, whatever the load balancer does", () => {
    const variants: Record<string, string>[] = [{}, { "preserve_client_ip.enabled": "true" }, { "proxy_protocol_v2.enabled": "true" }];
    for (const attrs of variants) {
      expect(clientIpAlongPath(nlb({ tgAttributes: attrs })).podSeesAs).toBe("node");
    }
  });
});
