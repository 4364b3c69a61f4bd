"use client";
import { useEffect, useRef, useState } from "react";
import type { Topology } from "@/lib/api/topology";
import type { Layout } from "@/lib/graph/layout";
import { computeGraph, type GraphRequest, type GraphResult } from "@/lib/graph/pipeline";
import { perfMark } from "@/lib/perfMark";
import { takeLayoutWorker } from "./layoutWorker";

type Answer = { id: number; result?: GraphResult | null; error?: string };

/**
 * Graph + layout for the current view, computed in a Web Worker (off the main thread), falling back to
 * computing inline when workers are unavailable. The last layout is fed back in, so a refresh keeps every
 * unchanged element where it was (lib/graph/layout.ts).
 */
export function useGraphLayout(topology: Topology, pathId: string, expand: string[]): GraphResult | null {
  const [result, setResult] = useState<GraphResult | null>(null);
  const previous = useRef<Layout | null>(null);
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
  useEffect(() => {
    const id = ++seq.current;
    // Only the selected path crosses to the worker: a structured clone costs time on the main thread, and a
    // Service with many ports has many paths.
    const slim = topology.paths.length > 1 ? { ...topology, paths: topology.paths.filter((p) => p.id === pathId) } : topology;
    const req: GraphRequest = { topology: slim, pathId, expand: expandKey ? expandKey.split(",") : [], previous: previous.current };
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
  }, [topology, pathId, expandKey]);

  return result;
}
