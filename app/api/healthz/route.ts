export const dynamic = "force-dynamic";

/** Liveness: the process answers. Readiness (caches synced) is /api/readyz. */
export function GET() {
  return Response.json({ status: "ok" });
}
