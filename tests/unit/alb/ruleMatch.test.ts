import { describe, expect, it } from "vitest";
import type { RuleCondition, Rule } from "@/server/core/model/elbv2";
import { globMatch, inCidr, matchCondition, matchRule } from "@/server/core/alb/ruleMatch";
import { patternCovers, ruleCovers, shadowedBy } from "@/server/core/alb/shadowing";

const host = (...v: string[]): RuleCondition => ({ field: "host-header", hostHeaderConfig: { values: v } });
const path = (...v: string[]): RuleCondition => ({ field: "path-pattern", pathPatternConfig: { values: v } });
const req = { host: "shop.example.com", path: "/api/Orders" };

describe("ALB rule conditions (ELBv2 API reference condition configs)", () => {
  it("ALB-R3: host names compare case-insensitively, with * and ?", () => {
    expect(matchCondition(host("*.EXAMPLE.com"), req)).toBe("match");
    expect(matchCondition(host("sho?.example.com"), req)).toBe("match");
    expect(matchCondition(host("shop.example.org"), req)).toBe("no-match");
    expect(matchCondition(host("shop.example.com"), { ...req, host: "shop.example.com:8443" })).toBe("match");
  });

  it("ALB-R4: paths compare case-sensitively and never against the query string", () => {
    expect(matchCondition(path("/api/*"), req)).toBe("match");
    expect(matchCondition(path("/api/orders"), req)).toBe("no-match");
    expect(matchCondition(path("/a?i/*"), req)).toBe("match");
    expect(matchCondition(path("/api/Orders"), { ...req, path: "/api/Orders?x=1" })).toBe("match");
    expect(matchCondition({ field: "path-pattern", values: ["/api/*"] }, req)).toBe("match"); // legacy Values
  });

  it("ALB-R2: values of one condition are ORed, conditions of a rule ANDed", () => {
    expect(matchRule([host("a.example.com", "shop.example.com"), path("/x", "/api/*")], req)).toBe("match");
    expect(matchRule([host("shop.example.com"), path("/x")], req)).toBe("no-match");
  });

  it("ALB-R5..R8: header, query string, method and source IP", () => {
    const hdr: RuleCondition = { field: "http-header", httpHeaderConfig: { httpHeaderName: "User-Agent", values: ["*mobile*"] } };
    expect(matchCondition(hdr, { ...req, headers: { "user-agent": "Foo MOBILE bar" } })).toBe("match");
    expect(matchCondition(hdr, req)).toBe("no-match");
    const q: RuleCondition = { field: "query-string", queryStringConfig: { values: [{ key: "version", value: "v1" }] } };
    expect(matchCondition(q, { ...req, query: "a=1&Version=V1" })).toBe("match");
    expect(matchCondition(q, { ...req, query: "version=v2" })).toBe("no-match");
    const m: RuleCondition = { field: "http-request-method", httpRequestMethodConfig: { values: ["POST"] } };
    expect(matchCondition(m, { ...req, method: "POST" })).toBe("match");
    expect(matchCondition(m, { ...req, method: "post" })).toBe("no-match");
    const ip: RuleCondition = { field: "source-ip", sourceIpConfig: { values: ["10.0.0.0/8"] } };
    expect(matchCondition(ip, { ...req, sourceIp: "10.2.3.4" })).toBe("match");
    expect(matchCondition(ip, { ...req, sourceIp: "192.0.2.1" })).toBe("no-match");
    expect(matchCondition(ip, req)).toBe("unknown");
    expect(inCidr("203.0.113.7", "203.0.113.0/24")).toBe(true);
    expect(globMatch("a\\*b", "a*b", false)).toBe(true);
    expect(globMatch("a\\*b", "axb", false)).toBe(false);
  });
});

describe("ALB-R9: shadowing", () => {
  it("a pattern covers another only when every string of the second matches the first", () => {
    expect(patternCovers("/*", "/api/*", false)).toBe(true);
    expect(patternCovers("/api*", "/api/*", false)).toBe(true);
    expect(patternCovers("/a?c", "/a*c", false)).toBe(false);
    expect(patternCovers("/api/*", "/*", false)).toBe(false);
    expect(patternCovers("/API/*", "/api/x", false)).toBe(false);
    expect(patternCovers("*.EXAMPLE.com", "shop.example.com", true)).toBe(true);
  });

  it("an earlier rule without a host does not hide a later one only if it lacks nothing the later one needs", () => {
    expect(ruleCovers([path("/*")], [host("a.example.com"), path("/api")])).toBe(true);
    expect(ruleCovers([host("a.example.com"), path("/*")], [path("/api")])).toBe(false);
  });

  it("the earliest covering rule shadows; the default rule never is shadowed", () => {
    const rule = (priority: string, conditions: RuleCondition[]): Rule => ({ ruleArn: priority, priority, conditions, actions: [{ type: "fixed-response" }], isDefault: priority === "default" });
    const s = shadowedBy([rule("10", [path("/api/*")]), rule("5", [path("/*")]), rule("default", []), rule("20", [path("/api/v1/*")])]);
    expect(s.get("10")?.priority).toBe("5");
    expect(s.get("20")?.priority).toBe("5");
    expect(s.get("5")).toBeNull();
    expect(s.get("default")).toBeNull();
  });
});
