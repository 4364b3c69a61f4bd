import { ServiceParams } from "@/lib/api/params";
import { ApiProblem, ageOf, apiRoute, clusterOr404, json, snapshotOf } from "@/server/http/respond";
import { readWhatIfRequest, whatIfFromQuery } from "@/server/http/whatIfRequest";
import { predictWhatIf } from "@/server/core/whatIf";
import type { Change } from "@/lib/api/whatIf";

export const dynamic = "force-dynamic";

async function answer(params: ServiceParams, changes: Change[]): Promise<Response> {
  const { cluster, namespace, name } = params;
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const result = predictWhatIf(snapshot, { namespace, name }, changes);
  if (!result) throw new ApiProblem(404, "SERVICE_NOT_FOUND", `Service ${namespace}/${name} does not exist in cluster "${cluster}".`, "Check the namespace and name; GET /api/v1/clusters/{cluster}/services lists the LoadBalancer Services.");
  if ("refusal" in result) throw new ApiProblem(400, "CHANGE_NOT_POSSIBLE", `${result.refusal.field}: ${result.refusal.message}`, result.refusal.fix ?? "Choose a change this Service's controller supports (docs/what-if.md).");
  const age = ageOf(snapshot, source);
  return json({ ...result, before: { ...result.before, age }, after: { ...result.after, age } });
}

/** POST …/services/{name}/what-if with `{ changes: [...] }` (docs/api.md "What-if"). Read-only: nothing is applied. */
export const POST = apiRoute(ServiceParams, async (params, req) => answer(params, await readWhatIfRequest(req)));

/** GET …/services/{name}/what-if?change=kind:value&… — the same, as a link. */
export const GET = apiRoute(ServiceParams, async (params, req) => answer(params, whatIfFromQuery(new URL(req.url).searchParams)));
