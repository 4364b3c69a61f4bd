import { buildTopology } from "@/server/core/buildTopology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase, type CaseSpec } from "../core/caseBuilder";

/** Audit helpers (source-IP audit against the reference rules (docs/rules.md) §1, §4.5, §5). */
export const ANN = "service.beta.kubernetes.io/";

export function run(s: Snapshot) {
  const t = buildTopology(s, { namespace: "shop", name: "web" });
  if (!t) throw new Error("service not found");
  const path = t.paths[0];
  return {
    t,
    path,
    pod: (name: string) => {
      const p = path.pods.find((x) => x.name === name);
      if (!p) throw new Error(`pod ${name} not on the path`);
      return p;
    },
    codes: t.findings.map((f) => f.code),
  };
}

export function analyse(spec: CaseSpec, mutate?: (s: Snapshot) => void) {
  const s = buildCase(spec);
  mutate?.(s);
  return run(s);
}

export function setAnnotations(s: Snapshot, a: Record<string, string>) {
  const m = s.kubernetes.services[0].metadata;
  m.annotations = { ...(m.annotations ?? {}), ...a };
}

/** JOIN-1 step 3: `aws-load-balancer-type: external` + `aws-load-balancer-nlb-target-type` → LBC. */
export const lbcExternal = (targetType: "ip" | "instance") => (s: Snapshot) => {
  s.kubernetes.services[0].metadata.annotations = { [`${ANN}aws-load-balancer-type`]: "external", [`${ANN}aws-load-balancer-nlb-target-type`]: targetType };
};

/** NLB node addresses per zone: public EIP 54.x, private 10.0.10x.5, IPv6 2600:…. */
export const LB_ADDR = { a: { ipAddress: "54.1.1.1", privateIPv4Address: "10.0.100.5", iPv6Address: "2600:1f18::a" }, b: { ipAddress: "54.2.2.2", privateIPv4Address: "10.0.101.5", iPv6Address: "2600:1f18::b" } };
export const withLbAddresses = (s: Snapshot) => {
  s.aws.loadBalancers[0].availabilityZones = (["a", "b"] as const).map((z) => ({ zoneName: z, loadBalancerAddresses: [LB_ADDR[z]] }));
};

export const ONE_NODE: Pick<CaseSpec, "lbZones" | "nodes"> = { lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] };
export const TWO_ZONES: Pick<CaseSpec, "lbZones" | "nodes"> = { lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] };

/** Remove the AWS half and the Service's hostname: the LB is `<pending>` and the topology is a skeleton. */
export function pending(s: Snapshot) {
  s.kubernetes.services[0].status = { loadBalancer: {} };
  s.aws = { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] };
}
