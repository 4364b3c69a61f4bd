import { ObjectParams } from "@/lib/api/params";
import { ApiProblem, apiRoute } from "@/server/http/respond";
import { timelineAnswer } from "@/server/http/timelineRequest";
import { buildGatewayTopology } from "@/server/core/alb/buildGatewayTopology";

export const dynamic = "force-dynamic";

/** GET …/gateways/{name}/timeline?window=1h&end=<ISO> — the Gateway's targets over time (docs/api.md "Timeline"). */
export const GET = apiRoute(ObjectParams, ({ cluster, namespace, name }, req) =>
  timelineAnswer(cluster, req, (snapshot) => buildGatewayTopology(snapshot, { namespace, name }), () =>
    new ApiProblem(404, "GATEWAY_NOT_FOUND", `Gateway ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the Gateways (kind Gateway).")),
);
