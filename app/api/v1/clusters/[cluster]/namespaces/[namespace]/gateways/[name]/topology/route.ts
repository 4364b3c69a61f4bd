import { ObjectParams } from "@/lib/api/params";
import { ApiProblem, ageOf, apiRoute, clusterOr404, jsonWithAge, snapshotOf } from "@/server/http/respond";
import { buildGatewayTopology } from "@/server/core/alb/buildGatewayTopology";

export const dynamic = "force-dynamic";

/** GET …/namespaces/{namespace}/gateways/{name}/topology — the load-balancer paths of one Gateway (docs/api.md). */
export const GET = apiRoute(ObjectParams, async ({ cluster, namespace, name }) => {
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const topology = buildGatewayTopology(snapshot, { namespace, name });
  if (!topology) throw new ApiProblem(404, "GATEWAY_NOT_FOUND", `Gateway ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the Gateways (kind Gateway).");
  return jsonWithAge(topology, ageOf(snapshot, source));
});
