import { ClusterParams } from "@/lib/api/params";
import { ageOf, apiRoute, clusterOr404, jsonWithAge, snapshotOf } from "@/server/http/respond";
import { summarizeServices } from "@/server/core/summaries";

export const dynamic = "force-dynamic";

/** GET /api/v1/clusters/{cluster}/services — one summary per LoadBalancer Service (docs/api.md). */
export const GET = apiRoute(ClusterParams, async ({ cluster }) => {
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const age = ageOf(snapshot, source);
  return jsonWithAge(summarizeServices(snapshot), age);
});
