import { ServiceParams } from "@/lib/api/params";
import { ApiProblem, ageOf, apiRoute, clusterOr404, jsonWithAge, snapshotOf } from "@/server/http/respond";
import { buildTopology } from "@/server/core/buildTopology";

export const dynamic = "force-dynamic";

/** GET …/namespaces/{namespace}/services/{name}/topology — the traffic path of one Service (docs/api.md). */
export const GET = apiRoute(ServiceParams, async ({ cluster, namespace, name }) => {
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const age = ageOf(snapshot, source);
  const topology = buildTopology(snapshot, { namespace, name });
  if (!topology) throw new ApiProblem(404, "SERVICE_NOT_FOUND", `Service ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the LoadBalancer Services.");
  return jsonWithAge(topology, age);
});
