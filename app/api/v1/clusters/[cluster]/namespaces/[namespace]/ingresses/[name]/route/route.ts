import { ObjectParams } from "@/lib/api/params";
import { RouteRequest } from "@/lib/api/route";
import { ApiProblem, apiRoute, clusterOr404, json, snapshotOf } from "@/server/http/respond";
import { simulateIngressRoute } from "@/server/core/alb/simulate";
import { describeParamError } from "@/lib/api/params";

export const dynamic = "force-dynamic";

const MAX_BODY = 16_384;

/**
 * POST …/namespaces/{namespace}/ingresses/{name}/route — the rule simulator (docs/alb.md): `{ host, path, headers?,
 * method?, query?, sourceIp?, port? }` → the winning rule, the later rules that match too, and the target pods.
 * The body is JSON validated with zod; a bad field is a 400 that names it.
 */
export const POST = apiRoute(ObjectParams, async ({ cluster, namespace, name }, req) => {
  const text = await req.text();
  if (text.length > MAX_BODY) throw new ApiProblem(413, "BODY_TOO_LARGE", `The request body is ${text.length} bytes; at most ${MAX_BODY} are accepted.`, "Send only host, path and the few headers the rules look at.");
  let body: unknown;
  try {
    body = JSON.parse(text || "null");
  } catch {
    throw new ApiProblem(400, "INVALID_BODY", "The request body is not JSON.", 'Send a JSON object such as {"host":"shop.example.com","path":"/api"} with content-type application/json.');
  }
  const parsed = RouteRequest.safeParse(body);
  if (!parsed.success) throw new ApiProblem(400, "INVALID_BODY", `Invalid simulator request: ${describeParamError(parsed.error) || "expected an object"}.`, 'Send {"host": "<host name>", "path": "/<path>"} and optionally headers (object), method, query, sourceIp, port.');
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const result = simulateIngressRoute(snapshot, { namespace, name }, parsed.data);
  if (!result) throw new ApiProblem(404, "INGRESS_NOT_FOUND", `Ingress ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name.");
  return json(result);
});
