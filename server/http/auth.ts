import "server-only";
import { readFileSync } from "node:fs";
import { logStateChange } from "@/server/log";
import { listensOnLoopbackOnly } from "./bindAddress";
import { checkRequest, resolveAuth, signSession, SESSION_COOKIE, type Decision, type ResolvedAuth } from "./authCore";
import { authSettings } from "./authSettings";

/**
 * Dashboard access control, the shell around authCore.ts: reads LBPATH_AUTH* from the environment, the
 * token files from disk, and where this process listens. Modes and defaults: docs/security.md.
 *
 * Every route handler calls `authorize(req)` itself. proxy.ts checks pages and API calls too, but a check
 * only in middleware/proxy can be skipped (CVE-2025-29927), so it is never the only one.
 */

/** The mode in force for this process right now. */
export function currentAuth(): ResolvedAuth {
  const resolved = resolveAuth(authSettings(), listensOnLoopbackOnly());
  logStateChange(
    "auth:mode",
    resolved.mode,
    resolved.mode === "misconfigured" ? { message: resolved.message, fix: resolved.fix } : {},
    resolved.mode === "misconfigured" ? "error" : "info",
  );
  return resolved;
}

// Files are re-read every few seconds so a rotated Secret takes effect without a restart (kubelet updates
// mounted Secrets in place).
const FILE_TTL_MS = 5_000;
const fileCache = new Map<string, { value?: string; readAt: number }>();

function readKeyFile(path: string | undefined, what: string): string | undefined {
  if (!path) return undefined;
  const hit = fileCache.get(path);
  if (hit && Date.now() - hit.readAt < FILE_TTL_MS) return hit.value;
  let value: string | undefined;
  try {
    value = readFileSync(path, "utf8").trim() || undefined;
    logStateChange(`auth:file:${what}`, value ? "readable" : "empty", { file: path }, value ? "info" : "error");
  } catch (err) {
    logStateChange(`auth:file:${what}`, "unreadable", { file: path, error: err }, "error");
  }
  fileCache.set(path, { value, readAt: Date.now() });
  return value;
}

/** The full decision for one request (used by proxy.ts for pages, and by authorize). */
export function checkAccess(req: Request): Decision {
  const auth = currentAuth();
  const creds = {
    token: auth.mode === "token" ? readKeyFile(auth.tokenFile, "token") : undefined,
    proxyKey: auth.mode === "proxy" ? readKeyFile(auth.keyFile, "proxy-key") : undefined,
  };
  return checkRequest(req.headers, auth, creds, Math.floor(Date.now() / 1000));
}

/** The JSON error every API route answers when access is refused: `{error:{code,message,fix}}` (lib/api ApiError). */
export function accessDeniedResponse(decision: Extract<Decision, { ok: false }>): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (decision.status === 401) headers["www-authenticate"] = 'Bearer realm="lbpath"';
  return Response.json({ error: { code: decision.code, message: decision.message, fix: decision.fix } }, { status: decision.status, headers });
}

/**
 * Access check run by every route handler (never only in middleware: CVE-2025-29927).
 * Returns a Response to send instead of the handler's, or null when the request may proceed.
 */
export function authorize(req: Request): Response | null {
  const decision = checkAccess(req);
  return decision.ok ? null : accessDeniedResponse(decision);
}

/**
 * Checks a token typed into /login and returns the Set-Cookie value for a session, or null when the
 * token is wrong or token mode is not in force.
 */
export function sessionCookieForLogin(req: Request, typedToken: string): string | null {
  const auth = currentAuth();
  if (auth.mode !== "token") return null;
  const token = readKeyFile(auth.tokenFile, "token");
  const probe = new Headers({ authorization: `Bearer ${typedToken.trim()}` });
  if (!token || !checkRequest(probe, auth, { token }, 0).ok) return null;
  const ttl = authSettings().sessionTtlSeconds;
  const value = signSession(token, Math.floor(Date.now() / 1000) + ttl);
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${ttl}; HttpOnly; SameSite=Strict${isHttps(req) ? "; Secure" : ""}`;
}

export function clearSessionCookie(req: Request): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${isHttps(req) ? "; Secure" : ""}`;
}

/** HTTPS as the browser sees it: directly, or through a TLS-terminating ingress that says so. */
export function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || new URL(req.url).protocol === "https:";
}
