import { describeParamError } from "@/lib/api/params";
import { TimelineQuery, windowSeconds } from "@/lib/api/timeline";
import type { Topology } from "@/lib/api/topology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { timelineOf } from "@/server/core/timeline";
import { ApiProblem, ageOf, clusterOr404, json, snapshotOf } from "./respond";

/**
 * The timeline routes of Services, Ingresses and Gateways: validate `window` and `end`, build the object's topology
 * from the cluster's snapshot, and answer its targets' history (docs/api.md "Timeline").
 */
export async function timelineAnswer(cluster: string, req: Request, topologyOf: (s: Snapshot) => Topology | null, notFound: () => ApiProblem): Promise<Response> {
  const search = new URL(req.url).searchParams;
  const query = TimelineQuery.safeParse({ window: search.get("window") ?? undefined, end: search.get("end") ?? undefined });
  if (!query.success) throw new ApiProblem(400, "INVALID_PARAMETER", `Invalid query parameter: ${describeParamError(query.error)}.`, "Use window=15m, 1h, 3h or 6h (5m to 6h) and end=<ISO 8601 time>, or leave them out.");
  const source = await clusterOr404(cluster);
  const snapshot = await snapshotOf(source);
  const topology = topologyOf(snapshot);
  if (!topology) throw notFound();
  return json({ ...timelineOf(snapshot, topology, { seconds: windowSeconds(query.data.window)!, end: query.data.end }), age: ageOf(snapshot, source) });
}
