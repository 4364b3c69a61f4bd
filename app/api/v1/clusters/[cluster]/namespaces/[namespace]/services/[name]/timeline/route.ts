import { ServiceParams, describeParamError } from "@/lib/api/params";
import { TimelineQuery, windowSeconds } from "@/lib/api/timeline";
import { ApiProblem, ageOf, apiRoute, clusterOr404, json, snapshotOf } from "@/server/http/respond";
import { serviceTimeline } from "@/server/core/timeline";

export const dynamic = "force-dynamic";

/** GET …/services/{name}/timeline?window=1h&end=<ISO> — target health over time and the changes that explain it (docs/api.md). */
export const GET = apiRoute(ServiceParams, async ({ cluster, namespace, name }, req) => {
  const search = new URL(req.url).searchParams;
  const query = TimelineQuery.safeParse({ window: search.get("window") ?? undefined, end: search.get("end") ?? undefined });
  if (!query.success) throw new ApiProblem(400, "INVALID_PARAMETER", `Invalid query parameter: ${describeParamError(query.error)}.`, "Use window=15m, 1h, 3h or 6h (5m to 6h) and end=<ISO 8601 time>, or leave them out.");
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const timeline = serviceTimeline(snapshot, { namespace, name }, { seconds: windowSeconds(query.data.window)!, end: query.data.end });
  if (!timeline) throw new ApiProblem(404, "SERVICE_NOT_FOUND", `Service ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the LoadBalancer Services.");
  return json({ ...timeline, age: ageOf(snapshot, source) });
});
