import { ClusterParams } from "@/lib/api/params";
import { apiRoute, clusterOr404, json, snapshotOf } from "@/server/http/respond";
import { triage } from "@/server/core/summaries";

export const dynamic = "force-dynamic";

/** GET /api/v1/clusters/{cluster}/triage — every non-healthy target, most urgent first (docs/api.md). */
export const GET = apiRoute(ClusterParams, async ({ cluster }) => json(triage(await snapshotOf(await clusterOr404(cluster)))));
