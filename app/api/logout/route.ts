import { clearSessionCookie } from "@/server/http/auth";

export const dynamic = "force-dynamic";

/** POST /api/logout: drops the session cookie. (Rotating the token file ends every session at once.) */
export function POST(req: Request) {
  return new Response(null, { status: 303, headers: { location: "/login", "set-cookie": clearSessionCookie(req), "cache-control": "no-store" } });
}
