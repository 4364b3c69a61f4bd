import { describe, expect, it } from "vitest";
import { apiHeaderRules } from "@/next.config.js";
import { config } from "@/proxy";
import { apiHeaders } from "@/server/http/headers";

/**
 * API requests skip proxy.ts (issue 10: its run was a measurable part of a small answer's time), so their security
 * headers come from next.config.js. They must be the ones server/http/headers.ts defines, HSTS included over TLS.
 */

type Rule = { source: string; has?: { type: string; key: string; value: string }[]; headers: { key: string; value: string }[] };
const rules = apiHeaderRules as Rule[];
const asObject = (r: Rule) => Object.fromEntries(r.headers.map((h) => [h.key, h.value]));
/** As Next matches a `has` value: anchored (next/dist/shared/lib/router/utils/prepare-destination.js). */
const matchesHas = (r: Rule, proto: string) => r.has!.every((h) => new RegExp(`^${h.value}$`).test(proto));

describe("API security headers (next.config.js)", () => {
  it("are the headers of server/http/headers.ts for every API path", () => {
    const plain = rules.find((r) => !r.has)!;
    expect(plain.source).toBe("/api/:path*");
    expect(asObject(plain)).toEqual(apiHeaders({ https: false }));
    expect(asObject(plain)["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  });

  it("add HSTS exactly when the browser came over TLS (X-Forwarded-Proto's first value)", () => {
    const tls = rules.find((r) => r.has)!;
    const withTls = { ...asObject(rules.find((r) => !r.has)!), ...asObject(tls) };
    expect(withTls).toEqual(apiHeaders({ https: true }));
    for (const proto of ["https", "HTTPS", " https ", "https, http", "https,http"]) expect(matchesHas(tls, proto), proto).toBe(true);
    for (const proto of ["http", "http, https", "httpss", ""]) expect(matchesHas(tls, proto), proto).toBe(false);
  });

  it("the proxy runs for pages, not for the API", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const page of ["/", "/triage", "/login", "/clusters/demo-blog-local/namespaces/default/services/web"]) expect(matcher.test(page), page).toBe(true);
    for (const api of ["/api/healthz", "/api/v1/clusters", "/api/login", "/_next/static/chunks/a.js"]) expect(matcher.test(api), api).toBe(false);
  });
});
