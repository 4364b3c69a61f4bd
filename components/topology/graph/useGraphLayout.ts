"use client";
import { useEffect, useRef, useState } from "react";
import type { Path, Topology } from "@/lib/api/topology";
import type { Layout } from "@/lib/graph/layout";
import { computeGraph, type GraphRequest, type GraphResult } from "@/lib/graph/pipeline";
import { firstRenderFits } from "@/lib/graph/preview";
import { perfMark } from "@/lib/perfMark";
import { takeLayoutWorker } from "./layoutWorker";

type Answer = { id: number; result?: GraphResult | null; error?: string };

/**
 * Graph + layout for the current view, computed in a Web Worker (off the main thread), falling back to
 * computing inline when workers are unavailable. The last layout is fed back in, so a refresh keeps every
 * unchanged element where it was (lib/graph/layout.ts).
 */
export function useGraphLayout(
  topology: Topology,
  path: Path,
  expand: string[],
  page: string[] = [],
  find: string | null = null,
  /** The server's layout of this view (lib/graph/preview.ts): drawn at once, until the worker answers. */
  first?: GraphResult,
): GraphResult | null {
  const [result, setResult] = useState<GraphResult | null>(() => {
    if (!firstRenderFits(first, { pathId: path.id, expand, pages: page, find })) return null;
    perfMark("lbpath:layout-from-server");
    return first;
  });
  // The worker lays out from the server's layout, so every element keeps the place it was first drawn at.
  const previous = useRef<Layout | null>(result?.layout ?? null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    worker.current = takeLayoutWorker();
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, []);

  const expandKey = expand.join(",");
  const pageKey = page.join(",");
  const { nodes, service } = topology;
  useEffect(() => {
    const id = ++seq.current;
    // Only the selected path crosses to the worker: a structured clone costs time on the main thread, and a
    // Service with many ports has many paths.
    const slim: Topology = { ...topology, paths: [path] };
    const req: GraphRequest = {
      topology: slim,
      pathId: path.id,
      expand: expandKey ? expandKey.split(",") : [],
      page: pageKey ? pageKey.split(",") : [],
      find,
      previous: previous.current,
    };
    perfMark("lbpath:layout-request");
    const done = (r: GraphResult | null) => {
      if (id !== seq.current) return; // superseded by a newer request
      perfMark("lbpath:layout-result");
      if (r) previous.current = r.layout;
      setResult(r);
    };
    const w = worker.current;
    if (!w) {
      done(computeGraph(req));
      return;
    }
    const onMessage = (e: MessageEvent<Answer>) => {
      if (e.data.id !== id) return;
      cleanup();
      done(e.data.error != null ? computeGraph(req) : (e.data.result ?? null));
    };
    const onError = () => {
      // A worker that cannot start (blocked, unsupported) must not leave the page without a graph.
      cleanup();
      worker.current?.terminate();
      worker.current = null;
      done(computeGraph(req));
    };
    const cleanup = () => {
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    w.postMessage({ id, req });
    return cleanup;
    // The graph depends on the path, the nodes and the Service only (lib/graph/collector.ts). Every refetch brings a
    // new topology object (its `age` moves on), but React Query's structural sharing keeps these three objects while
    // they are unchanged: an unchanged answer must not redo the layout and redraw a graph of thousands of elements.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, nodes, service, expandKey, pageKey, find]);

  return result;
}
