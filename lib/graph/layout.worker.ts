import { computeGraph, type GraphRequest } from "./pipeline";

/**
 * Builds and lays out the graph off the main thread (issue 3: "compute the layout off the main thread"),
 * so a 3,000-pod refresh never stalls panning. One request in, one answer out, tagged with its id so the
 * page can ignore answers to requests it has superseded.
 */
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; req: GraphRequest }>) => void) | null;
  postMessage: (message: unknown) => void;
};

scope.onmessage = (e) => {
  try {
    scope.postMessage({ id: e.data.id, result: computeGraph(e.data.req) });
  } catch (err) {
    scope.postMessage({ id: e.data.id, error: err instanceof Error ? err.message : String(err) });
  }
};
