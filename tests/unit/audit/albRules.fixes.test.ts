import { describe, expect, it } from "vitest";
import { albIndex } from "@/server/core/alb/albIndex";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import { resolveIngressClass } from "@/server/core/alb/ingressClass";
import { matchCondition } from "@/server/core/alb/ruleMatch";
import { buildScenario } from "@/scripts/demo/scenario";
import { albIngressGroup } from "@/scripts/demo/scenarios/alb";
import type { ScenarioDef } from "@/scripts/demo/model";
import { header, host, ingress, loadScenario, path, rule, sim, sourceIp, withIngresses } from "./albRules.helpers";

/**
 * ALB listener-rule cases where lbpath disagreed with its sources until the audit of 2026-12-07. Each test asserts
 * what the source says and failed before its fix; the comment above it quotes the source, the input, what lbpath
 * did then ("Actual") and the judgement. (Agreements: albRules.audit.test.ts.)
 */

describe("ALB-R8 source-ip: IPv6 CIDR blocks", () => {
  /*
   * Source: ELBv2 API reference, SourceIpConditionConfig: "The source IP addresses, in CIDR format. You can use both
   *   IPv4 and IPv6 addresses. … the condition is satisfied if the source IP address of the request matches one of
   *   the CIDR blocks."
   * Input: rule 1 source-ip ["2001:db8::/32"]; request from 2001:db8::1 (RouteRequest accepts IPv6 sources).
   * Expected: rule 1 wins (2001:db8::1 is inside 2001:db8::/32). Actual: the default rule wins — inCidr() falls back to
   *   `ip === base` for anything that is not IPv4, so an IPv6 block only "contains" its own base address string, and
   *   the prefix length is ignored (2001:db8::/32 would even "contain" a source written "2001:db8::").
   * Judgement: real bug (ruleMatch.ts inCidr). The code comment calls this a MODEL, but the simulator answers "no-match"
   *   with certainty instead of "unknown"; dual-stack ALBs and IPv6 allow-lists route wrong in the simulator.
   */
  it("ALB-R8/SourceIpConditionConfig: 2001:db8::1 is in 2001:db8::/32", () => {
    expect(sim([rule("1", [sourceIp("2001:db8::/32")])], { host: "h.example.com", path: "/", sourceIp: "2001:db8::1" }).winner).toBe("1");
  });
});

describe("ALB-R5 http-header: a header that appears more than once", () => {
  /*
   * Source: ELBv2 API reference, HttpHeaderConditionConfig.Values: "If the same header appears multiple times in the
   *   request, we search them in order until a match is found." and HttpHeaderName: "The header name is case
   *   insensitive."
   * Input: condition x-env = "canary"; request headers { "X-Env": "prod", "x-env": "canary" } (the same header twice,
   *   as the simulator's header map can only express it: differing in case).
   * Expected: match (the second occurrence matches). Actual: "no-match" — matchCondition() takes only the first entry
   *   whose name matches (`Object.entries(...).find(...)`).
   * Judgement: minor bug; the simulator's request model (Record<string,string>) cannot carry repeated headers
   *   except by case, but when it does it should try each occurrence (`some` instead of `find`).
   */
  it("ALB-R5/HttpHeaderConditionConfig: every occurrence of a repeated header is tried", () => {
    expect(matchCondition(header("x-env", "canary"), { host: "h", path: "/", headers: { "X-Env": "prod", "x-env": "canary" } })).toBe("match");
  });
});

describe("ALB-I1 IngressClass: the kubernetes.io/ingress.class annotation wins over spec.ingressClassName", () => {
  /*
   * Source: aws-load-balancer-controller pkg/ingress/group_loader.go, classifyIngress: "// the
   *   "kubernetes.io/ingress.class" annotation takes higher priority than "ingressClassName" field" — `if
   *   ingClassAnnotation, exists := ing.Annotations[annotations.IngressClass]; exists { if matches … return …, true …
   *   } return …, false … }`; only without the annotation is `spec.ingressClassName` loaded.
   * Input: (a) annotation "alb" + ingressClassName "nginx"; (b) annotation "nginx" + ingressClassName "alb" (an
   *   IngressClass whose controller is ingress.k8s.aws/alb).
   * Expected: (a) served by the AWS Load Balancer Controller; (b) not served. Actual: the reverse —
   *   resolveIngressClass() reads ingressClassName first and looks at the annotation only when there is none, so (a)
   *   gets INGRESS_NOT_AWS and no path, and (b) is drawn as an ALB Ingress the controller ignores.
   * Judgement: real bug in ingressClass.ts (and ALB-I1's wording "or (without a class name) the annotation"). Such
   *   mixed Ingresses exist during migrations from the annotation to ingressClassName.
   */
  it("ALB-I1/group_loader.go classifyIngress: annotation alb + ingressClassName nginx → AWS Load Balancer Controller", () => {
    const a = ingress("shop", "a", { className: "nginx", annotations: { "kubernetes.io/ingress.class": "alb" } });
    expect(resolveIngressClass(a, albIndex(withIngresses([a]))).controller).toBe("aws-load-balancer-controller");
  });

  it("ALB-I1/group_loader.go classifyIngress: annotation nginx + ingressClassName alb → not the AWS controller's", () => {
    const b = ingress("shop", "b", { className: "alb", annotations: { "kubernetes.io/ingress.class": "nginx" } });
    expect(resolveIngressClass(b, albIndex(withIngresses([b]))).controller).toBeNull();
  });
});

describe("ALB-I3 rule order within one Ingress: Exact first, then Prefix longest first, then ImplementationSpecific", () => {
  /*
   * Source: aws-load-balancer-controller pkg/ingress/model_build_listener_rules.go, buildListenerRules calls
   *   `paths, err := t.sortIngressPaths(rule.HTTP.Paths)`, and: "// sortIngressPaths will sort the paths following the
   *   strategy: // all exact match paths come first, no need to sort since exact match has to be unique // followed by
   *   prefix paths, sort by lengths - longer paths get precedence // followed by ImplementationSpecific paths or paths
   *   with no pathType specified, keep the original order". Priorities are then 1, 2, … in that order.
   * lbpath: ALB-I3 (lib/api/rules.ts, docs/rules.md) says "within an Ingress, its rules and paths in spec order", and
   *   the demo generator (scripts/demo/alb.ts buildAlb) numbers rules that way.
   * Input: one Ingress, host shop.example.com, paths in spec order: Prefix "/" → web, Exact "/healthz" → api,
   *   Prefix "/api" → api.
   * Expected (controller): priority 1 = [/healthz], 2 = [/api, /api/*], 3 = [/*]; shop.example.com/api/x → rule 2.
   * Actual (demo generator): 1 = [/*], 2 = [/healthz], 3 = [/api, /api/*]; the /* rule shadows the other two and
   *   the simulator sends /api/x and /healthz to web.
   * Judgement: the live simulator reads AWS's real priorities, so it is not affected; the documented rule ALB-I3 and
   *   every demo scenario built from a multi-path Ingress are wrong (they invent shadowing the controller avoids).
   */
  it("ALB-I3/model_build_listener_rules.go sortIngressPaths: Exact, then longer Prefix, then shorter Prefix", () => {
    const def: ScenarioDef = {
      ...albIngressGroup,
      id: "audit-path-order",
      ingresses: [
        {
          namespace: "shop", name: "storefront", targetType: "ip", scheme: "internet-facing",
          rules: [{ host: "shop.example.com", paths: [{ path: "/", pathType: "Prefix", service: "web", port: 80 }, { path: "/healthz", pathType: "Exact", service: "api", port: 80 }, { path: "/api", pathType: "Prefix", service: "api", port: 80 }] }],
        },
      ],
      albs: [{ stack: "shop/storefront", zones: ["a", "b"] }],
    };
    const snap = buildScenario(def);
    const l80 = snap.aws.loadBalancers.find((l) => l.type === "application")!.listeners.find((l) => l.port === 80)!;
    const order = l80.rules!.filter((r) => !r.isDefault).sort((a, b) => Number(a.priority) - Number(b.priority)).map((r) => r.conditions.find((c) => c.field === "path-pattern")!.pathPatternConfig!.values);
    expect(order).toEqual([["/healthz"], ["/api", "/api/*"], ["/*"]]);
  });
});

describe("ALB-I4 rule → Ingress attribution (ruleViews sourceOf)", () => {
  /*
   * Source: aws-load-balancer-controller pkg/ingress/model_build_listener_rules.go, buildRuleConditions: `if path.Path
   *   != "" { … paths = append(paths, pathPatterns...) }` … `if len(conditions) == 0 { conditions = append(conditions,
   *   t.buildPathPatternCondition(ctx, []string{"/*"})) }` — an Ingress path with no `path` gets no path-pattern of its
   *   own; with no host either, the rule is path-pattern ["/*"] (with a host, the rule has only the host-header).
   *   (networking.k8s.io/v1 HTTPIngressPath.path is optional for ImplementationSpecific.)
   * Input: Ingress default/web (alb-instance) whose only path omits `path` (pathType ImplementationSpecific, backend
   *   web:80); the ALB's rule 1 is path-pattern ["/*"] → web's target group, exactly what the controller makes.
   * Expected: rule 1 is credited to Ingress default/web and the Ingress has its ALB paths (one per listener).
   * Actual: ingressPathPatterns(undefined, …) gives ["/"], sourceOf() finds no Ingress path with ["/*"], the rule's
   *   source is null and buildIngressTopology() returns no path at all for this Ingress.
   * Judgement: real bug (ruleViews.ts ingressPathPatterns / sourceOf): a path-less Ingress rule is a common catch-all.
   */
  it("ALB-I4/buildRuleConditions: a path-less Ingress path is the controller's /* rule and belongs to the Ingress", () => {
    const s = loadScenario("alb-instance");
    const ing = s.kubernetes.ingresses![0];
    ing.spec.rules = [{ http: { paths: [{ pathType: "ImplementationSpecific", backend: ing.spec.rules![0].http!.paths[0].backend }] } }];
    const t = buildIngressTopology(s, { namespace: "default", name: "web" })!;
    expect(t.paths.length).toBeGreaterThan(0);
    expect(t.paths[0].rules?.find((r) => r.priority === "1")?.source).toEqual({ kind: "Ingress", namespace: "default", name: "web" });
  });

  /*
   * Source: same function: `for _, condition := range backend.Conditions { switch condition.Field { case
   *   RuleConditionFieldHostHeader: … hosts = append(hosts, condition.HostHeaderConfig.Values...)` and then one
   *   `buildHostHeaderCondition(ctx, hosts)` — host-header values from `alb.ingress.kubernetes.io/conditions.<svc>` are
   *   merged into the rule host's own host-header condition (ORed with it).
   * Input: alb-instance Ingress default/web (no host, Prefix "/" → web) with annotation conditions.web =
   *   [{"field":"host-header","hostHeaderConfig":{"values":["www.example.com"]}}]; the ALB's rule 1 then is
   *   host-header ["www.example.com"] + path-pattern ["/*"].
   * Expected: rule 1 credited to default/web. Actual: sourceOf() requires the rule's host values to equal exactly the
   *   Ingress rule's host ([] here), finds no match, and the Ingress loses its paths.
   * Judgement: real but narrower bug: nothing in server/core/alb reads `conditions.*` (server/core/model/ingress.ts
   *   lists it among the annotations "the ALB analysis reads"), so attribution by exact host set fails for such rules.
   */
  it("ALB-I4/buildRuleConditions: hosts from conditions.<svc> merge into the rule's host-header; the rule is still the Ingress's", () => {
    const s = loadScenario("alb-instance");
    const ing = s.kubernetes.ingresses![0];
    ing.metadata.annotations = { ...ing.metadata.annotations, "alb.ingress.kubernetes.io/conditions.web": JSON.stringify([{ field: "host-header", hostHeaderConfig: { values: ["www.example.com"] } }]) };
    for (const l of s.aws.loadBalancers.find((x) => x.type === "application")!.listeners)
      for (const r of l.rules ?? []) if (!r.isDefault) r.conditions = [host("www.example.com"), path("/*")];
    const t = buildIngressTopology(s, { namespace: "default", name: "web" })!;
    expect(t.paths.length).toBeGreaterThan(0);
    expect(t.paths[0].rules?.find((r) => r.priority === "1")?.source).toEqual({ kind: "Ingress", namespace: "default", name: "web" });
  });
});

describe("ALB-R9 shadowing with source-ip blocks", () => {
  // A rule for 10.0.0.0/8 matches every request a later rule for 10.1.0.0/16 (same other conditions) matches, so the
  // later one never wins. lbpath compared CIDR strings, so it only saw shadowing between identical blocks.
  it("10.0.0.0/8 before 10.1.0.0/16 shadows it; the reverse order does not", async () => {
    const { shadowedBy } = await import("@/server/core/alb/shadowing");
    const by = (rules: ReturnType<typeof rule>[]) => Object.fromEntries([...shadowedBy(rules)].map(([arn, r]) => [arn.split("/").pop(), r?.priority ?? null]));
    expect(by([rule("1", [path("/*"), sourceIp("10.0.0.0/8")]), rule("2", [path("/*"), sourceIp("10.1.0.0/16")])])).toEqual({ "1": null, "2": "1" });
    expect(by([rule("1", [path("/*"), sourceIp("10.1.0.0/16")]), rule("2", [path("/*"), sourceIp("10.0.0.0/8")])])).toEqual({ "1": null, "2": null });
    expect(by([rule("1", [path("/*"), sourceIp("2001:db8::/32")]), rule("2", [path("/*"), sourceIp("2001:db8:1::/48")])])).toEqual({ "1": null, "2": "1" });
  });
});
