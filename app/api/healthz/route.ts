import { json } from "@/server/http/respond";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. Readiness (caches synced) is /api/readyz. Small, so sent uncompressed (json()). */
export function GET() {
  return json({ status: "ok" });
}
