import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { KubeConfig } from "@kubernetes/client-node";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { AwsClients } from "@/server/sources/live/awsClients";
import { PollingReader, type ReadSnapshotOptions } from "@/server/sources/live/readSnapshot";
import { startEmulator, type Emulator, type EmulatorOptions } from "@/tests/fixtures/emulator";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURE = join(ROOT, "tests/fixtures/emulator/fixture-snapshot.json");
export const SCENARIO_DIR = join(ROOT, "server/sources/demo/scenarios");

export function loadSnapshot(path: string): Snapshot {
  return JSON.parse(readFileSync(path, "utf8")) as Snapshot;
}

/** Whatever demo scenarios exist right now (another engineer adds them over time). */
export function scenarioFiles(): string[] {
  if (!existsSync(SCENARIO_DIR)) return [];
  return readdirSync(SCENARIO_DIR).filter((f) => f.endsWith(".json")).sort().map((f) => join(SCENARIO_DIR, f));
}

export function emulatorKubeConfig(emulator: Emulator, context = "emulator"): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(emulator.kubeconfigYaml(context));
  return kc;
}

/** Real SDK clients whose endpoint is the emulator (credentials: the dummy ones vitest.config.ts sets). */
export function emulatorAwsClients(emulator: Emulator, region = "us-east-1"): AwsClients {
  const config = { region, endpoint: emulator.url };
  return { elbv2: new ElasticLoadBalancingV2Client(config), elb: new ElasticLoadBalancingClient(config), cloudwatch: new CloudWatchClient(config), region };
}

export type ReadOptions = Partial<Omit<ReadSnapshotOptions, "kubeconfig" | "awsClients">>;

/**
 * Read a snapshot from a running emulator through the live path (real clients, real HTTP). The cluster identity
 * (name, awsClusterName) and `meta` are copied from `scenario` when given: they describe the scenario, not
 * anything the live path reads, so a topology built from the result is comparable with one built from the
 * scenario itself.
 */
export async function readSnapshotFromEmulator(emulator: Emulator, scenario?: Snapshot, opts: ReadOptions = {}): Promise<Snapshot> {
  const clients = emulatorAwsClients(emulator, scenario?.cluster.region ?? "us-east-1");
  const reader = new PollingReader({
    cluster: scenario?.cluster.name ?? "emulator",
    kubeconfig: emulatorKubeConfig(emulator),
    awsClusterName: scenario?.cluster.awsClusterName,
    env: {},
    regionHint: scenario?.cluster.region,
    ...opts,
  }, () => clients);
  try {
    const s = await reader.read();
    return scenario?.meta ? { ...s, meta: scenario.meta } : s;
  } finally {
    await reader.close();
  }
}

/** Start an emulator seeded with `snapshot`, read it back through the live path, stop the emulator. */
export async function readThroughEmulator(snapshot: Snapshot, opts: Partial<EmulatorOptions> = {}, read: ReadOptions = {}): Promise<{ read: Snapshot; emulator: Emulator }> {
  const emulator = await startEmulator({ snapshot, ...opts });
  try {
    return { read: await readSnapshotFromEmulator(emulator, snapshot, read), emulator };
  } finally {
    await emulator.close();
  }
}
