import type { Topology } from "@/lib/api/topology";
import { buildGraph } from "./build";
import { layoutGraph, type Layout } from "./layout";
import type { GraphModel } from "./model";

export interface GraphRequest {
  topology: Topology;
  pathId: string;
  expand: string[];
  /** Opened zones' pages (`Targets:<zone>:<n>`) and the target search (lib/graph/window.ts). */
  page?: string[];
  find?: string | null;
  /** The last layout of this view, so unchanged elements keep their place across refreshes. */
  previous: Layout | null;
  budget?: number;
}

export interface GraphResult {
  graph: GraphModel;
  layout: Layout;
  /** Time spent building and laying out, for the "layout off the main thread" budget. */
  ms: number;
}

/** Topology → graph → positions. Pure; runs in the layout worker (or inline where workers are missing). */
export function computeGraph(req: GraphRequest): GraphResult | null {
  const start = typeof performance !== "undefined" ? performance.now() : 0;
  const path = req.topology.paths.find((p) => p.id === req.pathId);
  if (!path) return null;
  const graph = buildGraph(req.topology, path, { expand: req.expand, budget: req.budget, page: req.page, find: req.find });
  const layout = layoutGraph(graph, req.previous);
  return { graph, layout, ms: (typeof performance !== "undefined" ? performance.now() : 0) - start };
}
