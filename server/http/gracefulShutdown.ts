import type { ClusterSource } from "@/server/sources/types";
import type { Logger } from "@/server/log";
import { beginShutdown } from "./shutdown";

export interface ShutdownDeps {
  listSources: () => readonly ClusterSource[] | Promise<readonly ClusterSource[]>;
  logger: Logger;
  /** Upper bound for all close() calls together; the kubelet's grace period (30 s) must cover it. */
  timeoutMs?: number;
}

/**
 * What happens on SIGTERM/SIGINT, in the nodejs runtime (instrumentation.ts):
 *  1. readiness turns false at once (beginShutdown), so no new traffic is routed here;
 *  2. every cluster source is closed (informers, watches, AWS refresh loops stop calling upstream);
 *  3. nothing else: `next start` / the standalone server.js handle the same signal themselves. They stop
 *     accepting connections, finish in-flight requests and then exit (143 on SIGTERM). We do not call
 *     process.exit, which would cut those requests off (Next self-hosting guide, "after" / graceful shutdown).
 * Never throws: a source that fails or hangs while closing is logged and left to the exit.
 */
export function createShutdownHandler(deps: ShutdownDeps): (signal: string) => Promise<void> {
  let started: Promise<void> | null = null;
  return (signal: string) => {
    started ??= (async () => {
      beginShutdown(signal);
      const t0 = Date.now();
      deps.logger.info("shutdown_started", { signal });
      let sources: readonly ClusterSource[] = [];
      try {
        sources = await deps.listSources();
      } catch (err) {
        deps.logger.error("shutdown_list_sources_failed", { error: err });
      }
      const closes = sources.map(async (s) => {
        try {
          await s.close?.();
        } catch (err) {
          deps.logger.warn("shutdown_close_failed", { cluster: s.name, error: err });
        }
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), deps.timeoutMs ?? 10_000);
        timer.unref?.();
      });
      const outcome = await Promise.race([Promise.all(closes).then(() => "closed" as const), timedOut]);
      clearTimeout(timer);
      deps.logger.info("shutdown_sources_closed", { signal, outcome, clusters: sources.length, durationMs: Date.now() - t0 });
    })();
    return started;
  };
}
