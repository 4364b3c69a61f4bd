import { authorize } from "@/server/http/auth";
import { json } from "@/server/http/respond";
import { isShuttingDown } from "@/server/http/shutdown";
import { logStateChange } from "@/server/log";
import { listClusterSources } from "@/server/sources/registry";
import { readiness } from "./readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 once every cluster source has synced its caches, 503 before that and from SIGTERM on.
 * Exempt from authentication because the kubelet probes it without credentials (docs/security.md); it
 * names the clusters only to callers who are signed in, so an anonymous caller learns just the counts.
 */
export async function GET(req: Request) {
  if (isShuttingDown()) return json({ status: "shutting-down" }, 503);
  let report;
  try {
    report = readiness(await listClusterSources());
  } catch (err) {
    logStateChange("readiness", "error", { error: err }, "error");
    return json({ status: "error", message: "The cluster sources could not be listed; see the server log." }, 503);
  }
  logStateChange("readiness", report.ready ? "ready" : "not-ready", { notReady: report.notReady }, report.ready ? "info" : "warn");
  const status = report.ready ? "ready" : "not-ready";
  const body =
    authorize(req) === null
      ? { status, clusters: report.clusters, notReady: report.notReady }
      : { status, clusters: report.clusters.length, notReady: report.notReady.length };
  return json(body, report.ready ? 200 : 503);
}
