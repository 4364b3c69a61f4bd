import { buildTopology } from "@/server/core/buildTopology";
import type { Snapshot } from "@/server/core/model/snapshot";
import type * as k8s from "@/server/core/model/kubernetes";
import { buildCase, type CaseSpec } from "../core/caseBuilder";

/** Shared helpers of the §3/§4 audit (distribution.audit.test.ts, distribution.fixes.test.ts). */
export const REF = { namespace: "shop", name: "web" };
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
export const ANN = "service.beta.kubernetes.io/";

export function run(s: Snapshot) {
  const t = buildTopology(s, REF);
  if (!t) throw new Error("service not found");
  return view(t);
}

export function view(t: NonNullable<ReturnType<typeof buildTopology>>) {
  const path = t.paths[0];
  const shares = path ? Object.fromEntries(path.pods.map((p) => [p.name, r3(p.share)])) : {};
  const total = path ? path.pods.reduce((a, p) => a + p.share, 0) + path.dropped + path.rejected + path.unknown : NaN;
  return {
    t,
    path,
    shares,
    total,
    codes: t.findings.map((f) => f.code),
    pod: (name: string) => path.pods.find((p) => p.name === name)!,
    targetOfNode: (node: string) => path.targets.find((x) => x.node === node)!,
    zone: (name: string) => path.zones.find((z) => z.name === name)!,
    dnsZones: () => path.zones.filter((z) => z.inDns).map((z) => z.name).sort(),
  };
}

export const analyse = (spec: CaseSpec, mutate?: (s: Snapshot) => void) => {
  const s = buildCase(spec);
  mutate?.(s);
  return run(s);
};

export const findNode = (s: Snapshot, name: string): k8s.Node => s.kubernetes.nodes.find((n) => n.metadata.name === name)!;
export const instanceOfNode = (s: Snapshot, name: string) => findNode(s, name).spec!.providerID!.split("/").pop()!;
export const endpointOf = (s: Snapshot, pod: string) => s.kubernetes.endpointSlices.flatMap((sl) => sl.endpoints ?? []).find((e) => e.targetRef?.name === pod)!;
export const thdOfNode = (s: Snapshot, name: string) => s.aws.targetGroups[0].targetHealthDescriptions!.find((d) => d.target.id === instanceOfNode(s, name))!;
