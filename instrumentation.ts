/**
 * Runs once when the server starts (Next instrumentation hook). In the Node.js runtime it logs the start-up
 * settings and installs the graceful-shutdown handler (server/http/gracefulShutdown.ts). Node-only modules
 * are imported inside the runtime check so the edge bundle never sees them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installProcessHandlers } = await import("./server/http/processHandlers");
  installProcessHandlers();
}
