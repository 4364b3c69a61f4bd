import { apiRoute, json } from "@/server/http/respond";
import { listClusters } from "@/server/clusters";
import { z } from "zod";

export const dynamic = "force-dynamic";

/** GET /api/v1/clusters — every cluster lbpath can show (docs/api.md). */
export const GET = apiRoute(z.object({}), async () => json(await listClusters()));
