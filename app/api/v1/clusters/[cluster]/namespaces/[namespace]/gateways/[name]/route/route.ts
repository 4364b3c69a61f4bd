import { ObjectParams } from "@/lib/api/params";
import { ApiProblem, apiRoute } from "@/server/http/respond";
import { routeAnswer } from "@/server/http/routeRequest";
import { simulateGatewayRoute } from "@/server/core/alb/simulate";

export const dynamic = "force-dynamic";

/**
 * POST …/namespaces/{namespace}/gateways/{name}/route — the rule simulator for a Gateway's ALB (docs/alb.md): the same
 * body and answer as the Ingress's; an NLB Gateway answers that it has no rules to evaluate.
 */
export const POST = apiRoute(ObjectParams, ({ cluster, namespace, name }, req) =>
  routeAnswer(cluster, req, (snapshot, body) => simulateGatewayRoute(snapshot, { namespace, name }, body), () =>
    new ApiProblem(404, "GATEWAY_NOT_FOUND", `Gateway ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the Gateways (kind Gateway).")),
);
