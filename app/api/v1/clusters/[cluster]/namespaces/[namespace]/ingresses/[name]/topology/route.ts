import { ObjectParams } from "@/lib/api/params";
import { ApiProblem, ageOf, apiRoute, clusterOr404, jsonWithAge, snapshotOf } from "@/server/http/respond";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";

export const dynamic = "force-dynamic";

/** GET …/namespaces/{namespace}/ingresses/{name}/topology — the ALB paths of one Ingress (docs/api.md, docs/alb.md). */
export const GET = apiRoute(ObjectParams, async ({ cluster, namespace, name }) => {
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const topology = buildIngressTopology(snapshot, { namespace, name });
  if (!topology) throw new ApiProblem(404, "INGRESS_NOT_FOUND", `Ingress ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the Ingresses of AWS controllers (kind Ingress).");
  return jsonWithAge(topology, ageOf(snapshot, source));
});
