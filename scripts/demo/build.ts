/**
 * Writes every demo scenario to server/sources/demo/scenarios/<id>.json.
 * Run: npx tsx scripts/demo/build.ts   (deterministic: rebuilding gives identical files)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildScenario } from "./scenario";
import { scenarios } from "./scenarios";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "../../server/sources/demo/scenarios");
mkdirSync(outDir, { recursive: true });

const ids = new Set<string>();
for (const def of scenarios) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(def.id)) throw new Error(`scenario id not kebab-case: ${def.id}`);
  if (ids.has(def.id)) throw new Error(`duplicate scenario id: ${def.id}`);
  ids.add(def.id);
  writeFileSync(join(outDir, `${def.id}.json`), `${JSON.stringify(buildScenario(def), null, 2)}\n`);
}
// Remove files of scenarios that no longer exist, so the directory is exactly the list.
for (const f of readdirSync(outDir)) if (f.endsWith(".json") && !ids.has(f.slice(0, -5))) rmSync(join(outDir, f));
console.log(`wrote ${ids.size} scenarios to ${outDir}`);
