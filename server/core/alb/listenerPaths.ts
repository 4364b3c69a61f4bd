import type * as elbv2 from "../model/elbv2";
import type { Finding, Path, RuleView, Warning } from "@/lib/api/topology";
import type { FindingCode } from "@/lib/api/codes";
import type { RuleId } from "@/lib/api/rules";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { objectKey } from "../index/snapshotIndex";
import type { LbFacts } from "../buildPath";
import { pathFindings } from "../analysis/findings";
import { missingTargets } from "../join/expectedTargets";
import { targetGroupPath } from "./targetGroupPath";
import { foreignTargetFindings } from "./foreignTargets";
import type { AlbIndex } from "./albIndex";

export const MISSING_BACKEND_BODY = "Backend service does not exist";

const f = (severity: Finding["severity"], code: FindingCode, message: string, action: string, rules: RuleId[], pathId: string | null, refs: string[] = []): Finding => ({ severity, code, message, action, rules, pathId, refs });

/**
 * The paths of one listener for the rules that belong to the subject (an Ingress, a Gateway's routes): one path per
 * target group those rules forward to, plus the findings about those rules (shadowed, missing or unknown backend)
 * and about each path (pathFindings). `mine(rule)` says which rules belong to the subject.
 */
export function listenerPaths(
  ctx: { lb: elbv2.LoadBalancer; facts: LbFacts; listener: elbv2.Listener; views: RuleView[]; mine: (r: RuleView) => boolean; subject: string; subjectKind: "Ingress" | "Gateway" | "Service" },
  index: SnapshotIndex,
  idx: AlbIndex,
  warnings: Warning[],
): { paths: Path[]; findings: Finding[] } {
  const { lb, facts, listener, views } = ctx;
  const gateway = ctx.subjectKind === "Gateway";
  const paths: Path[] = [];
  const findings: Finding[] = [];
  // Rule findings concern the listener, not one target group's path: shown on every path of the page (pathId null).
  const lid = null;
  const seen = new Set<string>();
  for (const rule of views.filter(ctx.mine)) {
    const where = rule.isDefault ? `the default rule of listener ${listener.protocol}:${listener.port}` : `rule ${rule.priority} of listener ${listener.protocol}:${listener.port}`;
    if (rule.shadowedBy) {
      const by = views.find((v) => v.priority === rule.shadowedBy);
      const other = by?.source && (by.source.namespace !== rule.source?.namespace || by.source.name !== rule.source?.name) ? ` (from ${by.source.kind} ${by.source.namespace}/${by.source.name}, which comes first${gateway ? "" : " in the group order"})` : "";
      // A Gateway's rules are ordered by the controller from the routes' matches (hostnames, path, method, headers,
      // then route age), not by an IngressGroup order (GW-3).
      const [advice, why]: [string, RuleId[]] = gateway
        ? ["Make the earlier route's match narrower (a hostname, a longer path, a header), or this route's more specific, so the controller orders it first.", ["ALB-R1", "ALB-R9", "GW-3"]]
        : ["Order the rules from specific to general: give this Ingress a lower alb.ingress.kubernetes.io/group.order, or narrow the earlier rule.", ["ALB-R1", "ALB-R9", "ALB-I3"]];
      findings.push(f("warning", "RULE_SHADOWED", `${where} (${describe(rule)}) never wins: rule ${rule.shadowedBy}${other} matches every request it matches, and rules are evaluated lowest priority first.`, advice, why, lid, [`Rule:${lb.loadBalancerName}:${listener.port}:${rule.priority}`]));
    }
    for (const a of rule.actions) {
      if (a.fixedResponse?.messageBody === MISSING_BACKEND_BODY)
        findings.push(f("warning", "BACKEND_SERVICE_MISSING", `${where} (${describe(rule)}) answers ${a.fixedResponse.statusCode} "${MISSING_BACKEND_BODY}": the controller found no Service for this path.`, "Create the Service, or fix the backend's name and port in the Ingress.", ["ALB-I5"], lid, [`Rule:${lb.loadBalancerName}:${listener.port}:${rule.priority}`]));
      // The Gateway controller fills a rule whose backends it could not load with a bodiless fixed 503.
      else if (gateway && !rule.isDefault && a.fixedResponse?.statusCode === "503" && !a.fixedResponse.messageBody)
        findings.push(f("warning", "BACKEND_SERVICE_MISSING", `${where} (${describe(rule)}) answers a fixed 503 with no body: the controller's answer for a route rule whose backends it could not resolve${rule.source ? ` (${rule.source.kind} ${rule.source.namespace}/${rule.source.name})` : ""}.`, "kubectl describe the route: its ResolvedRefs condition names the backend Service or port that is missing, or a ReferenceGrant it needs.", ["GW-3"], lid, [`Rule:${lb.loadBalancerName}:${listener.port}:${rule.priority}`]));
      for (const tg of a.targetGroups ?? []) {
        if (seen.has(tg.arn)) continue;
        seen.add(tg.arn);
        const target = index.targetGroupsByArn.get(tg.arn);
        if (!target || !tg.service) {
          findings.push(f("warning", "BACKEND_UNKNOWN", `${where} forwards to target group ${tg.name ?? tg.arn}, which no Service of this cluster is bound to: which pods serve these requests is unknown.`, "Bind it with a TargetGroupBinding, or find the cluster or tool that registers its targets.", ["TGB-1"], lid));
          continue;
        }
        const built = targetGroupPath({ lb, facts, listener, tg: target, service: tg.service, weight: tg.share, rules: views }, index, warnings);
        if (!built) {
          findings.push(f("warning", "BACKEND_SERVICE_MISSING", `Target group ${tg.name} is bound to Service ${tg.service.namespace}/${tg.service.name} port ${tg.service.port}, which does not exist.`, "Create the Service (or the port), or remove the binding.", ["ALB-I5", "TGB-1"], lid));
          continue;
        }
        const path = built.path;
        paths.push(path);
        const svc = index.servicesByKey.get(objectKey(tg.service.namespace, tg.service.name))!;
        findings.push(...pathFindings(path, { etp: svc.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster", scheme: facts.scheme, dualStackToIpv4: false, missing: missingTargets(svc, path, index, "lbc") }), ...built.findings);
        findings.push(...foreignTargetFindings(path, target, idx, index));
      }
    }
  }
  return { paths, findings };
}

/** "host shop.example.com, path /api or /api/*" for messages. */
export function describe(rule: RuleView): string {
  if (rule.isDefault) return "no conditions";
  return rule.conditions.map((c) => `${c.field === "host-header" ? "host" : c.field === "path-pattern" ? "path" : c.name ? `header ${c.name}` : c.field} ${c.values.join(" or ")}`).join(", ");
}
