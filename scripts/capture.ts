/**
 * Capture one live cluster into a Snapshot file that LBPATH_SNAPSHOT=file.json serves:
 *   npx tsx --conditions=react-server scripts/capture.ts --context <kubeconfig context> [--out file.json]
 * Reads through the live source (same clients, same RBAC/IAM, same trim rule: server/sources/live/trim.ts), so
 * the file holds only what the analysis needs: never Secrets, Service annotations only
 * service.beta.kubernetes.io/aws-load-balancer-* and service.kubernetes.io/*, a short list of labels, no Pod
 * labels, and only the AWS tags the joins read. Problems met while reading stay in the file (a partial capture
 * says so). Writes to stdout without --out.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SnapshotSchema, describeSnapshotError } from "@/server/core/model/snapshotSchema";
import type { Snapshot } from "@/server/core/model/snapshot";
import { discoverLiveClusters } from "@/server/sources/live/clusters";
import { liveConfig } from "@/server/sources/live/config";
import { trimSnapshot } from "@/server/sources/live/reshapeSnapshot";

const USAGE = "usage: npm run capture -- --context <kubeconfig context> [--out file.json]";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { context: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) { console.error(USAGE); return 0; }
  // Not eager: only the chosen context is read. One full read (poll), not the shared cache's informers and loops.
  const all = discoverLiveClusters(process.env, { ...liveConfig(process.env), contexts: undefined, eager: false, cache: "poll" });
  const name = values.context ?? (all.length === 1 ? all[0].name : undefined);
  const source = all.find((s) => s.name === name);
  if (!source) {
    console.error(values.context ? `no kubeconfig context named "${values.context}".` : "more than one cluster: choose one with --context.");
    console.error(`available: ${all.map((s) => s.name).join(", ") || "(none: set KUBECONFIG or run in a Pod)"}`);
    console.error(USAGE);
    return 2;
  }
  try {
    const read = await source.snapshot();
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
      `${a.classicLoadBalancers.length} classic load balancers`);
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
