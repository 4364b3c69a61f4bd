import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/server/http/headers";

const directive = (csp: string, name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? "";

describe("content security policy", () => {
  it("production: nonce + strict-dynamic for scripts, no unsafe-eval, no unsafe-inline scripts", () => {
    const csp = contentSecurityPolicy("abc123==", { dev: false });
    const script = directive(csp, "script-src");
    expect(script.split(" ")).toEqual(["script-src", "'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp).not.toContain("unsafe-eval");
    expect(script).not.toContain("unsafe-inline");
  });

  it("locks framing, plugins, base URI, forms and connections to this origin", () => {
    const csp = contentSecurityPolicy("n", { dev: false });
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data: blob:");
    expect(directive(csp, "default-src")).toBe("default-src 'self'");
    expect(directive(csp, "form-action")).toBe("form-action 'self'");
  });

  it("inline styles (React Flow) are allowed without a nonce, which would disable 'unsafe-inline'", () => {
    const style = directive(contentSecurityPolicy("n", { dev: false }), "style-src");
    expect(style).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("next dev alone gets 'unsafe-eval'", () => {
    expect(directive(contentSecurityPolicy("n", { dev: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("nonces are 128-bit, base64 and different every time", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("other security headers", () => {
  it("sets the OWASP set; HSTS only over HTTPS", () => {
    const h = securityHeaders({ https: false });
    expect(h).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-site",
    });
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
  });
});
