import { describeParamError } from "@/lib/api/params";
import { RouteRequest, type RouteResult } from "@/lib/api/route";
import type { Snapshot } from "@/server/core/model/snapshot";
import { ApiProblem, clusterOr404, json, snapshotOf } from "./respond";

const MAX_BODY = 16_384;

/**
 * The rule simulator routes of Ingresses and Gateways (docs/alb.md): the body is JSON validated with zod — a bad
 * field is a 400 that names it, an oversized body a 413 — then the object's load balancer evaluates the request.
 */
export async function routeAnswer(cluster: string, req: Request, simulate: (s: Snapshot, r: RouteRequest) => RouteResult | null, notFound: () => ApiProblem): Promise<Response> {
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
  const result = simulate(await snapshotOf(source), parsed.data);
  if (!result) throw notFound();
  return json(result);
}
