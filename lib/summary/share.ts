import type { Topology, Triage } from "@/lib/api/topology";
import { withAsOf, withoutAsOf } from "./asOf";
import { topologyDigest, triageDigest } from "./digest";
import { topologySummaryMarkdown, triageSummaryMarkdown } from "./markdown";

/**
 * What "Copy summary" puts on the clipboard: the Markdown summary with a link that pins the moment the data
 * describes (asOf = the data's capture time, digest = its state), so a recipient can tell if it changed since.
 * `href` is the page's current absolute URL; any older asOf/digest in it is replaced.
 */
export function pinnedTopologySummary(t: Topology, href: string): string {
  const link = withAsOf(withoutAsOf(href), { asOf: new Date(t.age.capturedAt).toISOString(), digest: topologyDigest(t) });
  return topologySummaryMarkdown(t, { link });
}

export function pinnedTriageSummary(triages: readonly Triage[], href: string, scope?: string): string {
  const oldest = triages.map((t) => t.age.capturedAt).sort()[0];
  const link = oldest ? withAsOf(withoutAsOf(href), { asOf: new Date(oldest).toISOString(), digest: triageDigest(triages) }) : href;
  return triageSummaryMarkdown(triages, { link, scope });
}
