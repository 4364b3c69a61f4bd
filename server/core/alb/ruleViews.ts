import type * as elbv2 from "../model/elbv2";
import type * as ing from "../model/ingress";
import { ALB_ANNOTATION_PREFIX } from "../model/ingress";
import type { RuleActionView, RuleConditionView, RuleTargetGroupView, RuleView } from "@/lib/api/topology";
import type { SnapshotIndex } from "../index/snapshotIndex";
import type { AlbIndex } from "./albIndex";
import { conditionValues } from "./ruleMatch";
import { shadowedBy } from "./shadowing";

/**
 * ALB-I4: how the AWS Load Balancer Controller turns an Ingress path into rule conditions (pkg/ingress
 * model_build_listener_rules.go): the rule's host → host-header; the path → path-pattern, where pathType Prefix
 * gives `/foo` and `/foo/*` (`/` gives `/*`) and Exact / ImplementationSpecific the path as written.
 */
export function ingressPathPatterns(path: string | undefined, pathType: ing.HTTPIngressPath["pathType"]): string[] {
  // A path-less Ingress path adds no path-pattern of its own (buildRuleConditions).
  if (!path) return [];
  if ((pathType ?? "ImplementationSpecific") !== "Prefix") return [path];
  if (path === "/") return ["/*"];
  const base = path.replace(/\/+$/, "");
  return [base, `${base}/*`];
}

interface BackendConditions {
  hosts: string[];
  paths: string[];
  /** Conditions of other fields (http-header, query-string, …): the rule is then never condition-less. */
  others: number;
}

/**
 * `alb.ingress.kubernetes.io/conditions.<service>` (ALB-I4): a JSON list of rule conditions; the controller merges
 * its host-header and path-pattern values into the path's own and adds the other fields as conditions. Untrusted
 * text: anything that is not a list of objects counts as no conditions.
 */
export function backendConditions(m: ing.Ingress, service: string | undefined): BackendConditions {
  const out: BackendConditions = { hosts: [], paths: [], others: 0 };
  const raw = service ? m.metadata.annotations?.[`${ALB_ANNOTATION_PREFIX}conditions.${service}`] : undefined;
  if (!raw) return out;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return out;
  }
  if (!Array.isArray(list)) return out;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  type Cond = { field?: unknown; hostHeaderConfig?: { values?: unknown }; pathPatternConfig?: { values?: unknown } } | null;
  for (const c of list as Cond[]) {
    if (!c || typeof c !== "object") continue;
    if (c.field === "host-header") out.hosts.push(...strings(c.hostHeaderConfig?.values));
    else if (c.field === "path-pattern") out.paths.push(...strings(c.pathPatternConfig?.values));
    else out.others += 1;
  }
  return out;
}

/** The host-header and path-pattern values the controller gives the rule of one Ingress path (buildRuleConditions). */
function expectedValues(m: ing.Ingress, r: ing.IngressRule, p: ing.HTTPIngressPath): { hosts: string[]; paths: string[] } {
  const extra = backendConditions(m, p.backend.service?.name);
  const hosts = [...(r.host ? [r.host] : []), ...extra.hosts].map((h) => h.toLowerCase());
  const paths = [...ingressPathPatterns(p.path, p.pathType), ...extra.paths];
  // A rule needs a condition: with none at all the controller matches every path.
  return { hosts, paths: hosts.length === 0 && paths.length === 0 && extra.others === 0 ? ["/*"] : paths };
}

export function conditionView(c: elbv2.RuleCondition): RuleConditionView {
  const { values, regex } = conditionValues(c);
  const q = c.queryStringConfig?.values?.map((kv) => (kv.key !== undefined ? `${kv.key}=${kv.value ?? ""}` : kv.value ?? ""));
  return { field: c.field, values: [...(q ?? values), ...regex.map((r) => `regex:${r}`)], name: c.httpHeaderConfig?.httpHeaderName ?? null };
}

/** A target group's Service: its TargetGroupBinding (TGB-1), else the controller's Ingress tag `<ns>/<ing>-<svc>:<port>`. */
export function serviceOfTargetGroup(tg: elbv2.TargetGroup | undefined, arn: string, idx: AlbIndex, ingresses: ing.Ingress[]): RuleTargetGroupView["service"] {
  const b = idx.bindingsByArn.get(arn)?.[0];
  if (b) return { namespace: b.metadata.namespace, name: b.spec.serviceRef.name, port: b.spec.serviceRef.port };
  const res = tg?.tags["ingress.k8s.aws/resource"];
  if (!res) return null;
  for (const i of ingresses) {
    const prefix = `${i.metadata.namespace}/${i.metadata.name}-`;
    if (!res.startsWith(prefix)) continue;
    const rest = res.slice(prefix.length);
    const colon = rest.lastIndexOf(":");
    const port = rest.slice(colon + 1);
    return { namespace: i.metadata.namespace, name: rest.slice(0, colon), port: /^\d+$/.test(port) ? Number(port) : port };
  }
  return null;
}

export function actionView(a: elbv2.Action, index: SnapshotIndex, idx: AlbIndex, ingresses: ing.Ingress[]): RuleActionView {
  if (a.type === "forward") {
    const parts = a.forwardConfig?.targetGroups?.length ? a.forwardConfig.targetGroups : a.targetGroupArn ? [{ targetGroupArn: a.targetGroupArn, weight: 1 }] : [];
    // ALB-R10: a weighted forward splits the rule's requests by weight (a missing weight counts as 1, MODEL).
    const total = parts.reduce((n, p) => n + (p.weight ?? 1), 0);
    return {
      type: a.type,
      targetGroups: parts.map((p) => {
        const tg = index.targetGroupsByArn.get(p.targetGroupArn);
        return { arn: p.targetGroupArn, name: tg?.targetGroupName ?? null, weight: p.weight ?? 1, share: total > 0 ? (p.weight ?? 1) / total : 0, service: serviceOfTargetGroup(tg, p.targetGroupArn, idx, ingresses) };
      }),
    };
  }
  if (a.type === "redirect" && a.redirectConfig) {
    const r = a.redirectConfig;
    return { type: a.type, redirect: { location: `${r.protocol ?? "#{protocol}"}://${r.host ?? "#{host}"}:${r.port ?? "#{port}"}${r.path ?? "/#{path}"}${r.query !== undefined ? `?${r.query}` : "?#{query}"}`, statusCode: r.statusCode } };
  }
  if (a.type === "fixed-response" && a.fixedResponseConfig) return { type: a.type, fixedResponse: { statusCode: a.fixedResponseConfig.statusCode, messageBody: a.fixedResponseConfig.messageBody ?? null } };
  return { type: a.type };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** The Ingress whose path a rule was made from (same host and path patterns, ALB-I4), first in group order. */
function sourceOf(rule: elbv2.Rule, members: ing.Ingress[]): RuleView["source"] {
  if (rule.isDefault) {
    const withDefault = members.find((m) => m.spec.defaultBackend);
    return withDefault ? { kind: "Ingress", namespace: withDefault.metadata.namespace, name: withDefault.metadata.name } : null;
  }
  const host = rule.conditions.find((c) => c.field === "host-header");
  const path = rule.conditions.find((c) => c.field === "path-pattern");
  const hostValues = host ? conditionValues(host).values.map((v) => v.toLowerCase()) : [];
  const pathValues = path ? conditionValues(path).values : [];
  for (const m of members)
    for (const r of m.spec.rules ?? [])
      for (const p of r.http?.paths ?? [])
        if (matchesExpected(hostValues, pathValues, expectedValues(m, r, p)))
          return { kind: "Ingress", namespace: m.metadata.namespace, name: m.metadata.name };
  return null;
}

const matchesExpected = (hosts: string[], paths: string[], e: { hosts: string[]; paths: string[] }) => sameSet(hosts, e.hosts) && sameSet(paths, e.paths);

/** Every rule of a listener as the contract shows it, in evaluation order (ALB-R1), with shadowing (ALB-R9). */
export function ruleViews(listener: elbv2.Listener, index: SnapshotIndex, idx: AlbIndex, members: ing.Ingress[]): RuleView[] {
  const rules: elbv2.Rule[] = listener.rules ?? [{ ruleArn: `${listener.listenerArn}/default`, priority: "default", conditions: [], actions: listener.defaultActions, isDefault: true }];
  const shadow = shadowedBy(rules);
  const rank = (r: elbv2.Rule) => (r.isDefault || r.priority === "default" ? Number.POSITIVE_INFINITY : Number(r.priority));
  return [...rules].sort((a, b) => rank(a) - rank(b)).map((r) => ({
    arn: r.ruleArn,
    priority: r.priority,
    isDefault: r.isDefault || r.priority === "default",
    conditions: r.conditions.map(conditionView),
    // Actions run in `order`; the last is forward, redirect or fixed-response (authenticate-* come first).
    actions: [...r.actions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((a) => actionView(a, index, idx, members)),
    shadowedBy: shadow.get(r.ruleArn)?.priority ?? null,
    source: sourceOf(r, members),
  }));
}
