/**
 * The layout worker (lib/graph/layout.worker.ts), started ahead of need: the service page spawns one as soon as it
 * mounts, so the worker's script loads while the topology and the graph code are still on their way, and the graph
 * view takes it over when it mounts (issue 6, time to graph). Browser-only.
 */
let spare: Worker | null = null;

function spawn(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    return new Worker(new URL("../../../lib/graph/layout.worker.ts", import.meta.url), { type: "module", name: "lbpath-layout" });
  } catch {
    return null; // blocked or unsupported: the graph is computed inline instead
  }
}

/** Start a worker now, if none is waiting. */
export function warmLayoutWorker(): void {
  spare ??= spawn();
}

/** The waiting worker, or a new one; the caller owns it (and terminates it). */
export function takeLayoutWorker(): Worker | null {
  const w = spare ?? spawn();
  spare = null;
  return w;
}
