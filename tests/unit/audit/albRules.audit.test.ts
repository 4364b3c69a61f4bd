import { describe, expect, it } from "vitest";
import { RouteRequest } from "@/lib/api/route";
import { albIndex } from "@/server/core/alb/albIndex";
import { groupMembers, ingressGroupOf, resolveIngressClass } from "@/server/core/alb/ingressClass";
import { globMatch, matchCondition, matchRule } from "@/server/core/alb/ruleMatch";
import { ingressPathPatterns } from "@/server/core/alb/ruleViews";
import { ruleCovers, shadowedBy } from "@/server/core/alb/shadowing";
import { simulateGatewayRoute, simulateIngressRoute } from "@/server/core/alb/simulate";
import { fixed, header, host, ingress, loadScenario, method, path, query, rule, sim, sourceIp, withIngresses, withRules } from "./albRules.helpers";

/**
 * Audit of lbpath's ALB listener-rule evaluation against AWS's and the AWS Load Balancer Controller's documented
 * behaviour: cases where lbpath AGREES. Sources quoted (see albRules.fixes.test.ts for the disagreements):
 *
 * E1  ALB guide "Listener rules": "Rules are evaluated in priority order, from the lowest value to the highest
 *     value. The default rule is evaluated last." / "If none of the conditions for the other rules are met, then the
 *     action for the default rule is performed."
 * E2  ALB guide "Condition types": "You can specify up to three match evaluations per condition … The condition is
 *     satisfied if one of the strings matches … To require that all of the strings are a match, create one condition
 *     per match evaluation."
 * E3h HostHeaderConditionConfig: "The comparison is case insensitive. The following wildcard characters are
 *     supported: * (matches 0 or more characters) and ? (matches exactly 1 character)."
 * E3p PathPatternConditionConfig: "The comparison is case sensitive. … * (matches 0 or more characters) and ?
 *     (matches exactly 1 character). … The path pattern is compared only to the path of the URL, not to its query
 *     string."
 * E3H HttpHeaderConditionConfig: "The header name is case insensitive. … Wildcards are not supported." (name);
 *     "The comparison strings are case insensitive. The following wildcard characters are supported" (values).
 * E3q QueryStringConditionConfig: "The key/value pairs or values to find in the query string. … The comparison is
 *     case insensitive. … To search for a literal '*' or '?' character in a query string, you must escape these
 *     characters in Values using a '\' character." CDK QueryStringCondition.key: "Default: Any key can be matched."
 * E3m HttpRequestMethodConditionConfig: "The comparison is case sensitive. Wildcards are not supported; therefore,
 *     the method name must be an exact match."
 * E3s SourceIpConditionConfig: "The source IP addresses, in CIDR format. … This condition is not satisfied by the
 *     addresses in the X-Forwarded-For header."
 * LI4 aws-load-balancer-controller pkg/ingress/model_build_listener_rules.go, buildPathPatternsForPrefixPathType:
 *     "with prefixType type, both "/foo" or "/foo/" should matches path like "/foo" or "/foo/" or "/foo/bar". … we'll
 *     generate two path pattern … an special case is "/", which matches all paths, thus we generate the path pattern
 *     as "/*"" (code: `normalizedPath := strings.TrimSuffix(path, "/"); return []string{normalizedPath,
 *     normalizedPath + "/*"}`); Exact and ImplementationSpecific: `return []string{path}`; a nil pathType is
 *     ImplementationSpecific.
 * LG  same repo pkg/ingress/group_loader.go sortGroupMembers: "If two Ingress are of same order, they are sorted by
 *     lexical order of their full-qualified name." (orders ascending; defaultGroupOrder 0, range [-1000, 1000]).
 * GWp same repo pkg/gateway/routeutils/route_rule_condition.go: "with prefixType type, the paths `/abc`, `/abc/`,
 *     and `/abc/def` would all match the prefix `/abc`, but the path `/abcd` would not."
 */

const W = (rules: Parameters<typeof sim>[0], req: Record<string, unknown>) => sim(rules, req).winner;

describe("ALB-R1 (E1): priority order, lowest number first, default last", () => {
  it("ALB-R1/E1: numeric, not string, order of priorities; the default rule last", () => {
    const rules = [rule("100", [path("/*")]), rule("10", [path("/a/*")]), rule("9", [path("/a/b")])];
    expect(W(rules, { host: "x.example.com", path: "/a/b" })).toBe("9");
    expect(W(rules, { host: "x.example.com", path: "/a/c" })).toBe("10");
    expect(W(rules, { host: "x.example.com", path: "/z" })).toBe("100");
    const r = sim(rules, { host: "x.example.com", path: "/a/b" });
    expect(r.evaluated.map((e) => e.priority)).toEqual(["9", "10", "100", "default"]);
    expect(r.alsoMatching).toEqual(["10", "100"]);
  });

  it("ALB-R1/E1: nothing matches → the default rule's action (fixed 404 here) runs", () => {
    const r = sim([rule("1", [host("a.example.com")])], { host: "b.example.com", path: "/" });
    expect(r.winner).toBe("default");
    expect(r.action?.type).toBe("fixed-response");
    expect(r.action?.fixedResponse?.statusCode).toBe("404");
  });
});

describe("ALB-R2 (E2): values ORed within a condition, conditions ANDed", () => {
  it("ALB-R2/E2: OR within host values, AND across host + path + method", () => {
    const rules = [rule("1", [host("a.example.com", "b.example.com"), path("/x/*"), method("POST")])];
    expect(W(rules, { host: "b.example.com", path: "/x/1", method: "POST" })).toBe("1");
    expect(W(rules, { host: "b.example.com", path: "/x/1", method: "GET" })).toBe("default");
    expect(W(rules, { host: "c.example.com", path: "/x/1", method: "POST" })).toBe("default");
  });

  it("ALB-R2/E2: two http-header conditions on one rule must both match (one condition per required string)", () => {
    const rules = [rule("1", [header("x-a", "1"), header("x-b", "2")])];
    expect(W(rules, { host: "h.example.com", path: "/", headers: { "x-a": "1", "x-b": "2" } })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/", headers: { "x-a": "1" } })).toBe("default");
  });
});

describe("ALB-I4 (LI4) + ALB-R4 (E3p): Ingress path types → path-pattern values → matching", () => {
  it("ALB-I4/LI4: Prefix /foo → [/foo, /foo/*]; /foo/ → the same; / → [/*]", () => {
    expect(ingressPathPatterns("/foo", "Prefix")).toEqual(["/foo", "/foo/*"]);
    expect(ingressPathPatterns("/foo/", "Prefix")).toEqual(["/foo", "/foo/*"]);
    expect(ingressPathPatterns("/", "Prefix")).toEqual(["/*"]);
  });

  it("ALB-I4/LI4 + ALB-R4/E3p: Prefix /foo matches /foo, /foo/, /foo/bar but NOT /foobar nor /FOO", () => {
    const rules = [rule("1", [path(...ingressPathPatterns("/foo", "Prefix"))])];
    for (const p of ["/foo", "/foo/", "/foo/bar", "/foo/bar/baz"]) expect(W(rules, { host: "h.example.com", path: p }), p).toBe("1");
    for (const p of ["/foobar", "/fo", "/FOO", "/Foo/bar", "/"]) expect(W(rules, { host: "h.example.com", path: p }), p).toBe("default");
  });

  it("ALB-I4/LI4: Exact /foo → [/foo]: /foo only, not /foo/ nor /foo/bar", () => {
    expect(ingressPathPatterns("/foo", "Exact")).toEqual(["/foo"]);
    const rules = [rule("1", [path(...ingressPathPatterns("/foo", "Exact"))])];
    expect(W(rules, { host: "h.example.com", path: "/foo" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/foo/" })).toBe("default");
    expect(W(rules, { host: "h.example.com", path: "/foo/bar" })).toBe("default");
  });

  it("ALB-I4/LI4: ImplementationSpecific (and a missing pathType) keep the path as written, wildcards included", () => {
    expect(ingressPathPatterns("/api/*/v1", "ImplementationSpecific")).toEqual(["/api/*/v1"]);
    expect(ingressPathPatterns("/img/*", undefined)).toEqual(["/img/*"]);
    const rules = [rule("1", [path("/api/*/v1")]), rule("2", [path("/v?/x")])];
    expect(W(rules, { host: "h.example.com", path: "/api/orders/v1" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/api/a/b/v1" })).toBe("1"); // * spans '/' (0 or more characters)
    expect(W(rules, { host: "h.example.com", path: "/api/v1" })).toBe("default");
    expect(W(rules, { host: "h.example.com", path: "/v2/x" })).toBe("2");
    expect(W(rules, { host: "h.example.com", path: "/v10/x" })).toBe("default"); // ? is exactly one character
    expect(W(rules, { host: "h.example.com", path: "/vx" })).toBe("default");
  });

  it("ALB-R4/E3p: the path pattern is compared with the path only, never the query string", () => {
    const rules = [rule("1", [path("/search")])];
    expect(W(rules, { host: "h.example.com", path: "/search", query: "q=/search*" })).toBe("1");
    expect(matchCondition(path("/search"), { host: "h", path: "/search?x=1" })).toBe("match");
  });
});

describe("ALB-R3 (E3h): host-header", () => {
  it("ALB-R3/E3h: *.example.com matches a.example.com and a.b.example.com (* is 0 or more characters), not example.com", () => {
    const rules = [rule("1", [host("*.example.com")])];
    expect(W(rules, { host: "a.example.com", path: "/" })).toBe("1");
    expect(W(rules, { host: "a.b.example.com", path: "/" })).toBe("1");
    expect(W(rules, { host: "example.com", path: "/" })).toBe("default");
    expect(W(rules, { host: "badexample.com", path: "/" })).toBe("default");
  });

  it("ALB-R3/E3h: case-insensitive both ways; ? is exactly one character", () => {
    expect(W([rule("1", [host("Shop.EXAMPLE.com")])], { host: "shop.example.COM", path: "/" })).toBe("1");
    expect(W([rule("1", [host("shop?.example.com")])], { host: "shop1.example.com", path: "/" })).toBe("1");
    expect(W([rule("1", [host("shop?.example.com")])], { host: "shop.example.com", path: "/" })).toBe("default");
    expect(W([rule("1", [host("shop?.example.com")])], { host: "shop12.example.com", path: "/" })).toBe("default");
  });
});

describe("ALB-R5 (E3H): http-header", () => {
  it("ALB-R5/E3H: header name and values compare case-insensitively, values with wildcards; absent header → no match", () => {
    const c = header("User-Agent", "*Mobile*", "curl/?.*");
    expect(matchCondition(c, { host: "h", path: "/", headers: { "user-agent": "Foo MOBILE bar" } })).toBe("match");
    expect(matchCondition(c, { host: "h", path: "/", headers: { "USER-AGENT": "curl/8.4" } })).toBe("match");
    expect(matchCondition(c, { host: "h", path: "/", headers: { "user-agent": "Firefox" } })).toBe("no-match");
    expect(matchCondition(c, { host: "h", path: "/", headers: { "x-other": "mobile" } })).toBe("no-match");
    expect(matchCondition(c, { host: "h", path: "/" })).toBe("no-match");
  });
});

describe("ALB-R6 (E3q): query-string", () => {
  it("ALB-R6/E3q: key and value case-insensitive; a missing query string or key → no match", () => {
    const rules = [rule("1", [query({ key: "version", value: "v1" })])];
    expect(W(rules, { host: "h.example.com", path: "/", query: "a=1&Version=V1" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/", query: "version=v2" })).toBe("default");
    expect(W(rules, { host: "h.example.com", path: "/", query: "ver=v1" })).toBe("default");
    expect(W(rules, { host: "h.example.com", path: "/" })).toBe("default");
  });

  it("ALB-R6/E3q + CDK 'Any key can be matched': a value without a key matches that value under any key", () => {
    const rules = [rule("1", [query({ value: "blue" })])];
    expect(W(rules, { host: "h.example.com", path: "/", query: "color=BLUE" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/", query: "shade=blue&x=1" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/", query: "blue=red" })).toBe("default");
  });

  it("ALB-R6/E3q: wildcards in values; '\\*' is a literal star; values of one condition ORed", () => {
    expect(matchCondition(query({ key: "v", value: "b*" }), { host: "h", path: "/", query: "v=beta" })).toBe("match");
    expect(matchCondition(query({ key: "v", value: "a\\*b" }), { host: "h", path: "/", query: "v=a*b" })).toBe("match");
    expect(matchCondition(query({ key: "v", value: "a\\*b" }), { host: "h", path: "/", query: "v=axxb" })).toBe("no-match");
    expect(matchCondition(query({ key: "a", value: "1" }, { key: "b", value: "2" }), { host: "h", path: "/", query: "b=2" })).toBe("match");
    expect(globMatch("a\\?", "a?", true)).toBe(true);
  });
});

describe("ALB-R7 (E3m): http-request-method", () => {
  it("ALB-R7/E3m: exact and case-sensitive, no wildcards; values ORed", () => {
    expect(matchCondition(method("GET", "HEAD"), { host: "h", path: "/", method: "HEAD" })).toBe("match");
    expect(matchCondition(method("POST"), { host: "h", path: "/", method: "post" })).toBe("no-match");
    expect(matchCondition(method("P*"), { host: "h", path: "/", method: "POST" })).toBe("no-match");
    expect(matchCondition(method("PUT"), { host: "h", path: "/", method: "PUTX" })).toBe("no-match");
  });
});

describe("ALB-R8 (E3s): source-ip", () => {
  it("ALB-R8/E3s: IPv4 CIDR containment; multiple CIDRs ORed", () => {
    const rules = [rule("1", [sourceIp("10.0.0.0/8", "192.0.2.0/24")])];
    expect(W(rules, { host: "h.example.com", path: "/", sourceIp: "10.200.3.4" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/", sourceIp: "192.0.2.255" })).toBe("1");
    expect(W(rules, { host: "h.example.com", path: "/", sourceIp: "192.0.3.1" })).toBe("default");
    expect(W([rule("1", [sourceIp("203.0.113.7/32")])], { host: "h.example.com", path: "/", sourceIp: "203.0.113.7" })).toBe("1");
    expect(W([rule("1", [sourceIp("0.0.0.0/0")])], { host: "h.example.com", path: "/", sourceIp: "198.51.100.1" })).toBe("1");
  });

  it("ALB-R8/E3s: not satisfied by X-Forwarded-For; a request without a source IP leaves the rule undecided", () => {
    const rules = [rule("1", [sourceIp("10.0.0.0/8")])];
    expect(W(rules, { host: "h.example.com", path: "/", sourceIp: "192.0.2.1", headers: { "X-Forwarded-For": "10.1.1.1" } })).toBe("default");
    const r = sim(rules, { host: "h.example.com", path: "/" });
    expect(r.winner).toBe("default");
    expect(r.undecided).toEqual(["1"]);
  });
});

describe("ALB-R9 (E1 + E3*): shadowing — only when the earlier rule matches every request the later one matches", () => {
  const shadows = (rules: ReturnType<typeof rule>[]) => Object.fromEntries([...shadowedBy(rules)].map(([arn, by]) => [arn.split("/").pop(), by?.priority ?? null]));

  it("ALB-R9: an earlier broader rule (/*) shadows a later /api/* rule; the simulator reports the later one in alsoMatching", () => {
    const rules = [rule("1", [host("shop.example.com"), path("/*")]), rule("2", [host("shop.example.com"), path("/api", "/api/*")])];
    expect(shadows(rules)).toEqual({ "1": null, "2": "1" });
    const r = sim(rules, { host: "shop.example.com", path: "/api/orders" });
    expect(r.winner).toBe("1");
    expect(r.alsoMatching).toEqual(["2"]);
  });

  it("ALB-R9/E2: NOT shadowed when the earlier broad rule carries an extra condition (header, query, method, source IP)", () => {
    for (const extra of [header("x-canary", "1"), query({ key: "v", value: "2" }), method("POST"), sourceIp("10.0.0.0/8")]) {
      const rules = [rule("1", [path("/*"), extra]), rule("2", [path("/api/*")])];
      expect(shadows(rules), extra.field).toEqual({ "1": null, "2": null });
    }
    // …and the simulator lets rule 2 win when the extra condition fails.
    expect(W([rule("1", [path("/*"), header("x-canary", "1")]), rule("2", [path("/api/*")])], { host: "h.example.com", path: "/api/x" })).toBe("2");
  });

  it("ALB-R9 + ALB-R3: *.example.com hides a.b.example.com but not example.com; an earlier host-less rule hides any host", () => {
    expect(ruleCovers([host("*.example.com")], [host("a.b.example.com"), path("/x")])).toBe(true);
    expect(ruleCovers([host("*.example.com")], [host("example.com")])).toBe(false);
    expect(ruleCovers([path("/*")], [host("a.example.com"), path("/x")])).toBe(true);
    expect(ruleCovers([host("a.example.com"), path("/*")], [path("/x")])).toBe(false);
  });

  it("ALB-R9 + ALB-R4/R7: path patterns compare case-sensitively; a method set covers its subsets only", () => {
    expect(ruleCovers([path("/API/*")], [path("/api/x")])).toBe(false);
    expect(ruleCovers([path("/a?c")], [path("/a*c")])).toBe(false);
    expect(ruleCovers([method("GET", "POST"), path("/*")], [method("GET"), path("/x")])).toBe(true);
    expect(ruleCovers([method("GET")], [method("GET", "POST")])).toBe(false);
  });

  it("ALB-R9/E1: the default rule is never shadowed, even behind a catch-all", () => {
    expect(shadows([rule("1", [path("/*")]), rule("default", [])])).toEqual({ "1": null, default: null });
  });
});

describe("ALB-R10: weighted forward", () => {
  it("ALB-R10/E3 ForwardConfig weights: each target group gets weight / Σ weights", () => {
    const s = withRules([]);
    const l80 = s.aws.loadBalancers.find((l) => l.type === "application")!.listeners.find((l) => l.port === 80)!;
    const tg = s.aws.targetGroups[0].targetGroupArn;
    l80.rules = [
      rule("1", [path("/*")], { type: "forward", forwardConfig: { targetGroups: [{ targetGroupArn: tg, weight: 3 }, { targetGroupArn: `${tg}-other`, weight: 1 }] } }),
      rule("default", [], fixed("404")),
    ];
    const r = simulateIngressRoute(s, { namespace: "default", name: "web" }, RouteRequest.parse({ host: "h.example.com", path: "/" }))!;
    expect(r.action?.targetGroups?.map((t) => t.share)).toEqual([0.75, 0.25]);
  });
});

describe("ALB-I1 / ALB-I3 (LG): IngressClass and IngressGroup order", () => {
  it("ALB-I1: ingressClassName → IngressClass controller ingress.k8s.aws/alb; without a class name the annotation alb", () => {
    const a = ingress("shop", "a", { className: "alb" });
    const b = ingress("shop", "b", { annotations: { "kubernetes.io/ingress.class": "alb" } });
    const c = ingress("shop", "c", { className: "nginx" });
    const idx = albIndex(withIngresses([a, b, c]));
    expect(resolveIngressClass(a, idx).controller).toBe("aws-load-balancer-controller");
    expect(resolveIngressClass(b, idx).controller).toBe("aws-load-balancer-controller");
    expect(resolveIngressClass(c, idx).controller).toBeNull();
  });

  it("ALB-I3/LG: group members in ascending group.order (default 0, negatives allowed), ties by namespace/name", () => {
    const g = (ns: string, name: string, order?: number) =>
      ingress(ns, name, { className: "alb", annotations: { "alb.ingress.kubernetes.io/group.name": "shop", ...(order !== undefined ? { "alb.ingress.kubernetes.io/group.order": String(order) } : {}) } });
    const ings = [g("b", "z", 5), g("b", "a"), g("a", "z"), g("c", "c", -3), g("a", "b", 5)];
    const idx = albIndex(withIngresses(ings));
    const group = ingressGroupOf(ings[0], resolveIngressClass(ings[0], idx));
    expect(group).toEqual({ name: "shop", explicit: true, order: 5 });
    expect(groupMembers(group, idx).map((m) => `${m.ingress.metadata.namespace}/${m.ingress.metadata.name}:${m.order}`)).toEqual(["c/c:-3", "a/z:0", "b/a:0", "a/b:5", "b/z:5"]);
  });

  it("ALB-I3/LG: an Ingress without a group is its own implicit group <ns>/<name>", () => {
    const a = ingress("shop", "solo", { className: "alb" });
    const idx = albIndex(withIngresses([a]));
    expect(ingressGroupOf(a, resolveIngressClass(a, idx))).toEqual({ name: "shop/solo", explicit: false, order: 0 });
  });

  it("ALB-I3 + ALB-R9 (demo alb-ingress-group): the lower group.order member's /* hides the other member's /api", () => {
    const r = simulateIngressRoute(loadScenario("alb-ingress-group"), { namespace: "shop", name: "api" }, RouteRequest.parse({ host: "shop.example.com", path: "/api/orders" }))!;
    expect(r.winner?.priority).toBe("1");
    expect(r.winner?.source).toEqual({ kind: "Ingress", namespace: "shop", name: "storefront" });
    expect(r.alsoMatching).toEqual(["3"]); // the api Ingress's /api is rule 3: its longer Prefix /admin comes first (sortIngressPaths)
  });
});

describe("GW-3 (GWp): Gateway HTTPRoute rules, evaluated as the ALB's listener rules", () => {
  const gw = (p: string) => simulateGatewayRoute(loadScenario("gateway-httproute"), { namespace: "default", name: "shop-gw" }, RouteRequest.parse({ host: "shop.example.com", path: p }))!;

  it("GW-3/GWp: PathPrefix /store → [/store, /store/*]: /store and /store/x win rule 1, /storefront falls to the / rule", () => {
    expect(gw("/store").winner?.priority).toBe("1");
    expect(gw("/store/cart").winner?.priority).toBe("1");
    expect(gw("/storefront").winner?.priority).toBe("2");
    expect(gw("/").winner?.priority).toBe("2");
  });

  it("GW-3/E3h: another host reaches the default rule (fixed 404)", () => {
    const r = simulateGatewayRoute(loadScenario("gateway-httproute"), { namespace: "default", name: "shop-gw" }, RouteRequest.parse({ host: "other.example.com", path: "/store" }))!;
    expect(r.winner?.isDefault).toBe(true);
    expect(r.action?.fixedResponse?.statusCode).toBe("404");
  });
});

describe("matchRule outcome algebra (ALB-R2)", () => {
  it("ALB-R2: any no-match wins over unknown; unknown only when nothing fails", () => {
    expect(matchRule([sourceIp("10.0.0.0/8"), path("/x")], { host: "h", path: "/y" })).toBe("no-match");
    expect(matchRule([sourceIp("10.0.0.0/8"), path("/x")], { host: "h", path: "/x" })).toBe("unknown");
  });
});
