import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { isLoopbackHostHeader } from "./bindAddress";

/**
 * The pure part of dashboard access control: which mode applies, and whether one request may proceed.
 * No environment, file or clock access here (server/http/auth.ts feeds them in), so every rule is unit-tested.
 * The modes and their rules are documented in docs/security.md; keep both in step.
 */

export type AuthMode = "token" | "proxy" | "none";

/** What the operator asked for (LBPATH_AUTH* environment). */
export interface AuthSettings {
  /** LBPATH_AUTH as given; undefined when unset. */
  requested?: string;
  tokenFile?: string;
  /** Header the auth proxy sets to the signed-in user (lower case). */
  proxyUserHeader: string;
  /** Header carrying the shared key between auth proxy and lbpath (lower case). */
  proxyKeyHeader: string;
  proxyKeyFile?: string;
  sessionTtlSeconds: number;
}

export type ResolvedAuth =
  | { mode: "none" }
  | { mode: "token"; tokenFile: string }
  | { mode: "proxy"; userHeader: string; keyHeader: string; keyFile?: string }
  | { mode: "misconfigured"; message: string; fix: string };

export const MIN_TOKEN_LENGTH = 16;
export const SESSION_COOKIE = "lbpath_session";

/**
 * Safe by default: unset LBPATH_AUTH means no login only while every listening socket is loopback, and
 * token auth otherwise. `none` is never honoured beyond loopback: there is no skip-login.
 * `loopbackOnly` is null when the listening address is unknown, which counts as "not loopback".
 */
export function resolveAuth(s: AuthSettings, loopbackOnly: boolean | null): ResolvedAuth {
  const requested = s.requested?.trim().toLowerCase() || undefined;
  if (requested !== undefined && requested !== "none" && requested !== "token" && requested !== "proxy") {
    return { mode: "misconfigured", message: `LBPATH_AUTH="${s.requested}" is not a known mode.`, fix: "Set LBPATH_AUTH to token, proxy or none (docs/security.md)." };
  }
  if (requested === "proxy") return { mode: "proxy", userHeader: s.proxyUserHeader, keyHeader: s.proxyKeyHeader, keyFile: s.proxyKeyFile };
  if (requested === "none" || requested === undefined) {
    if (loopbackOnly === true) return { mode: "none" };
    if (requested === "none") {
      return {
        mode: "misconfigured",
        message: "LBPATH_AUTH=none is refused: the server listens beyond 127.0.0.1 (or its address could not be read).",
        fix: "Listen on 127.0.0.1 only (next start -H 127.0.0.1), or use LBPATH_AUTH=token with LBPATH_TOKEN_FILE, or LBPATH_AUTH=proxy behind an auth proxy.",
      };
    }
  }
  // Explicit token mode, or the default for a server reachable from other machines.
  if (!s.tokenFile) {
    return {
      mode: "misconfigured",
      message: "Authentication is required because the server listens beyond 127.0.0.1, but no token is configured.",
      fix: "Set LBPATH_AUTH=token and LBPATH_TOKEN_FILE to a file holding a random token (e.g. a mounted Secret; docs/deploy.md), or LBPATH_AUTH=proxy behind an auth proxy.",
    };
  }
  return { mode: "token", tokenFile: s.tokenFile };
}

/** Constant-time string comparison: hashing first makes the lengths equal, so the length does not leak either. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

export function bearerToken(authorization: string | null): string | null {
  const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization ?? "");
  return m ? m[1] : null;
}

export function readCookie(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

// The cookie holds an expiry and an HMAC keyed by the token, never the token itself: a leaked cookie
// expires, and rotating the token (the mounted file) ends every session.
function sessionMac(token: string, expiresAt: number): string {
  const key = createHash("sha256").update(`lbpath-session-key\0${token}`).digest();
  return createHmac("sha256", key).update(`v1.${expiresAt}`).digest("base64url");
}

export function signSession(token: string, expiresAt: number): string {
  return `v1.${expiresAt}.${sessionMac(token, expiresAt)}`;
}

export function verifySession(value: string | null, token: string, nowSeconds: number): boolean {
  const m = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!m) return false;
  const expiresAt = Number(m[1]);
  return expiresAt > nowSeconds && safeEqual(m[2], sessionMac(token, expiresAt));
}

/** What a request presents; headers only, so the proxy, route handlers and tests share one check. */
export interface Credentials {
  /** The token file's content (trimmed), undefined when it could not be read. */
  token?: string;
  /** The auth proxy's shared key, when LBPATH_AUTH_PROXY_SECRET_FILE is set; undefined when unreadable. */
  proxyKey?: string;
}

export type Decision =
  | { ok: true; user: string; via: "bearer" | "cookie" | "proxy" | "loopback" }
  | { ok: false; status: 401 | 403 | 503; code: "UNAUTHENTICATED" | "FORBIDDEN_HOST" | "AUTH_NOT_CONFIGURED"; message: string; fix: string };

export function checkRequest(headers: Headers, auth: ResolvedAuth, creds: Credentials, nowSeconds: number): Decision {
  switch (auth.mode) {
    case "misconfigured":
      return { ok: false, status: 503, code: "AUTH_NOT_CONFIGURED", message: auth.message, fix: auth.fix };
    case "none":
      if (!isLoopbackHostHeader(headers.get("host"))) {
        return {
          ok: false,
          status: 403,
          code: "FORBIDDEN_HOST",
          message: "Without authentication lbpath answers only requests addressed to localhost or 127.0.0.1 (DNS-rebinding protection).",
          fix: "Open http://127.0.0.1:<port>/ or http://localhost:<port>/, or configure LBPATH_AUTH=token.",
        };
      }
      return { ok: true, user: "local", via: "loopback" };
    case "token": {
      if (!creds.token || creds.token.length < MIN_TOKEN_LENGTH) {
        return {
          ok: false,
          status: 503,
          code: "AUTH_NOT_CONFIGURED",
          message: `The token file ${auth.tokenFile} is missing, unreadable or shorter than ${MIN_TOKEN_LENGTH} characters.`,
          fix: "Mount a file holding a random token (openssl rand -base64 32) at LBPATH_TOKEN_FILE (docs/deploy.md).",
        };
      }
      const bearer = bearerToken(headers.get("authorization"));
      if (bearer !== null && safeEqual(bearer, creds.token)) return { ok: true, user: "token", via: "bearer" };
      if (verifySession(readCookie(headers.get("cookie"), SESSION_COOKIE), creds.token, nowSeconds)) return { ok: true, user: "token", via: "cookie" };
      return {
        ok: false,
        status: 401,
        code: "UNAUTHENTICATED",
        message: bearer === null ? "This dashboard requires a token." : "The token is not valid.",
        fix: "Sign in at /login with the dashboard token, or send Authorization: Bearer <token> (the token is in the file LBPATH_TOKEN_FILE names).",
      };
    }
    case "proxy": {
      if (auth.keyFile) {
        if (!creds.proxyKey || creds.proxyKey.length < MIN_TOKEN_LENGTH) {
          return {
            ok: false,
            status: 503,
            code: "AUTH_NOT_CONFIGURED",
            message: `The auth proxy key file ${auth.keyFile} is missing, unreadable or shorter than ${MIN_TOKEN_LENGTH} characters.`,
            fix: "Mount the key shared with the auth proxy at LBPATH_AUTH_PROXY_SECRET_FILE.",
          };
        }
        if (!safeEqual(headers.get(auth.keyHeader) ?? "", creds.proxyKey)) {
          return {
            ok: false,
            status: 401,
            code: "UNAUTHENTICATED",
            message: "The request did not come through the configured auth proxy.",
            fix: `Open the dashboard through the auth proxy; it must send the shared key in ${auth.keyHeader}.`,
          };
        }
      }
      const user = (headers.get(auth.userHeader) ?? "").trim();
      if (user === "" || user.length > 256) {
        return {
          ok: false,
          status: 401,
          code: "UNAUTHENTICATED",
          message: `No signed-in user: the auth proxy header ${auth.userHeader} is missing.`,
          fix: `Open the dashboard through the auth proxy, which must set ${auth.userHeader}.`,
        };
      }
      return { ok: true, user, via: "proxy" };
    }
  }
}

/** A same-origin path to return to after login; anything else (other hosts, //evil, /login itself) is "/". */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Control characters (CR/LF header injection, NUL) never belong in a path we echo into Location.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) || next.length > 2_000) return "/";
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/api/login")) return "/";
  return next;
}
