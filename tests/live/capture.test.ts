import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { SnapshotSchema } from "@/server/core/model/snapshotSchema";
import { sortSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { FIXTURE, ROOT, loadSnapshot } from "./helpers";

const run = promisify(execFile);

/** scripts/capture.ts as a user runs it, against the emulator (KUBECONFIG + AWS_ENDPOINT_URL only). */
// Each run starts a tsx process (≈ 4 s CPU; much longer when the machine is busy).
describe("scripts/capture.ts", { timeout: 90_000 }, () => {
  const fixture = loadSnapshot(FIXTURE);
  // The same cluster with things a capture must not keep.
  const seeded: Snapshot = structuredClone(fixture);
  seeded.kubernetes.pods[0].metadata.labels = { app: "web", "session-token": "hunter2-pod" };
  seeded.kubernetes.services[0].metadata.annotations!["kubectl.kubernetes.io/last-applied-configuration"] = '{"password":"hunter2-svc"}';
  seeded.kubernetes.nodes[0].metadata.labels!["team-email"] = "ops@example.com";
  seeded.kubernetes.nodes[0].metadata.annotations = { "node.alpha.kubernetes.io/ttl": "0", note: "hunter2-node" };
  seeded.aws.loadBalancers[0].tags.owner = "ops@example.com";
  seeded.aws.targetGroups[0].tags.CostCenter = "hunter2-tg";
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ snapshot: seeded });
    dir = mkdtempSync(join(tmpdir(), "lbpath-capture-"));
    writeFileSync(join(dir, "kubeconfig"), emulator.kubeconfigYaml("staging"));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const capture = (args: string[], env: Record<string, string> = {}) => run(join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/capture.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, KUBECONFIG: join(dir, "kubeconfig"), AWS_ENDPOINT_URL: emulator.url, HOME: dir, AWS_REGION: "us-east-1", ...env },
  });

  it("writes a snapshot file with the analysis data and nothing sensitive; never lists Secrets", async () => {
    const out = join(dir, "staging.json");
    const { stderr } = await capture(["--context", "staging", "--out", out]);
    expect(stderr).toContain("captured staging");
    const text = readFileSync(out, "utf8");
    for (const secret of ["hunter2", "ops@example.com", "last-applied-configuration", "session-token"]) expect(text).not.toContain(secret);
    const file = JSON.parse(text) as Snapshot;
    expect(SnapshotSchema.safeParse(file).success).toBe(true);
    const { kubernetes, aws } = sortSnapshot(fixture);
    expect({ kubernetes: file.kubernetes, aws: file.aws }).toStrictEqual({ kubernetes, aws });
    expect(file.cluster).toEqual({ name: "staging", region: "us-east-1" });
    expect(file.meta?.title).toBe("Captured from staging");
    expect(Object.keys(emulator.counts.kubernetes).filter((k) => /secrets|\/endpoints(\?|$)/.test(k))).toEqual([]);
  });

  it("carries CloudWatch metrics (one GetMetricData call) and a timeline; --watch records the changes while it reads", async () => {
    emulator.resetCounts();
    const out = join(dir, "watched.json");
    const target = seeded.aws.targetGroups.flatMap((tg) => tg.targetHealthDescriptions ?? []).find((d) => d.targetHealth.state === "healthy")!.target;
    const running = capture(["--context", "staging", "--out", out, "--watch", "5s"], { LBPATH_REFRESH_SECONDS: "1" });
    // While it watches (its first read has asked for target health): the load balancer reports the target unhealthy.
    for (let i = 0; i < 600 && emulator.awsCount("DescribeTargetHealth") === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    emulator.setTargetHealth({ id: target.id, port: target.port, state: "unhealthy", reason: "Target.FailedHealthChecks" });
    const { stderr } = await running;
    expect(stderr).toMatch(/watching staging: \d+ s left/);
    const file = JSON.parse(readFileSync(out, "utf8")) as Snapshot;
    expect(SnapshotSchema.safeParse(file).success).toBe(true);
    // Metrics are read once however many reads a watch makes (LBPATH_METRICS_SECONDS, default 60).
    expect(emulator.awsCount("cloudwatch:GetMetricData")).toBe(1);
    expect(file.metrics!.series.length).toBeGreaterThan(0);
    const h = file.timeline!.targets.find((x) => x.id === target.id && x.port === target.port)!;
    expect(h.spans.map((x) => x.state)).toEqual(["healthy", "unhealthy"]);
    emulator.setTargetHealth({ id: target.id, port: target.port, state: "healthy" });
  });

  it("names the available contexts when the one asked for does not exist", async () => {
    const err = await capture(["--context", "prod"]).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('no kubeconfig context named "prod"');
    expect((err as { stderr: string }).stderr).toContain("available: staging");
  });
});
