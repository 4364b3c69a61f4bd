/**
 * Capture one live cluster into a Snapshot file that LBPATH_SNAPSHOT=file.json serves:
 *   npx tsx --conditions=react-server scripts/capture.ts --context <kubeconfig context> [--out file.json] [--watch 10m]
 * Reads through the live source (same clients, same RBAC/IAM, same trim rule: server/sources/live/trim.ts), so
 * the file holds only what the analysis needs: never Secrets, Service annotations only
 * service.beta.kubernetes.io/aws-load-balancer-* and service.kubernetes.io/*, a short list of labels, no Pod
 * labels, and only the AWS tags the joins read. Problems met while reading stay in the file (a partial capture
 * says so). Writes to stdout without --out.
 *
 * The file carries CloudWatch metrics (the last LBPATH_METRICS_WINDOW_MINUTES, default 15) and a timeline. AWS keeps
 * no history of target health, so the timeline holds what lbpath saw while it read: with `--watch <duration>` it
 * reads every LBPATH_REFRESH_SECONDS (default 15 s) for that long and records every change of target health and
 * every pod, endpoint and node change between reads; without it, only the state at the moment of capture.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SnapshotSchema, describeSnapshotError } from "@/server/core/model/snapshotSchema";
import type { Snapshot } from "@/server/core/model/snapshot";
import { discoverLiveClusters } from "@/server/sources/live/clusters";
import { liveConfig } from "@/server/sources/live/config";
import { trimSnapshot } from "@/server/sources/live/reshapeSnapshot";

const USAGE = "usage: npm run capture -- --context <kubeconfig context> [--out file.json] [--watch <duration, e.g. 10m>]";

/** "90s", "10m", "1h" → ms; null when malformed or over 6 h. */
function duration(text: string): number | null {
  const m = /^(\d+)(s|m|h)$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"];
  return ms <= 6 * 3_600_000 ? ms : null;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { context: { type: "string" }, out: { type: "string" }, watch: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) { console.error(USAGE); return 0; }
  const watchMs = values.watch === undefined ? 0 : duration(values.watch);
  if (watchMs === null) { console.error(`--watch takes a duration such as 90s, 10m or 1h (at most 6h), not "${values.watch}".`); console.error(USAGE); return 2; }
  // Not eager: only the chosen context is read. Full reads (poll), not the shared cache's informers and loops.
  const config = { ...liveConfig(process.env), contexts: undefined, eager: false, cache: "poll" as const };
  const all = discoverLiveClusters(process.env, config);
  const name = values.context ?? (all.length === 1 ? all[0].name : undefined);
  const source = all.find((s) => s.name === name);
  if (!source) {
    console.error(values.context ? `no kubeconfig context named "${values.context}".` : "more than one cluster: choose one with --context.");
    console.error(`available: ${all.map((s) => s.name).join(", ") || "(none: set KUBECONFIG or run in a Pod)"}`);
    console.error(USAGE);
    return 2;
  }
  try {
    let read = await source.snapshot();
    for (const end = Date.now() + watchMs; Date.now() < end;) {
      await new Promise((r) => setTimeout(r, Math.min(config.refreshMs, Math.max(0, end - Date.now()))));
      read = await source.snapshot();
      const t = read.timeline;
      console.error(`watching ${source.name}: ${Math.round((end - Date.now()) / 1000)} s left; ${t?.targets.reduce((n, x) => n + Math.max(0, x.spans.length - 1), 0) ?? 0} target changes, ${t?.events.length ?? 0} Kubernetes changes so far`);
    }
    const { ages: _ages, ...rest } = trimSnapshot(read); // trimSnapshot is idempotent: the rule is applied once more on purpose
    const snapshot: Snapshot = { ...rest, meta: { title: `Captured from ${source.name}`, story: `Read by lbpath capture at ${read.capturedAt}.` } };
    const checked = SnapshotSchema.safeParse(snapshot);
    if (!checked.success) throw new Error(`the capture does not match the snapshot format: ${describeSnapshotError(checked.error)}`);
    const json = JSON.stringify(snapshot, null, 1) + "\n";
    if (values.out) writeFileSync(values.out, json);
    else process.stdout.write(json);
    const k = snapshot.kubernetes;
    const a = snapshot.aws;
    console.error(`captured ${source.name}${values.out ? ` → ${values.out}` : ""}: ${k.services.length} services, ${k.endpointSlices.length} endpointslices, ` +
      `${k.nodes.length} nodes, ${k.pods.length} pods, ${a.loadBalancers.length} load balancers, ${a.targetGroups.length} target groups, ` +
      `${a.classicLoadBalancers.length} classic load balancers, ${snapshot.metrics?.series.length ?? 0} metric series, ` +
      `${snapshot.timeline?.targets.length ?? 0} target histories, ${snapshot.timeline?.events.length ?? 0} Kubernetes changes`);
    for (const p of snapshot.problems ?? []) console.error(`partial: ${p.code}: ${p.message}${p.fix ? `\n  fix: ${p.fix}` : ""}`);
    return 0;
  } catch (e) {
    console.error(`capture of ${source.name} failed:\n${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await source.close?.();
  }
}

process.exitCode = await main();
