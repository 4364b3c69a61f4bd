import { byUrgency } from "../analysis/findings";
import type * as crd from "../model/crds";
import type * as elbv2 from "../model/elbv2";
import type { Snapshot } from "../model/snapshot";
import type { Finding, Path, RuleView, Topology, Warning } from "@/lib/api/topology";
import { GATEWAY_CONTROLLER_ALB, GATEWAY_CONTROLLER_NLB, GATEWAY_TAG_PREFIXES } from "../model/crds";
import { indexSnapshot, objectKey, type SnapshotIndex } from "../index/snapshotIndex";
import { relevantNodes } from "../buildTopology";
import { elbv2LbFacts } from "../join/pathInputs";
import { albIndex, type AlbIndex } from "./albIndex";
import { listenerPaths } from "./listenerPaths";
import { ruleViews } from "./ruleViews";
import { configFindings, gatewayConfig } from "./gatewayConfig";
import type { ObjectRef } from "./buildIngressTopology";

const memo = new WeakMap<Snapshot, Map<string, Topology | null>>();

/**
 * A Gateway of the AWS Load Balancer Controller (GW-1: GatewayClass controllerName `gateway.k8s.aws/alb` makes an
 * ALB, `gateway.k8s.aws/nlb` an NLB): Gateway → load balancer (GW-2: `status.addresses` hostname) → listeners →
 * rules (ALB) or the default action (NLB) → target groups → their Services (TargetGroupBinding, TGB-1) → pods.
 * The data plane is the same as an Ingress's or a Service's; routes (HTTPRoute, TCPRoute, UDPRoute, TLSRoute) are
 * named as the source of the rules that forward to their backends (GW-3). Null: no such Gateway.
 */
export function buildGatewayTopology(snapshot: Snapshot, ref: ObjectRef): Topology | null {
  let per = memo.get(snapshot);
  if (!per) memo.set(snapshot, (per = new Map()));
  const key = objectKey(ref.namespace, ref.name);
  if (per.has(key)) return per.get(key)!;
  const idx = albIndex(snapshot);
  const gw = idx.gatewaysByKey.get(key);
  const t = gw ? compute(gw, indexSnapshot(snapshot), idx) : null;
  per.set(key, t);
  return t;
}

/** GW-3: the routes attached to this Gateway (parentRefs naming it, in the route's namespace by default). */
export function routesOf(gw: crd.Gateway, s: Snapshot): crd.Route[] {
  return (s.kubernetes.routes ?? []).filter((r) =>
    (r.spec.parentRefs ?? []).some((p) => (p.kind ?? "Gateway") === "Gateway" && p.name === gw.metadata.name && (p.namespace ?? r.metadata.namespace) === gw.metadata.namespace));
}

export function withRouteSources(views: RuleView[], routes: crd.Route[], index?: SnapshotIndex): RuleView[] {
  return views.map((v) => {
    if (v.source) return v;
    const tgs = v.actions.flatMap((a) => a.targetGroups ?? []);
    // The controller tags each target group `<prefix>/resource: <gwNs>/<gw>:<routeNs>-<route>:<Kind>-<svcNs>-<svc>:<port>`
    // (one group per route and backend), so the tag names the route even when two routes share a Service.
    const resources = tgs.map((t) => index?.targetGroupsByArn.get(t.arn)?.tags).flatMap((tags) => Object.entries(tags ?? {}).filter(([k]) => GATEWAY_TAG_PREFIXES.some((p) => k === `${p}/resource`)).map(([, val]) => val));
    const byTag = routes.find((r) => resources.some((res) => res.includes(`:${r.metadata.namespace}-${r.metadata.name}:${r.kind}-`)));
    const services = tgs.map((t) => t.service).filter((x): x is NonNullable<typeof x> => !!x);
    const r = byTag ?? routes.find((route) => (route.spec.rules ?? []).some((rule) => (rule.backendRefs ?? []).some((b) => services.some((s) => s.name === b.name && s.namespace === (b.namespace ?? route.metadata.namespace)))));
    return r ? { ...v, source: { kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name } } : v;
  });
}

/**
 * GW-2: the load balancer whose DNS name is one of the Gateway's status addresses; without one (the controller
 * writes the status only after deploying, and a failed status patch leaves it empty), the load balancer the
 * controller tagged `<prefix>/stack: <ns>/<name>` for this cluster (`elbv2.k8s.aws/cluster`), which needs the
 * cluster's AWS name, as for Services (JOIN-2).
 */
export function gatewayLoadBalancer(gw: crd.Gateway, index: SnapshotIndex): { lb: elbv2.LoadBalancer; joinedBy: "dns-name" | "tags" } | undefined {
  const byDns = (gw.status?.addresses ?? []).map((a) => index.loadBalancersByDns.get(a.value.toLowerCase())).find((x) => !!x);
  if (byDns) return { lb: byDns, joinedBy: "dns-name" };
  const cluster = index.snapshot.cluster.awsClusterName;
  if (!cluster) return undefined;
  const stack = `${gw.metadata.namespace}/${gw.metadata.name}`;
  const byTag = index.snapshot.aws.loadBalancers.find((lb) => lb.tags["elbv2.k8s.aws/cluster"] === cluster && GATEWAY_TAG_PREFIXES.some((p) => lb.tags[`${p}/stack`] === stack));
  return byTag ? { lb: byTag, joinedBy: "tags" } : undefined;
}

function compute(gw: crd.Gateway, index: SnapshotIndex, idx: AlbIndex): Topology {
  const s = index.snapshot;
  const warnings: Warning[] = (s.problems ?? []).map((p) => ({ code: p.code, message: p.message, fix: p.fix, source: p.source }));
  const findings: Finding[] = [];
  const paths: Path[] = [];
  const cls = idx.gatewayClassesByName.get(gw.spec.gatewayClassName);
  const controllerName = cls?.spec.controllerName ?? null;
  const aws = controllerName === GATEWAY_CONTROLLER_ALB || controllerName === GATEWAY_CONTROLLER_NLB;
  const routes = routesOf(gw, s);
  const addresses = (gw.status?.addresses ?? []).map((a) => a.value);
  const config = aws ? gatewayConfig(gw, cls, routes, s) : null;
  if (!aws) {
    findings.push({ severity: "info", code: "CONTROLLER_UNKNOWN", message: `GatewayClass ${gw.spec.gatewayClassName}${controllerName ? ` (controller ${controllerName})` : ""} is not the AWS Load Balancer Controller's (gateway.k8s.aws/alb or gateway.k8s.aws/nlb): no AWS load balancer is made for it.`, action: "Nothing, if another Gateway controller serves it.", rules: ["GW-1"], pathId: null, refs: [] });
  } else {
    const joined = gatewayLoadBalancer(gw, index);
    if (joined) {
      const lb = joined.lb;
      const facts = elbv2LbFacts(lb, joined.joinedBy, index);
      for (const listener of [...lb.listeners].sort((a, b) => a.port - b.port)) {
        const views = withRouteSources(ruleViews(listener, index, idx, []), routes, index);
        const out = listenerPaths({ lb, facts, listener, views, mine: () => true, subject: `Gateway ${gw.metadata.namespace}/${gw.metadata.name}`, subjectKind: "Gateway" }, index, idx, warnings);
        paths.push(...out.paths);
        findings.push(...out.findings);
      }
      if (config) findings.push(...configFindings(`${gw.metadata.namespace}/${gw.metadata.name}`, config, routes, paths));
    } else if (addresses.length === 0 && !index.missing.aws) {
      findings.push({ severity: "info", code: "LB_PENDING", message: "The Gateway has no address yet: the controller has not made its load balancer.", action: "Wait; kubectl describe gateway shows the controller's conditions.", rules: ["GW-2"], pathId: null, refs: [] });
    } else if (index.missing.aws) {
      findings.push({ severity: "warning", code: "PARTIAL_DATA", message: "The Gateway's load balancer could not be looked up: AWS data is unavailable.", action: "See the partial-data warning for the cause.", rules: ["GW-2"], pathId: null, refs: [] });
    } else {
      findings.push({ severity: "critical", code: "LB_NOT_FOUND", message: `The Gateway's address ${addresses.join(", ")} matches no load balancer in ${s.cluster.region ?? "this region"}.`, action: "Check the region and account lbpath reads, and the controller's conditions on the Gateway.", rules: ["GW-2"], pathId: null, refs: [] });
    }
  }
  if (warnings.length > 0 && !findings.some((x) => x.code === "PARTIAL_DATA"))
    findings.push({ severity: "warning", code: "PARTIAL_DATA", message: `Part of the data could not be read: ${[...new Set(warnings.map((w) => w.code))].join(", ")}. What is shown is partial.`, action: warnings.find((w) => w.fix)?.fix, rules: [], pathId: null, refs: [] });
  findings.sort(byUrgency);
  const backendPolicies = new Set(paths.map((p) => p.backendService?.externalTrafficPolicy).filter((x): x is "Cluster" | "Local" => !!x));
  const hosts = [...new Set([...gw.spec.listeners.map((l) => l.hostname), ...routes.flatMap((r) => r.spec.hostnames ?? [])].filter((h): h is string => !!h))].sort();
  return {
    cluster: s.cluster.name,
    subject: { kind: "Gateway", namespace: gw.metadata.namespace, name: gw.metadata.name, className: gw.spec.gatewayClassName, controllerName, group: null, hosts, ...(config?.views.length ? { configurations: config.views } : {}) },
    service: {
      namespace: gw.metadata.namespace,
      name: gw.metadata.name,
      type: "Gateway",
      // A Gateway has no policy of its own: its backends' when they agree (each path carries its own).
      externalTrafficPolicy: backendPolicies.size === 1 ? [...backendPolicies][0] : "Cluster",
      controller: aws ? "aws-load-balancer-controller" : "unknown",
      loadBalancerClass: gw.spec.gatewayClassName,
      healthCheckNodePort: null,
      ingress: addresses,
      annotations: gw.metadata.annotations ?? {},
      labels: gw.metadata.labels ?? {},
    },
    nodes: relevantNodes(paths, index),
    paths,
    findings,
    warnings,
    age: { capturedAt: s.capturedAt, kubernetes: s.ages?.kubernetes ?? null, aws: s.ages?.aws ?? null },
  };
}
