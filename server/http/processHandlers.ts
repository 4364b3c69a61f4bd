import { log, logStateChange } from "@/server/log";
import { listClusterSources } from "@/server/sources/registry";
import { resolveAuth } from "./authCore";
import { listeningAddresses, listensOnLoopbackOnly } from "./bindAddress";
import { authSettings } from "./authSettings";
import { createShutdownHandler } from "./gracefulShutdown";

const INSTALLED = Symbol.for("lbpath.processHandlers");

/** Called from instrumentation.ts register(); idempotent (next dev may register more than once). */
export function installProcessHandlers(): void {
  const g = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;

  const s = authSettings();
  log.info("startup", {
    node: process.version,
    mode: process.env.LBPATH_MODE ?? null,
    authRequested: s.requested ?? "(default)",
    tokenFile: s.tokenFile ?? null,
    listening: listeningAddresses(),
  });
  // The mode in force, logged now rather than at the first request, so a misconfiguration shows at start-up.
  const auth = resolveAuth(s, listensOnLoopbackOnly());
  if (auth.mode === "misconfigured") logStateChange("auth:mode", auth.mode, { message: auth.message, fix: auth.fix }, "error");
  else logStateChange("auth:mode", auth.mode);

  // Build the cluster sources now, so live caches start syncing before the first request or readiness probe
  // (and a SIGTERM before any request does not build them only to close them).
  listClusterSources().catch((error) => log.error("registry.start", { error }));

  const onSignal = createShutdownHandler({ listSources: listClusterSources, logger: log });
  // With NEXT_MANUAL_SIG_HANDLE Next leaves signals to the app: then we must exit ourselves once closed.
  const manual = Boolean(process.env.NEXT_MANUAL_SIG_HANDLE);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void onSignal(signal).then(() => {
        if (manual) process.exit(signal === "SIGTERM" ? 143 : 130);
      });
    });
  }
}
