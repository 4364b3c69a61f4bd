/**
 * The side-by-side request figure alone, against a server that is already running (for iterating on the proxy or
 * the route handlers): lbpath vs a bare node:http server sending the same bytes (bench/measure/fixedCost.ts).
 *
 *   npx tsx bench/tools/fixed-cost.ts --base http://127.0.0.1:3411 [--n 400] [--path /api/healthz …]
 */
import { parseArgs } from "node:util";
import { measureFixedCost } from "../measure/fixedCost";
import { round } from "../measure/stats";

const { values } = parseArgs({ options: { base: { type: "string" }, n: { type: "string", default: "400" }, path: { type: "string", multiple: true } } });
if (!values.base) throw new Error("--base http://127.0.0.1:<port> is required");
const paths = values.path?.length ? values.path : ["/api/healthz"];
for (const r of await measureFixedCost(values.base, paths, Number(values.n))) {
  console.log(`${r.path} (${r.wireBytes} B): lbpath p50 ${round(r.lbpath.p50, 2)} ms p95 ${round(r.lbpath.p95, 2)} ms; bare p50 ${round(r.bare.p50, 2)} ms p95 ${round(r.bare.p95, 2)} ms`);
}
