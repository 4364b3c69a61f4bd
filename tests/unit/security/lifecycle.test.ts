import { describe, expect, it } from "vitest";
import { readiness } from "@/app/api/readyz/readiness";
import { createShutdownHandler } from "@/server/http/gracefulShutdown";
import { isShuttingDown, shutdownSignal } from "@/server/http/shutdown";
import { createLogger } from "@/server/log";
import type { ClusterSource } from "@/server/sources/types";

const source = (name: string, extra: Partial<ClusterSource> = {}): ClusterSource => ({
  name,
  kind: "kubeconfig",
  snapshot: () => Promise.reject(new Error("not used")),
  ...extra,
});

describe("readiness (/api/readyz)", () => {
  it("is ready only when every source has synced", () => {
    let synced = false;
    const sources = [source("demo", { kind: "demo" }), source("prod", { ready: () => synced })];
    expect(readiness(sources)).toMatchObject({ ready: false, notReady: ["prod"] });
    synced = true;
    expect(readiness(sources)).toEqual({
      ready: true,
      notReady: [],
      clusters: [
        { name: "demo", kind: "demo", ready: true },
        { name: "prod", kind: "kubeconfig", ready: true },
      ],
    });
  });

  it("a ready() that throws is not ready, and no clusters is not ready", () => {
    const broken = source("broken", { ready: () => { throw new Error("boom"); } });
    expect(readiness([broken])).toMatchObject({ ready: false, notReady: ["broken"] });
    expect(readiness([]).ready).toBe(false);
  });
});

describe("graceful shutdown", () => {
  it("turns readiness off at once, closes every source, survives a failing and a hanging close()", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (l) => lines.push(JSON.parse(l)) });
    const closed: string[] = [];
    const sources = [
      source("a", { close: async () => void closed.push("a") }),
      source("b", { close: async () => { throw new Error("watch already gone"); } }),
      source("c", { close: () => new Promise<void>(() => {}) }), // never settles
      source("d"), // no close()
    ];
    const handler = createShutdownHandler({ listSources: () => sources, logger, timeoutMs: 200 });
    expect(isShuttingDown()).toBe(false);
    const done = handler("SIGTERM");
    expect(isShuttingDown()).toBe(true);
    expect(shutdownSignal().aborted).toBe(true);
    // A second signal does not start a second round.
    expect(handler("SIGTERM")).toBe(done);
    await done;
    expect(closed).toEqual(["a"]);
    expect(lines.map((l) => l.event)).toEqual(["shutdown_started", "shutdown_close_failed", "shutdown_sources_closed"]);
    expect(lines[2]).toMatchObject({ outcome: "timeout", clusters: 4 });
  });
});
