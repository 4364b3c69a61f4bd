import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Action, Rule, RuleCondition } from "@/server/core/model/elbv2";
import type { Ingress } from "@/server/core/model/ingress";
import type { Snapshot } from "@/server/core/model/snapshot";
import { simulateIngressRoute } from "@/server/core/alb/simulate";
import { RouteRequest } from "@/lib/api/route";

/**
 * Shared helpers of the ALB listener-rule audit (albRules.audit.test.ts, albRules.fixes.test.ts).
 * The simulator evaluates the listener rules AWS reports (DescribeRules), so the cases replace the rules of the
 * `alb-instance` demo ALB (Ingress default/web, listener 80) with hand-written ones.
 */
export const loadScenario = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;

export const host = (...v: string[]): RuleCondition => ({ field: "host-header", hostHeaderConfig: { values: v } });
export const path = (...v: string[]): RuleCondition => ({ field: "path-pattern", pathPatternConfig: { values: v } });
export const header = (name: string, ...v: string[]): RuleCondition => ({ field: "http-header", httpHeaderConfig: { httpHeaderName: name, values: v } });
export const method = (...v: string[]): RuleCondition => ({ field: "http-request-method", httpRequestMethodConfig: { values: v } });
export const query = (...v: { key?: string; value: string }[]): RuleCondition => ({ field: "query-string", queryStringConfig: { values: v } });
export const sourceIp = (...v: string[]): RuleCondition => ({ field: "source-ip", sourceIpConfig: { values: v } });

export const fixed = (code: string): Action => ({ type: "fixed-response", fixedResponseConfig: { statusCode: code, contentType: "text/plain" } });
export const rule = (priority: string, conditions: RuleCondition[], action: Action = fixed(`2${priority.padStart(2, "0").slice(-2)}`)): Rule => ({
  ruleArn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/audit/0/0/${priority}`,
  priority,
  conditions,
  actions: [action],
  isDefault: priority === "default",
});

/** The alb-instance snapshot with listener 80's rules replaced by `rules` (+ the default rule, fixed 404). */
export function withRules(rules: Rule[]): Snapshot {
  const s = loadScenario("alb-instance");
  const lb = s.aws.loadBalancers.find((l) => l.type === "application")!;
  const l80 = lb.listeners.find((l) => l.port === 80)!;
  l80.defaultActions = [fixed("404")];
  l80.rules = [...rules, rule("default", [], fixed("404"))];
  return s;
}

/** Simulate one request against hand-written rules; the winner's priority and the evaluation. */
export function sim(rules: Rule[], req: Record<string, unknown>) {
  const r = simulateIngressRoute(withRules(rules), { namespace: "default", name: "web" }, RouteRequest.parse(req))!;
  return { winner: r.winner?.priority ?? null, alsoMatching: r.alsoMatching, undecided: r.undecided, evaluated: r.evaluated, action: r.action, result: r };
}

/** A minimal Ingress. */
export function ingress(namespace: string, name: string, opts: { className?: string; annotations?: Record<string, string>; rules?: Ingress["spec"]["rules"] } = {}): Ingress {
  return {
    metadata: { namespace, name, annotations: opts.annotations ?? {} },
    spec: { ...(opts.className ? { ingressClassName: opts.className } : {}), rules: opts.rules ?? [] },
  } as Ingress;
}

/** A snapshot (from alb-ingress-group) whose Ingresses are replaced, IngressClasses "alb" (LBC) and "nginx" added. */
export function withIngresses(ings: Ingress[]): Snapshot {
  const s = loadScenario("alb-ingress-group");
  s.kubernetes.ingresses = ings;
  s.kubernetes.ingressClasses = [
    { metadata: { name: "alb" }, spec: { controller: "ingress.k8s.aws/alb" } },
    { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } },
  ];
  return s;
}
