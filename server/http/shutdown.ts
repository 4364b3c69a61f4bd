/**
 * Process-wide "we are shutting down" state, set by the SIGTERM handler in instrumentation.ts.
 * Kept on globalThis because Next loads instrumentation and each route bundle as separate module
 * instances; a module-level variable would not be seen across them.
 *
 * /api/readyz answers 503 once shutdown starts. Long-lived responses (server-sent events) should end when
 * `shutdownSignal()` aborts: `next start` closes its HTTP server on SIGTERM and waits for open responses
 * before exiting, so a stream that never ends would hold the pod until the kubelet kills it.
 */

interface ShutdownState {
  controller: AbortController;
}

const KEY = Symbol.for("lbpath.shutdown");

function state(): ShutdownState {
  const g = globalThis as unknown as Record<symbol, ShutdownState | undefined>;
  return (g[KEY] ??= { controller: new AbortController() });
}

export function shutdownSignal(): AbortSignal {
  return state().controller.signal;
}

export function isShuttingDown(): boolean {
  return state().controller.signal.aborted;
}

export function beginShutdown(reason: string): void {
  const c = state().controller;
  if (!c.signal.aborted) c.abort(new Error(`shutting down: ${reason}`));
}
