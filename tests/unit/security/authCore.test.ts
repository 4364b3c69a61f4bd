import { describe, expect, it } from "vitest";
import {
  bearerToken,
  checkRequest,
  readCookie,
  resolveAuth,
  safeEqual,
  safeNextPath,
  signSession,
  verifySession,
  SESSION_COOKIE,
  type AuthSettings,
  type ResolvedAuth,
} from "@/server/http/authCore";

const TOKEN = "k3l8Zq0vYt6Rw2Pn9Hs4Jd7Fa1";
const base: AuthSettings = { proxyUserHeader: "x-forwarded-user", proxyKeyHeader: "x-lbpath-proxy-secret", sessionTtlSeconds: 3600 };
const token: ResolvedAuth = { mode: "token", tokenFile: "/var/run/secrets/lbpath/token" };
const hdrs = (h: Record<string, string>) => new Headers({ host: "lbpath.example.com", ...h });

describe("resolveAuth: safe by default, no skip-login", () => {
  it("unset LBPATH_AUTH means no login only while listening on loopback only", () => {
    expect(resolveAuth(base, true)).toEqual({ mode: "none" });
    expect(resolveAuth({ ...base, tokenFile: "/t" }, false)).toEqual({ mode: "token", tokenFile: "/t" });
  });

  it("unset LBPATH_AUTH beyond loopback without a token file refuses to serve, naming the fix", () => {
    const r = resolveAuth(base, false);
    expect(r.mode).toBe("misconfigured");
    expect(r.mode === "misconfigured" && r.fix).toContain("LBPATH_TOKEN_FILE");
  });

  it("LBPATH_AUTH=none is refused on 0.0.0.0 and when the address is unknown", () => {
    expect(resolveAuth({ ...base, requested: "none" }, true)).toEqual({ mode: "none" });
    expect(resolveAuth({ ...base, requested: "none" }, false).mode).toBe("misconfigured");
    expect(resolveAuth({ ...base, requested: "none" }, null).mode).toBe("misconfigured");
    expect(resolveAuth(base, null).mode).toBe("misconfigured");
  });

  it("token and proxy modes apply wherever the server listens; unknown modes fail closed", () => {
    expect(resolveAuth({ ...base, requested: "token", tokenFile: "/t" }, true)).toEqual({ mode: "token", tokenFile: "/t" });
    expect(resolveAuth({ ...base, requested: "TOKEN" }, true).mode).toBe("misconfigured");
    expect(resolveAuth({ ...base, requested: "proxy" }, false)).toMatchObject({ mode: "proxy", userHeader: "x-forwarded-user" });
    expect(resolveAuth({ ...base, requested: "skip" }, true).mode).toBe("misconfigured");
    expect(resolveAuth({ ...base, requested: "off" }, true).mode).toBe("misconfigured");
  });
});

describe("token mode", () => {
  it("accepts the exact bearer token only", () => {
    expect(checkRequest(hdrs({ authorization: `Bearer ${TOKEN}` }), token, { token: TOKEN }, 0)).toMatchObject({ ok: true, via: "bearer" });
    expect(checkRequest(hdrs({ authorization: `bearer ${TOKEN}` }), token, { token: TOKEN }, 0).ok).toBe(true);
    for (const bad of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, "Bearer ", ""]) {
      const d = checkRequest(hdrs({ authorization: bad }), token, { token: TOKEN }, 0);
      expect(d, bad).toMatchObject({ ok: false, status: 401, code: "UNAUTHENTICATED" });
    }
  });

  it("fails closed (503, not open) when the token file is missing or too short", () => {
    for (const t of [undefined, "", "short"]) {
      const d = checkRequest(hdrs({ authorization: `Bearer ${t}` }), token, { token: t }, 0);
      expect(d).toMatchObject({ ok: false, status: 503, code: "AUTH_NOT_CONFIGURED" });
    }
  });

  it("accepts a session cookie signed with the token until it expires", () => {
    const cookie = `${SESSION_COOKIE}=${signSession(TOKEN, 2_000)}`;
    expect(checkRequest(hdrs({ cookie: `a=b; ${cookie}` }), token, { token: TOKEN }, 1_999)).toMatchObject({ ok: true, via: "cookie" });
    expect(checkRequest(hdrs({ cookie }), token, { token: TOKEN }, 2_000).ok).toBe(false);
  });

  it("rejects tampered cookies, cookies from another token, and the raw token as a cookie", () => {
    const good = signSession(TOKEN, 5_000);
    expect(verifySession(good, TOKEN, 0)).toBe(true);
    expect(verifySession(good.replace("v1.5000.", "v1.9999."), TOKEN, 0)).toBe(false);
    expect(verifySession(good, "another-token-of-enough-length", 0)).toBe(false);
    expect(verifySession(TOKEN, TOKEN, 0)).toBe(false);
    expect(good).not.toContain(TOKEN);
  });
});

describe("proxy mode", () => {
  const proxy: ResolvedAuth = { mode: "proxy", userHeader: "x-forwarded-user", keyHeader: "x-lbpath-proxy-secret" };
  const keyed: ResolvedAuth = { ...proxy, keyFile: "/k" };
  const KEY = "proxy-shared-key-0123456789";

  it("trusts the configured user header and nothing else", () => {
    expect(checkRequest(hdrs({ "x-forwarded-user": "alice@example.com" }), proxy, {}, 0)).toEqual({ ok: true, user: "alice@example.com", via: "proxy" });
    expect(checkRequest(hdrs({}), proxy, {}, 0)).toMatchObject({ ok: false, status: 401, code: "UNAUTHENTICATED" });
    expect(checkRequest(hdrs({ "x-forwarded-user": "  " }), proxy, {}, 0).ok).toBe(false);
    expect(checkRequest(hdrs({ "x-remote-user": "alice" }), proxy, {}, 0).ok).toBe(false);
  });

  it("with a shared key, a request around the proxy (user header but no key) is refused", () => {
    expect(checkRequest(hdrs({ "x-forwarded-user": "alice", "x-lbpath-proxy-secret": KEY }), keyed, { proxyKey: KEY }, 0).ok).toBe(true);
    expect(checkRequest(hdrs({ "x-forwarded-user": "alice" }), keyed, { proxyKey: KEY }, 0)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest(hdrs({ "x-forwarded-user": "alice", "x-lbpath-proxy-secret": "guess" }), keyed, { proxyKey: KEY }, 0).ok).toBe(false);
    expect(checkRequest(hdrs({ "x-forwarded-user": "alice", "x-lbpath-proxy-secret": KEY }), keyed, {}, 0)).toMatchObject({ status: 503 });
  });
});

describe("none mode (loopback only)", () => {
  it("answers only requests addressed to a loopback name (DNS-rebinding protection)", () => {
    const none: ResolvedAuth = { mode: "none" };
    for (const host of ["127.0.0.1:3000", "localhost:3000", "localhost", "[::1]:3000", "app.localhost:3000"]) {
      expect(checkRequest(new Headers({ host }), none, {}, 0).ok, host).toBe(true);
    }
    for (const host of ["evil.example.com", "127.0.0.1.evil.example.com", "10.0.0.5:3000", "localhost.evil.com"]) {
      expect(checkRequest(new Headers({ host }), none, {}, 0), host).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN_HOST" });
    }
  });
});

describe("helpers", () => {
  it("safeEqual compares exactly", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });

  it("parses bearer tokens and cookies", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(readCookie("x=1; lbpath_session=v1.2.3; y=2", "lbpath_session")).toBe("v1.2.3");
    expect(readCookie("xlbpath_session=1", "lbpath_session")).toBeNull();
  });

  it("returns only to same-origin paths after login (no open redirect)", () => {
    expect(safeNextPath("/services/default/web?view=health")).toBe("/services/default/web?view=health");
    for (const bad of ["https://evil.com", "//evil.com", "/\\evil.com", "javascript:alert(1)", "", null, "/login", "/x\nSet-Cookie:a"]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });
});
