/**
 * Profile `next start` (node --cpu-prof) while it answers one API path repeatedly, then print where the CPU
 * went (bench/tools/cpuprofile.ts). Needs a build in .next-bench (npm run bench -- --keep-build).
 *
 *   npx tsx --conditions=react-server bench/tools/profile-server.ts --size L --path topology:stream/ingest [--n 30]
 *   paths: topology:<namespace>/<name> | triage | services
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "../generate";
import { parseSizes } from "../sizes";
import { getDistDir, hasBuild, startServer } from "../measure/server";
import { get, closeAgent } from "../measure/http";
import { topologyApiPath } from "@/lib/url/paths";
import { summarizeProfile } from "./cpuprofile";

const { values } = parseArgs({ options: { size: { type: "string", default: "L" }, path: { type: "string", default: "triage" }, n: { type: "string", default: "30" }, top: { type: "string", default: "30" } } });
if (!hasBuild()) throw new Error(`no build in ${getDistDir()}: run the bench with --keep-build first`);
const [size] = parseSizes(values.size!);
const dir = join("bench", "out", "profile");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const file = join("bench", "out", `bench-${size.toLowerCase()}.json`);
writeFileSync(file, JSON.stringify(generate(size).snapshot));
const spawned = performance.now();
const server = await startServer(file, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
let loadedAfterMs: number | undefined;
try {
  const api = `/api/v1/clusters/${encodeURIComponent(server.cluster)}`;
  const p = values.path!;
  const url = p.startsWith("topology:")
    ? topologyApiPath({ cluster: server.cluster, namespace: p.slice(9).split("/")[0], name: p.slice(9).split("/")[1] })
    : `${api}/${p}`;
  await get(`${server.base}${api}/services`, 300_000); // load the snapshot first
  await get(server.base + url); // and warm the path
  loadedAfterMs = performance.now() - spawned;
  for (let i = 0; i < Number(values.n); i++) {
    const r = await get(server.base + url);
    if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
  }
} finally {
  await server.stop();
  closeAgent();
}
// Only the steady state: samples after the snapshot was loaded and the path warmed.
for (const f of readdirSync(dir)) console.log(`== ${f} (after the first ${Math.round(loadedAfterMs ?? 0)} ms)\n${summarizeProfile(JSON.parse(readFileSync(join(dir, f), "utf8")), Number(values.top), undefined, loadedAfterMs ?? 0)}`);
