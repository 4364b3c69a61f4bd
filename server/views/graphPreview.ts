import "server-only";
import type { Topology } from "@/lib/api/topology";
import { graphToSvg } from "@/lib/graph/exportSvg";
import { firstRender, type GraphPreview } from "@/lib/graph/preview";
import { computeGraph } from "@/lib/graph/pipeline";
import type { ViewState } from "@/lib/url/viewState";
import { buildTopology } from "@/server/core/buildTopology";
import { getClusterSource } from "@/server/sources/registry";
import type { ClusterSource } from "@/server/sources/types";
import { log } from "@/server/log";
import { within } from "@/server/within";

/**
 * The service page's first picture of its graph, drawn on the server into the HTML, so the path is on screen
 * before the page's JavaScript, React Flow and the layout worker have loaded (issue 6, time to graph). The
 * interactive graph replaces it at the same layout. Static SVG (lib/graph/exportSvg.ts, every cluster string
 * XML-escaped), no script.
 */
export type { GraphPreview };

/**
 * How long the page waits for the cluster's data. A live source answers from its cache at once; one still
 * syncing (cold start) would hold the HTML back, and then the page's own loading state is the better answer.
 */
const WAIT_MS = 150;

// Per topology object (memoised per snapshot, so this lives as long as the data does) and view.
const cache = new WeakMap<Topology, Map<string, GraphPreview | null>>();
const MAX_VIEWS_PER_TOPOLOGY = 16;

/** The preview for a Service page, or null whenever there is nothing quick and certain to draw. Never throws. */
export async function graphPreview(
  ref: { cluster: string; namespace: string; name: string },
  view: ViewState,
  lookup: (cluster: string) => Promise<ClusterSource | undefined | null> = getClusterSource,
): Promise<GraphPreview | null> {
  if (view.view !== "graph") return null;
  try {
    const source = await lookup(ref.cluster);
    if (!source) return null;
    const snapshot = await within(source.snapshot().catch(() => null), WAIT_MS);
    if (!snapshot) return null;
    const topology = buildTopology(snapshot, { namespace: ref.namespace, name: ref.name });
    return topology ? previewOf(topology, view) : null;
  } catch (e) {
    // The page still works without it: the browser fetches and draws the graph itself.
    log.warn("graph_preview.failed", { cluster: ref.cluster, error: e });
    return null;
  }
}

/** Pure: the preview of one view of a topology (memoised). */
export function previewOf(topology: Topology, view: Pick<ViewState, "path" | "expand"> & Partial<Pick<ViewState, "page" | "find">>): GraphPreview | null {
  const path = topology.paths.find((p) => p.id === view.path) ?? topology.paths[0];
  if (!path) return null;
  const key = `${path.id}\n${view.expand.join(",")}\n${view.page?.join(",") ?? ""}\n${view.find ?? ""}`;
  let views = cache.get(topology);
  if (!views) cache.set(topology, (views = new Map()));
  if (views.has(key)) return views.get(key)!;
  const result = computeGraph({ topology, pathId: path.id, expand: view.expand, page: view.page, find: view.find, previous: null });
  const preview = result
    ? {
        pathId: path.id,
        src: `data:image/svg+xml;base64,${Buffer.from(graphToSvg(result.graph, result.layout)).toString("base64")}`,
        label: `Traffic path of ${topology.service.namespace}/${topology.service.name} through ${path.loadBalancer.name}: ${result.graph.nodes.length} elements. The interactive graph is loading.`,
        first: firstRender(result),
      }
    : null;
  if (views.size >= MAX_VIEWS_PER_TOPOLOGY) views.clear();
  views.set(key, preview);
  return preview;
}
