import { defineConfig, devices } from "@playwright/test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kubeconfigYaml } from "./tests/fixtures/emulator/kubeconfig";
import { BROKEN_CLUSTER, CONTROL_PORT, EMULATOR_PORT, LIVE_CLUSTER, LIVE_ENV, LIVE_PORT, LIVE_SCENARIO } from "./tests/fixtures/emulator/e2eLive";

/**
 * Playwright against live mode (issue 5): `next start` with LBPATH_MODE=live reading the local emulator of the
 * Kubernetes and ELB APIs (tests/fixtures/emulator, seeded from a demo scenario) over real HTTP, with dummy AWS
 * credentials and loopback only. The specs (tests/e2e/live*.spec.ts) change the emulated cluster and inject
 * faults through the emulator's control endpoint.
 *
 *   npx next build        # once, if .next is missing (or LBPATH_DIST_DIR=.next-<you> for your own build dir)
 *   npx playwright test -c playwright.live.config.ts
 */

const systemChromium = [process.env.LBPATH_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));

// Two kubeconfig files, merged through KUBECONFIG: the emulator's context and a broken one.
const dir = join(tmpdir(), `lbpath-e2e-live-${LIVE_PORT}`);
mkdirSync(dir, { recursive: true });
const emulatorKubeconfig = join(dir, "emulator.yaml");
const brokenKubeconfig = join(dir, "broken.yaml");
writeFileSync(emulatorKubeconfig, kubeconfigYaml(`http://127.0.0.1:${EMULATOR_PORT}`, LIVE_CLUSTER));
writeFileSync(brokenKubeconfig, ["apiVersion: v1", "kind: Config", "clusters: []", "users: []", "contexts:",
  `- name: ${BROKEN_CLUSTER}`, "  context: {cluster: deleted-cluster, user: deleted-user}", `current-context: ${BROKEN_CLUSTER}`, ""].join("\n"));

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "live*.spec.ts",
  workers: 1,
  retries: 0,
  timeout: 45_000,
  reporter: [["list"], ["json", { outputFile: ".reports/e2e-live.json" }]],
  outputDir: "test-results/live",
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    baseURL: `http://127.0.0.1:${LIVE_PORT}`,
    launchOptions: {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx tests/fixtures/emulator/cli.ts --snapshot ${LIVE_SCENARIO} --port ${EMULATOR_PORT} --control-port ${CONTROL_PORT}`,
      url: `http://127.0.0.1:${CONTROL_PORT}/__control/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${LIVE_PORT}`,
      // 200 once every cluster's informers have synced (the broken context does not hold it up).
      url: `http://127.0.0.1:${LIVE_PORT}/api/readyz`,
      env: {
        LBPATH_MODE: "live",
        KUBECONFIG: `${emulatorKubeconfig}:${brokenKubeconfig}`,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${EMULATOR_PORT}`,
        AWS_ACCESS_KEY_ID: "AKIDTEST",
        AWS_SECRET_ACCESS_KEY: "test-secret",
        AWS_REGION: "us-east-1",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        // The scenario's load balancers carry the AWS-side cluster name "demo" (JOIN-2).
        LBPATH_AWS_CLUSTER_NAME: "demo",
        ...LIVE_ENV,
      },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
