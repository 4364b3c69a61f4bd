import { NextResponse, type NextRequest } from "next/server";
import { accessDeniedResponse, checkAccess, isHttps } from "@/server/http/auth";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/server/http/headers";

/**
 * Next 16 proxy (formerly middleware), Node.js runtime. For every page and API request it
 *  1. makes a fresh CSP nonce and passes it to the renderer in the request's Content-Security-Policy
 *     header, where Next picks it up and stamps its own scripts (Next.js CSP guide);
 *  2. refuses unauthenticated requests: pages go to /login, API calls get the JSON 401. Route handlers
 *     check again themselves (authorize), because a proxy-only check can be bypassed (CVE-2025-29927);
 *  3. sets the security headers (server/http/headers.ts) on the response.
 */

// Reachable without signing in: the login form itself, and the kubelet's probes (docs/security.md).
const PUBLIC_PATHS = new Set(["/login", "/api/login", "/api/logout", "/api/healthz", "/api/readyz"]);

function withSecurityHeaders(res: Response, req: NextRequest, csp: string): Response {
  res.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(securityHeaders({ https: isHttps(req) }))) res.headers.set(k, v);
  return res;
}

export function proxy(req: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const path = req.nextUrl.pathname;

  if (!PUBLIC_PATHS.has(path)) {
    const decision = checkAccess(req);
    if (!decision.ok) {
      if (path.startsWith("/api/") || decision.status === 403) return withSecurityHeaders(accessDeniedResponse(decision), req, csp);
      // nextUrl carries the host the browser used (Host header), so the redirect stays on it.
      const login = req.nextUrl.clone();
      login.pathname = "/login";
      login.search = `?next=${encodeURIComponent(`${path}${req.nextUrl.search}`)}`;
      const redirect = NextResponse.redirect(login, 307);
      redirect.headers.set("cache-control", "no-store");
      return withSecurityHeaders(redirect, req, csp);
    }
  }

  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  withSecurityHeaders(res, req, csp);
  return res;
}

export const config = {
  // Everything but build assets and public/'s static files (icons, robots.txt, the web manifest), which carry no
  // data and need no nonce: a browser fetches the icons for the login page, a crawler robots.txt, before signing in.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|icon-192\\.png|icon-512\\.png|apple-touch-icon\\.png|robots\\.txt|site\\.webmanifest).*)"],
};
