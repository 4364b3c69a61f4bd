import { NextResponse, type NextRequest } from "next/server";
import { accessDeniedResponse, checkAccess, isHttps } from "@/server/http/auth";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/server/http/headers";

/**
 * Next 16 proxy (formerly middleware), Node.js runtime. For every page request it
 *  1. makes a fresh CSP nonce and passes it to the renderer in the request's Content-Security-Policy
 *     header, where Next picks it up and stamps its own scripts (Next.js CSP guide);
 *  2. refuses unauthenticated requests: pages go to /login;
 *  3. sets the security headers (server/http/headers.ts) on the response.
 * API requests (/api/…) do not come here: they need no nonce, next.config.js sets their static headers (apiHeaders),
 * and every route handler checks authorization itself (authorize), as it must anyway, since a proxy-only check can
 * be bypassed (CVE-2025-29927). Skipping the proxy takes its run off every API answer (docs/benchmarks.md).
 */

// Reachable without signing in: the login form (docs/security.md).
const PUBLIC_PATHS = new Set(["/login"]);

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
      if (decision.status === 403) return withSecurityHeaders(accessDeniedResponse(decision), req, csp);
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
  // Pages only: not the API (see above), nor build assets, nor public/'s static files (icons, robots.txt, the web
  // manifest): they carry no data and need no nonce, and a browser fetches the icons for the login page, a crawler
  // robots.txt, before signing in.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|icon-192\\.png|icon-512\\.png|apple-touch-icon\\.png|robots\\.txt|site\\.webmanifest).*)"],
};
