import { ServiceParams } from "@/lib/api/params";
import { ApiProblem, apiRoute } from "@/server/http/respond";
import { timelineAnswer } from "@/server/http/timelineRequest";
import { buildTopology } from "@/server/core/buildTopology";

export const dynamic = "force-dynamic";

/** GET …/services/{name}/timeline?window=1h&end=<ISO> — target health over time and the changes that explain it (docs/api.md). */
export const GET = apiRoute(ServiceParams, ({ cluster, namespace, name }, req) =>
  timelineAnswer(cluster, req, (snapshot) => buildTopology(snapshot, { namespace, name }), () =>
    new ApiProblem(404, "SERVICE_NOT_FOUND", `Service ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the LoadBalancer Services.")),
);
