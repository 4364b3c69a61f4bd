import { ObjectParams } from "@/lib/api/params";
import { ApiProblem, apiRoute } from "@/server/http/respond";
import { timelineAnswer } from "@/server/http/timelineRequest";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";

export const dynamic = "force-dynamic";

/** GET …/ingresses/{name}/timeline?window=1h&end=<ISO> — the Ingress's ALB targets over time (docs/api.md "Timeline"). */
export const GET = apiRoute(ObjectParams, ({ cluster, namespace, name }, req) =>
  timelineAnswer(cluster, req, (snapshot) => buildIngressTopology(snapshot, { namespace, name }), () =>
    new ApiProblem(404, "INGRESS_NOT_FOUND", `Ingress ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the Ingresses of AWS controllers (kind Ingress).")),
);
