import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Snapshot } from "@/server/core/model/snapshot";
import type * as crd from "@/server/core/model/crds";
import type * as elbv2 from "@/server/core/model/elbv2";

/**
 * Shared helpers of the Gateway audit (gateway.audit.test.ts, gateway.fixes.test.ts): the demo snapshots, and
 * a port of the AWS Load Balancer Controller's HTTPRoute rule ordering, used as the reference to compare with.
 */

export const loadDemo = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;

/**
 * Port of kubernetes-sigs/aws-load-balancer-controller pkg/gateway/routeutils/route_rule_precedence.go
 * (SortAllRulesByPrecedence / compareHttpRulePrecedence / compareCommonTieBreakers), HTTPRoute only:
 * one entry per HTTPRouteMatch (a rule without matches counts as one match with MatchIndexInRule = MaxInt); order by
 * hostname list (non-wildcard > wildcard, more dots, longer), then path type (Exact 3 > PathPrefix 2 > Regex 1), path
 * length, has method, header count, query param count, then route creation time, route "ns/name", rule index, match
 * index. model_build_listener.go then numbers them `priority := int32(1) … priority += 1`.
 */
export interface OrderedMatch {
  priority: number;
  route: string;
  ruleIndex: number;
  matchIndex: number;
}

function hostOrder(a: string, b: string): number {
  const wa = a.startsWith("*."), wb = b.startsWith("*.");
  if (!wa && wb) return -1;
  if (wa && !wb) return 1;
  const da = a.split(".").length, db = b.split(".").length;
  if (da !== db) return da > db ? -1 : 1;
  if (a.length !== b.length) return a.length > b.length ? -1 : 1;
  return 0;
}
function hostListOrder(a: string[], b: string[]): number {
  const sa = [...a].sort(hostOrder), sb = [...b].sort(hostOrder);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const p = hostOrder(sa[i], sb[i]);
    if (p !== 0) return p;
  }
  return 0;
}
const pathType = (t: string | undefined) => (t === "Exact" ? 3 : t === "PathPrefix" || t === undefined ? 2 : t === "RegularExpression" ? 1 : 0);

export function controllerOrder(routes: (crd.Route & { metadata: { creationTimestamp?: string } })[]): OrderedMatch[] {
  type E = { route: crd.Route; ruleIndex: number; matchIndex: number; m: crd.HTTPRouteMatch | null };
  const all: E[] = [];
  for (const route of routes)
    (route.spec.rules ?? []).forEach((rule, ruleIndex) => {
      const ms = rule.matches ?? [];
      if (ms.length === 0) all.push({ route, ruleIndex, matchIndex: Number.MAX_SAFE_INTEGER, m: null });
      ms.forEach((m, matchIndex) => all.push({ route, ruleIndex, matchIndex, m }));
    });
  const key = (e: E) => `${e.route.metadata.namespace}/${e.route.metadata.name}`;
  const ts = (e: E) => Date.parse((e.route.metadata as { creationTimestamp?: string }).creationTimestamp ?? "1970-01-01T00:00:00Z");
  all.sort((a, b) => {
    const h = hostListOrder(a.route.spec.hostnames ?? [], b.route.spec.hostnames ?? []);
    if (h !== 0) return h;
    const fa = a.m ? { t: pathType(a.m.path?.type), l: (a.m.path?.value ?? "/").length, me: !!a.m.method, h: a.m.headers?.length ?? 0, q: a.m.queryParams?.length ?? 0 } : { t: 0, l: 0, me: false, h: 0, q: 0 };
    const fb = b.m ? { t: pathType(b.m.path?.type), l: (b.m.path?.value ?? "/").length, me: !!b.m.method, h: b.m.headers?.length ?? 0, q: b.m.queryParams?.length ?? 0 } : { t: 0, l: 0, me: false, h: 0, q: 0 };
    if (fa.t !== fb.t) return fb.t - fa.t;
    if (fa.l !== fb.l) return fb.l - fa.l;
    if (fa.me !== fb.me) return fa.me ? -1 : 1;
    if (fa.h !== fb.h) return fb.h - fa.h;
    if (fa.q !== fb.q) return fb.q - fa.q;
    if (ts(a) !== ts(b)) return ts(a) - ts(b);
    if (key(a) !== key(b)) return key(a) < key(b) ? -1 : 1;
    if (a.ruleIndex !== b.ruleIndex) return a.ruleIndex - b.ruleIndex;
    return a.matchIndex - b.matchIndex;
  });
  return all.map((e, i) => ({ priority: i + 1, route: key(e), ruleIndex: e.ruleIndex, matchIndex: e.matchIndex }));
}

/**
 * pkg/gateway/routeutils/route_rule_condition.go buildHttpPathCondition: PathPrefix "/" → ["/*"], "/p" (trailing "/"
 * trimmed) → ["/p", "/p/*"]; Exact → [value]; RegularExpression → RegexValues [value].
 */
export function controllerPathPatterns(m: crd.HTTPRouteMatch): string[] {
  const t = m.path?.type ?? "PathPrefix";
  const v = m.path?.value ?? "/";
  if (t === "PathPrefix") return v === "/" ? ["/*"] : [v.replace(/\/$/, ""), `${v.replace(/\/$/, "")}/*`];
  return [v];
}

export const listenerOf = (s: Snapshot, port = 80): elbv2.Listener => s.aws.loadBalancers[0].listeners.find((l) => l.port === port)!;
export const pathValues = (r: elbv2.Rule) => r.conditions.find((c) => c.field === "path-pattern")?.pathPatternConfig?.values ?? r.conditions.find((c) => c.field === "path-pattern")?.values ?? [];
