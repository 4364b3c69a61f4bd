import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import { buildGatewayTopology } from "@/server/core/alb/buildGatewayTopology";
import { simulateGatewayRoute, simulateIngressRoute } from "@/server/core/alb/simulate";
import { RouteRequest } from "@/lib/api/route";
import { Topology } from "@/lib/api/topology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { ingressExpectations } from "@/tests/unit/demo/expectations/albPaths";

/** The ALB demo scenarios against the outcomes worked out by hand (tests/unit/demo/expectations/albPaths.ts). */
const load = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

describe.each(Object.entries(ingressExpectations))("%s", (id, exp) => {
  const snap = load(id);
  const subjects = [...Object.entries(exp.ingresses).map(([k, v]) => ["Ingress", k, v] as const), ...Object.entries(exp.gateways ?? {}).map(([k, v]) => ["Gateway", k, v] as const)];
  it.each(subjects)("%s %s: rules, shadowing, paths, shares, verdicts, findings", (kind, key, ie) => {
    const [namespace, name] = key.split("/");
    const t = (kind === "Ingress" ? buildIngressTopology : buildGatewayTopology)(snap, { namespace, name })!;
    expect(Topology.safeParse(t).success).toBe(true);
    expect(t.subject?.kind).toBe(kind);
    const ports = [...new Set(t.paths.map((p) => p.listener!.port))].sort();
    expect(ports).toEqual(Object.keys(ie.paths).map(Number).sort());
    for (const [port, paths] of Object.entries(ie.paths)) {
      const got = t.paths.filter((p) => p.listener!.port === Number(port));
      expect(Object.fromEntries(got[0].rules!.map((r) => [r.priority, r.shadowedBy]))).toEqual(ie.rules[Number(port)]);
      expect(got.map((p) => ({
        service: p.backendService!.name,
        weight: p.weight ?? 1,
        pods: Object.fromEntries(p.pods.map((x) => [x.name, { share: r3(x.share), seenAs: x.sourceIp.seenAs, header: x.sourceIp.header }])),
        targets: Object.fromEntries(p.targets.map((x) => [x.id, { verdict: x.verdict, code: x.code }])),
      }))).toEqual(paths);
      // The backend Service's own policy travels with its path (the page shows it instead of the Ingress's, which has none).
      for (const p of got) {
        const svc = snap.kubernetes.services.find((x) => x.metadata.namespace === p.backendService!.namespace && x.metadata.name === p.backendService!.name)!;
        expect(p.backendService!.externalTrafficPolicy).toBe(svc.spec.externalTrafficPolicy ?? "Cluster");
      }
      // Shares of one target group: pods + dropped + rejected + unknown + the other target groups' part = 1.
      for (const p of got) expect(p.pods.reduce((n, x) => n + x.share, 0) + p.dropped + p.rejected + p.unknown + (p.otherTargetGroups ?? 0)).toBeCloseTo(1, 5);
    }
    const codes = t.findings.map((f) => f.code);
    for (const c of ie.findings) expect(codes, c).toContain(c);
  });

  if (exp.routes.length) it.each(exp.routes.map((r) => [`${r.request.host}${r.request.path}`, r] as const))("simulator: %s", (_label, r) => {
    const [namespace, name] = r.object.split("/");
    const res = (r.kind === "Gateway" ? simulateGatewayRoute : simulateIngressRoute)(snap, { namespace, name }, RouteRequest.parse(r.request))!;
    expect(res.subject).toEqual({ kind: r.kind ?? "Ingress", namespace, name });
    expect(res.winner?.priority).toBe(r.winner);
    expect(res.alsoMatching).toEqual(r.alsoMatching);
    expect(Object.fromEntries(res.targetPods.map((p) => [p.name, r3(p.share)]))).toEqual(r.pods);
    if (r.fixedStatus) expect(res.action?.fixedResponse?.statusCode).toBe(r.fixedStatus);
    expect(res.summary.length).toBeGreaterThan(20);
  });
});
