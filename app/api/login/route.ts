import { sessionCookieForLogin } from "@/server/http/auth";
import { safeNextPath } from "@/server/http/authCore";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

function seeOther(location: string, setCookie?: string): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  if (setCookie) headers.set("set-cookie", setCookie);
  return new Response(null, { status: 303, headers });
}

/** The browser's Origin must name this host: a page on another site cannot drive the login form. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true; // non-browser clients (curl) send none; SameSite=Strict covers the cookie
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === req.headers.get("host") || host === req.headers.get("x-forwarded-host");
}

/**
 * POST /api/login (form: token, next). Exempt from authorize(): it is how one gets authorized. On success
 * it sets the HttpOnly session cookie (an HMAC keyed by the token, never the token) and returns to `next`.
 */
export async function POST(req: Request) {
  if (!sameOrigin(req)) {
    return Response.json({ error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site login refused.", fix: "Open /login on this dashboard's own address." } }, { status: 403 });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return seeOther("/login?error=invalid");
  }
  const token = String(form.get("token") ?? "");
  const next = safeNextPath(String(form.get("next") ?? "/"));
  const cookie = sessionCookieForLogin(req, token);
  if (!cookie) {
    log.warn("login_failed", { userAgent: req.headers.get("user-agent") });
    return seeOther(`/login?error=invalid&next=${encodeURIComponent(next)}`);
  }
  log.info("login", { userAgent: req.headers.get("user-agent") });
  return seeOther(next, cookie);
}
