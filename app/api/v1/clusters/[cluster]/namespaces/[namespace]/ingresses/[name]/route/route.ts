import { ObjectParams } from "@/lib/api/params";
import { ApiProblem, apiRoute } from "@/server/http/respond";
import { routeAnswer } from "@/server/http/routeRequest";
import { simulateIngressRoute } from "@/server/core/alb/simulate";

export const dynamic = "force-dynamic";

/**
 * POST …/namespaces/{namespace}/ingresses/{name}/route — the rule simulator (docs/alb.md): `{ host, path, headers?,
 * method?, query?, sourceIp?, port? }` → the winning rule, the later rules that match too, and the target pods.
 */
export const POST = apiRoute(ObjectParams, ({ cluster, namespace, name }, req) =>
  routeAnswer(cluster, req, (snapshot, body) => simulateIngressRoute(snapshot, { namespace, name }, body), () =>
    new ApiProblem(404, "INGRESS_NOT_FOUND", `Ingress ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name.")),
);
