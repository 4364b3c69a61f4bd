import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Snapshot } from "@/server/core/model/snapshot";

/**
 * The test emulator (tests/fixtures/emulator) in a worker thread: its own event loop and core, so serving the
 * cluster does not steal CPU from the clients being measured (a real API server is another machine). The main
 * thread talks to it with messages: counts, reset, close.
 */

type Request = { id: number; op: "counts" | "reset" | "close" };
type Counts = { kubernetes: Record<string, number>; aws: Record<string, number> };

export interface EmulatorHandle {
  url: string;
  kubeconfigYaml: string;
  counts(): Promise<Counts>;
  resetCounts(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorWorker(snapshot: Snapshot): Promise<EmulatorHandle> {
  // Module hooks are per thread: register tsx in the worker first, so it can load this TypeScript file.
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { snapshot } });
  let seq = 0;
  const pending = new Map<number, (v: unknown) => void>();
  const ready = new Promise<{ url: string; kubeconfigYaml: string }>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: { id?: number; ready?: { url: string; kubeconfigYaml: string }; result?: unknown }) => {
      if (m.ready) resolve(m.ready);
      else if (m.id !== undefined) { pending.get(m.id)?.(m.result); pending.delete(m.id); }
    });
  });
  const ask = <T>(op: Request["op"]) => new Promise<T>((resolve) => {
    const id = ++seq;
    pending.set(id, resolve as (v: unknown) => void);
    worker.postMessage({ id, op } satisfies Request);
  });
  const info = await ready;
  return {
    ...info,
    counts: () => ask<Counts>("counts"),
    resetCounts: () => ask<void>("reset"),
    close: async () => { await ask<void>("close"); await worker.terminate(); },
  };
}

if (!isMainThread && parentPort && (workerData as { snapshot?: Snapshot })?.snapshot) {
  const port = parentPort;
  const { startEmulator } = await import("@/tests/fixtures/emulator");
  const emulator = await startEmulator({ snapshot: (workerData as { snapshot: Snapshot }).snapshot });
  port.on("message", async (m: Request) => {
    if (m.op === "counts") port.postMessage({ id: m.id, result: emulator.counts });
    else if (m.op === "reset") { emulator.resetCounts(); port.postMessage({ id: m.id }); }
    else { await emulator.close(); port.postMessage({ id: m.id }); }
  });
  port.postMessage({ ready: { url: emulator.url, kubeconfigYaml: emulator.kubeconfigYaml("bench") } });
}
