import type * as elbv2 from "../model/elbv2";
import type { Snapshot } from "../model/snapshot";
import type { RoutePod, RouteRequest, RouteResult } from "@/lib/api/route";
import type { RuleView, Warning } from "@/lib/api/topology";
import { indexSnapshot, objectKey, type SnapshotIndex } from "../index/snapshotIndex";
import { GATEWAY_CONTROLLER_ALB, GATEWAY_CONTROLLER_NLB } from "../model/crds";
import { elbv2LbFacts } from "../join/pathInputs";
import { albIndex } from "./albIndex";
import { albForIngress, type ObjectRef } from "./buildIngressTopology";
import { gatewayLoadBalancer, routesOf, withRouteSources } from "./buildGatewayTopology";
import { groupMembers, ingressGroupOf, resolveIngressClass } from "./ingressClass";
import { matchRule } from "./ruleMatch";
import { ruleViews } from "./ruleViews";
import { targetGroupPath } from "./targetGroupPath";

/**
 * The rule simulator (issue 13): which rule of the Ingress's ALB listener wins a request, which later rules match
 * too but lose, and which pods the request lands on. AWS's documented evaluation (ALB-R1, ALB-R2): rules in
 * priority order, lowest number first, the default rule last; the first rule whose conditions all match wins; the
 * conditions of a rule are ANDed and the values of one condition ORed. Pure; null when there is no such Ingress.
 */
export function simulateIngressRoute(snapshot: Snapshot, ref: ObjectRef, req: RouteRequest): RouteResult | null {
  const index = indexSnapshot(snapshot);
  const idx = albIndex(snapshot);
  const ingress = idx.ingressesByKey.get(objectKey(ref.namespace, ref.name));
  if (!ingress) return null;
  const base = { cluster: snapshot.cluster.name, subject: { kind: "Ingress" as const, ...ref }, ingress: { namespace: ref.namespace, name: ref.name }, request: req };
  const cls = resolveIngressClass(ingress, idx);
  if (!cls.controller) return none(base, "This Ingress is not served by an AWS controller, so no ALB evaluates it.");
  const group = ingressGroupOf(ingress, cls);
  const joined = albForIngress(ingress, group.name, index, idx);
  if (!joined.lb) return none(base, "The Ingress's ALB is not known (pending, deleted, or AWS unreadable): nothing to evaluate.");
  const members = groupMembers(group, idx).map((m) => m.ingress);
  return evaluate(base, joined.lb, req, index, (listener) => ruleViews(listener, index, idx, members));
}

/**
 * The same for a Gateway (GW-1..3): an ALB Gateway's listener rules, credited to their HTTPRoutes. An NLB Gateway
 * has no rules to evaluate (its listeners forward every flow to their route's backend), so it answers with no winner
 * and says so. Null when there is no such Gateway.
 */
export function simulateGatewayRoute(snapshot: Snapshot, ref: ObjectRef, req: RouteRequest): RouteResult | null {
  const index = indexSnapshot(snapshot);
  const idx = albIndex(snapshot);
  const gw = idx.gatewaysByKey.get(objectKey(ref.namespace, ref.name));
  if (!gw) return null;
  const base = { cluster: snapshot.cluster.name, subject: { kind: "Gateway" as const, ...ref }, request: req };
  const controller = idx.gatewayClassesByName.get(gw.spec.gatewayClassName)?.spec.controllerName;
  if (controller !== GATEWAY_CONTROLLER_ALB && controller !== GATEWAY_CONTROLLER_NLB) return none(base, "This Gateway's class is not the AWS Load Balancer Controller's, so no AWS load balancer evaluates it.");
  const lb = gatewayLoadBalancer(gw, index)?.lb;
  if (!lb) return none(base, "The Gateway's load balancer is not known (no address yet, deleted, or AWS unreadable): nothing to evaluate.");
  if (lb.type !== "application") return none(base, "An NLB Gateway has no listener rules: each listener forwards every flow to its route's backend, whatever the host or path.", { name: lb.loadBalancerName, dnsName: lb.dnsName });
  const routes = routesOf(gw, snapshot);
  return evaluate(base, lb, req, index, (listener) => withRouteSources(ruleViews(listener, index, idx, []), routes, index));
}

type Base = Pick<RouteResult, "cluster" | "subject" | "ingress" | "request">;

function none(base: Base, summary: string, lb: RouteResult["loadBalancer"] = null, listener: RouteResult["listener"] = null): RouteResult {
  return { ...base, loadBalancer: lb, listener, evaluated: [], winner: null, alsoMatching: [], undecided: [], action: null, targetPods: [], summary };
}

/** ALB-R1/R2 over the listener the request names: the first rule whose conditions all match wins. */
function evaluate(base: Base, lb: elbv2.LoadBalancer, req: RouteRequest, index: SnapshotIndex, viewsOf: (l: elbv2.Listener) => RuleView[]): RouteResult {
  const lbView = { name: lb.loadBalancerName, dnsName: lb.dnsName };
  const listener = pickListener(lb.listeners, req.port);
  if (!listener) return none(base, req.port ? `The ALB has no listener on port ${req.port}.` : "The ALB has no listener.", lbView);
  const listenerView = { port: listener.port, protocol: listener.protocol };
  if (!listener.rules) return none(base, "The listener's rules could not be read (DescribeRules): see the partial-data warning.", lbView, listenerView);

  const views = viewsOf(listener);
  const byArn = new Map(listener.rules.map((r) => [r.ruleArn, r]));
  const evaluated: RouteResult["evaluated"] = [];
  const undecided: string[] = [];
  const alsoMatching: string[] = [];
  let winner: (typeof views)[number] | null = null;
  for (const v of views) {
    const rule = byArn.get(v.arn);
    const outcome = v.isDefault ? "match" : matchRule(rule?.conditions ?? [], req);
    if (winner) {
      evaluated.push({ priority: v.priority, outcome: "not-reached" });
      if (outcome === "match" && !v.isDefault) alsoMatching.push(v.priority);
      continue;
    }
    evaluated.push({ priority: v.priority, outcome });
    if (outcome === "unknown") undecided.push(v.priority);
    if (outcome === "match") winner = v;
  }
  const action = winner ? winner.actions[winner.actions.length - 1] ?? null : null;
  const targetPods = action?.type === "forward" ? podsOf(action, lb, listener, views, index) : [];
  return {
    ...base,
    loadBalancer: lbView,
    listener: listenerView,
    evaluated,
    winner,
    alsoMatching,
    undecided,
    action,
    targetPods,
    summary: summarize(winner, action, alsoMatching, undecided, targetPods),
  };
}

/** The requested port's listener, else port 80, else the first. */
function pickListener(listeners: elbv2.Listener[], port: number | undefined): elbv2.Listener | undefined {
  const sorted = [...listeners].sort((a, b) => a.port - b.port);
  if (port !== undefined) return sorted.find((l) => l.port === port);
  return sorted.find((l) => l.port === 80) ?? sorted[0];
}

function podsOf(action: NonNullable<RouteResult["action"]>, lb: elbv2.LoadBalancer, listener: elbv2.Listener, views: RuleView[], index: SnapshotIndex): RoutePod[] {
  const facts = elbv2LbFacts(lb, "dns-name", index);
  const warnings: Warning[] = [];
  const pods: RoutePod[] = [];
  for (const tg of action.targetGroups ?? []) {
    const target = index.targetGroupsByArn.get(tg.arn);
    if (!target || !tg.service) continue;
    const path = targetGroupPath({ lb, facts, listener, tg: target, service: tg.service, weight: tg.share, rules: views }, index, warnings);
    for (const p of path?.path.pods ?? []) if (p.share > 0) pods.push({ namespace: p.namespace, name: p.name, ip: p.ip, node: p.node, share: p.share, targetGroup: target.targetGroupName });
  }
  return pods.sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}

function summarize(winner: RouteResult["winner"], action: RouteResult["action"], also: string[], undecided: string[], pods: RoutePod[]): string {
  if (!winner) return undecided.length ? `No rule is certain to win: rule(s) ${undecided.join(", ")} depend on what the request did not say (e.g. its source IP).` : "No rule matches.";
  const who = winner.isDefault ? "The default rule wins (no other rule matches)" : `Rule ${winner.priority} wins${winner.source ? ` (${winner.source.kind} ${winner.source.namespace}/${winner.source.name})` : ""}`;
  const caveat = undecided.length ? ` — if rule(s) ${undecided.join(", ")} (which depend on unstated request details) do not match first` : "";
  const lost = also.length ? `; rule(s) ${also.join(", ")} match too but come later` : "";
  let what = "";
  if (action?.type === "forward") what = pods.length ? `: forwarded to ${pods.length} pod(s), ${pods.slice(0, 3).map((p) => `${p.name} ${Math.round(p.share * 1000) / 10} %`).join(", ")}${pods.length > 3 ? ", …" : ""}` : ": forwarded to a target group with no pod known to receive it";
  else if (action?.type === "fixed-response") what = `: a fixed ${action.fixedResponse?.statusCode} response${action.fixedResponse?.messageBody ? ` ("${action.fixedResponse.messageBody}")` : ""}`;
  else if (action?.type === "redirect") what = `: a ${action.redirect?.statusCode} redirect to ${action.redirect?.location}`;
  return `${who}${caveat}${what}${lost}.`;
}
