import type * as crd from "../model/crds";
import type { Snapshot } from "../model/snapshot";
import type { ConfigurationView, Finding, Path } from "@/lib/api/topology";

/**
 * GW-4: the AWS Load Balancer Controller's own configuration objects for a Gateway, resolved the way its guide says
 * ("Customizing your ELB resources", "TargetGroupConfiguration — Configuration Resolution Order"):
 * - LoadBalancerConfiguration (LBC): the Gateway's (`spec.infrastructure.parametersRef`, same namespace) and the
 *   GatewayClass's (`spec.parametersRef`, with its namespace). On a field both set, `mergingMode` of the class's LBC
 *   decides: `prefer-gateway-class` (the default) or `prefer-gateway`.
 * - TargetGroupConfiguration (TGC) of a Service backend: the Service-level TGC (the Service's namespace,
 *   `targetReference` kind Service or unset, its name) wins field by field over the default TGC named by the LBCs'
 *   `defaultTargetGroupConfiguration` (merged by the same mergingMode); inside one TGC the best-matching
 *   `routeConfigurations` entry (kind+namespace+name, then kind+namespace, then kind) wins over its
 *   `defaultConfiguration`. Nothing set: the controller's default (instance, or its `--default-target-type` flag).
 * - ListenerRuleConfiguration: named by an `ExtensionRef` filter of a route rule.
 * lbpath reads only what it can compare with AWS: the scheme and the target type. AWS cannot change either in place
 * (a load balancer's scheme and a target group's type are fixed at creation), so a difference means the controller
 * has not applied the configuration (yet): GATEWAY_CONFIG_NOT_APPLIED.
 */

const GROUP = "gateway.k8s.aws";
type Ref = { kind: ConfigurationView["kind"]; namespace: string; name: string };
type Level = "route override" | "Service" | "Gateway default" | "GatewayClass default";
export interface Declared {
  value: string;
  from: Ref;
  level: Level;
}

export interface GatewayConfig {
  /** Every configuration object that applies to this Gateway or its backends, with what it does here. */
  views: ConfigurationView[];
  scheme: Declared | null;
  targetType(service: { namespace: string; name: string }, route: crd.Route | null): Declared | null;
}

const byKey = <T extends { metadata: { namespace: string; name: string } }>(xs: T[] | undefined) => new Map((xs ?? []).map((x) => [`${x.metadata.namespace}/${x.metadata.name}`, x]));
const refOf = (kind: Ref["kind"], x: { metadata: { namespace: string; name: string } }): Ref => ({ kind, namespace: x.metadata.namespace, name: x.metadata.name });

export function gatewayConfig(gw: crd.Gateway, cls: crd.GatewayClass | undefined, routes: crd.Route[], s: Snapshot): GatewayConfig {
  const lbcs = byKey(s.kubernetes.loadBalancerConfigurations);
  const tgcs = byKey(s.kubernetes.targetGroupConfigurations);
  const views: ConfigurationView[] = [];
  const view = (kind: Ref["kind"], namespace: string, name: string, role: string, found: boolean) => {
    if (!views.some((v) => v.kind === kind && v.namespace === namespace && v.name === name && v.role === role)) views.push({ kind, namespace, name, role, found });
  };

  const lbcRef = (ref: { group?: string; kind?: string; name: string } | undefined, namespace: string | undefined, role: string) => {
    if (!ref || ref.group !== GROUP || ref.kind !== "LoadBalancerConfiguration" || !namespace) return undefined;
    const lbc = lbcs.get(`${namespace}/${ref.name}`);
    view("LoadBalancerConfiguration", namespace, ref.name, role, !!lbc);
    return lbc;
  };
  const gwLbc = lbcRef(gw.spec.infrastructure?.parametersRef, gw.metadata.namespace, "load balancer settings of this Gateway");
  const classLbc = lbcRef(cls?.spec.parametersRef, cls?.spec.parametersRef?.namespace, `load balancer defaults of GatewayClass ${gw.spec.gatewayClassName}`);
  const preferGateway = classLbc?.spec.mergingMode === "prefer-gateway";
  const [high, low] = preferGateway ? [gwLbc, classLbc] : [classLbc, gwLbc];
  const levelOf = (lbc: crd.LoadBalancerConfiguration | undefined): Level => (lbc === gwLbc ? "Gateway default" : "GatewayClass default");
  const schemeFrom = [high, low].find((l) => l?.spec.scheme);
  const scheme: Declared | null = schemeFrom ? { value: schemeFrom.spec.scheme!, from: refOf("LoadBalancerConfiguration", schemeFrom), level: levelOf(schemeFrom) } : null;

  // Default TGCs: in their LBC's namespace, without targetReference (the controller refuses one that has it).
  const defaultTgc = (lbc: crd.LoadBalancerConfiguration | undefined) => {
    const name = lbc?.spec.defaultTargetGroupConfiguration?.name;
    if (!lbc || !name) return undefined;
    const tgc = tgcs.get(`${lbc.metadata.namespace}/${name}`);
    const usable = !!tgc && !tgc.spec.targetReference;
    view("TargetGroupConfiguration", lbc.metadata.namespace, name, `target group defaults (${levelOf(lbc)}, via LoadBalancerConfiguration ${lbc.metadata.name})${tgc && !usable ? "; has a targetReference, so the controller rejects it as a default" : ""}`, !!tgc);
    return usable ? { tgc: tgc!, level: levelOf(lbc) } : undefined;
  };
  const defaults = [defaultTgc(high), defaultTgc(low)].filter((d): d is { tgc: crd.TargetGroupConfiguration; level: Level } => !!d);

  const serviceTgc = (svc: { namespace: string; name: string }) =>
    [...tgcs.values()].find((t) => t.metadata.namespace === svc.namespace && t.spec.targetReference && (t.spec.targetReference.kind ?? "Service") === "Service" && !t.spec.targetReference.group && t.spec.targetReference.name === svc.name);

  const targetType = (svc: { namespace: string; name: string }, route: crd.Route | null): Declared | null => {
    const own = serviceTgc(svc);
    if (own) view("TargetGroupConfiguration", own.metadata.namespace, own.metadata.name, `target groups of Service ${svc.namespace}/${svc.name}`, true);
    const fromRoute = (tgc: crd.TargetGroupConfiguration) => (route ? bestRouteConfig(tgc, route)?.targetType : undefined);
    if (own) {
      const r = fromRoute(own);
      if (r) return { value: r, from: refOf("TargetGroupConfiguration", own), level: "route override" };
      if (own.spec.defaultConfiguration?.targetType) return { value: own.spec.defaultConfiguration.targetType, from: refOf("TargetGroupConfiguration", own), level: "Service" };
    }
    // Only the winning default TGC's route configurations count; its default fields, then the other's, fill in.
    const r = defaults[0] ? fromRoute(defaults[0].tgc) : undefined;
    if (r) return { value: r, from: refOf("TargetGroupConfiguration", defaults[0].tgc), level: "route override" };
    const d = defaults.find((x) => x.tgc.spec.defaultConfiguration?.targetType);
    return d ? { value: d.tgc.spec.defaultConfiguration!.targetType!, from: refOf("TargetGroupConfiguration", d.tgc), level: d.level } : null;
  };

  for (const route of routes)
    for (const rule of route.spec.rules ?? [])
      for (const f of rule.filters ?? [])
        if (f.type === "ExtensionRef" && f.extensionRef?.group === GROUP && f.extensionRef.kind === "ListenerRuleConfiguration") {
          const found = (s.kubernetes.listenerRuleConfigurations ?? []).some((l) => l.metadata.namespace === route.metadata.namespace && l.metadata.name === f.extensionRef!.name);
          view("ListenerRuleConfiguration", route.metadata.namespace, f.extensionRef.name, `extra conditions and actions of a rule of ${route.kind} ${route.metadata.namespace}/${route.metadata.name}`, found);
        }

  return { views, scheme, targetType };
}

/** The most specific `routeConfigurations` entry for this route: kind+namespace+name, then kind+namespace, then kind. */
function bestRouteConfig(tgc: crd.TargetGroupConfiguration, route: crd.Route): crd.TargetGroupProps | undefined {
  let best: { score: number; props: crd.TargetGroupProps } | undefined;
  for (const c of tgc.spec.routeConfigurations ?? []) {
    const id = c.routeIdentifier;
    if (id.kind !== route.kind) continue;
    if (id.namespace !== undefined && id.namespace !== route.metadata.namespace) continue;
    if (id.name !== undefined && id.name !== route.metadata.name) continue;
    const score = (id.namespace !== undefined ? 1 : 0) + (id.name !== undefined ? 2 : 0);
    if (!best || score > best.score) best = { score, props: c.targetGroupProps };
  }
  return best?.props;
}

const describe = (d: Declared) => `${d.from.kind} ${d.from.namespace}/${d.from.name} (${d.level})`;

/** The route whose rules send traffic to this Service (GW-3), for route-specific target group settings. */
export function routeFor(routes: crd.Route[], svc: { namespace: string; name: string }): crd.Route | null {
  return routes.find((r) => (r.spec.rules ?? []).some((rule) => (rule.backendRefs ?? []).some((b) => b.name === svc.name && (b.namespace ?? r.metadata.namespace) === svc.namespace))) ?? null;
}

/** GATEWAY_CONFIG_NOT_APPLIED findings: what the configuration asks for and what AWS has differ. */
export function configFindings(gwName: string, config: GatewayConfig, routes: crd.Route[], paths: Path[]): Finding[] {
  const out: Finding[] = [];
  const lb = paths[0]?.loadBalancer;
  if (config.scheme && lb?.scheme && config.scheme.value !== lb.scheme)
    out.push({
      severity: "warning",
      code: "GATEWAY_CONFIG_NOT_APPLIED",
      message: `${describe(config.scheme)} asks for scheme ${config.scheme.value}, but load balancer ${lb.name} is ${lb.scheme}. AWS cannot change a load balancer's scheme in place, so the controller has not applied this (yet).`,
      action: `kubectl describe gateway ${gwName}: the controller's conditions and events say why; it must replace the load balancer (a new DNS name).`,
      rules: ["GW-4"],
      pathId: null,
      refs: [`LoadBalancer:${lb.name}`],
    });
  const seen = new Set<string>();
  for (const p of paths) {
    const tg = p.targetGroup;
    if (!tg || !p.backendService || seen.has(tg.arn)) continue;
    seen.add(tg.arn);
    const declared = config.targetType(p.backendService, routeFor(routes, p.backendService));
    if (!declared || declared.value === tg.targetType) continue;
    out.push({
      severity: "warning",
      code: "GATEWAY_CONFIG_NOT_APPLIED",
      message: `${describe(declared)} asks for ${declared.value} targets for Service ${p.backendService.namespace}/${p.backendService.name}, but its target group ${tg.name} has ${tg.targetType} targets. A target group's type is fixed at creation, so the controller has not applied this (yet).`,
      action: `kubectl describe gateway ${gwName} and the route: the controller's conditions and events say why; it must create a new target group and move the rule to it.`,
      rules: ["GW-4"],
      pathId: p.id,
      refs: [`TargetGroup:${tg.name}`],
    });
  }
  return out;
}
