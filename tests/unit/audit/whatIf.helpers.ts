import type { Change } from "@/lib/api/whatIf";
import type { Snapshot } from "@/server/core/model/snapshot";
import { predictWhatIf } from "@/server/core/whatIf";
import { buildCase, type CaseSpec } from "../core/caseBuilder";

/** Helpers of the what-if audit (whatIf.audit.test.ts, whatIf.fixes.test.ts). */
export const ANN = "service.beta.kubernetes.io/";
export const REF = { namespace: "shop", name: "web" };

export type Prediction = Exclude<ReturnType<typeof predictWhatIf>, null | { refusal: unknown }>;

export function snapshot(spec: CaseSpec, mutate?: (s: Snapshot) => void): Snapshot {
  const s = buildCase(spec);
  mutate?.(s);
  return s;
}

/** The same entry point the what-if tests call (tests/unit/whatIf/refusals.test.ts). */
export function ask(spec: CaseSpec, changes: Change[], mutate?: (s: Snapshot) => void) {
  return predictWhatIf(snapshot(spec, mutate), REF, changes);
}

export function ok(spec: CaseSpec, changes: Change[], mutate?: (s: Snapshot) => void): Prediction {
  const r = ask(spec, changes, mutate);
  if (!r || "refusal" in r) throw new Error(`refused or unknown: ${JSON.stringify(r)}`);
  return r;
}

export function refusal(spec: CaseSpec, changes: Change[], mutate?: (s: Snapshot) => void) {
  const r = ask(spec, changes, mutate);
  return r && "refusal" in r ? r.refusal : null;
}

/** Adds (or overrides) Service annotations. */
export const annotate = (a: Record<string, string>) => (s: Snapshot) => {
  const m = s.kubernetes.services[0].metadata;
  m.annotations = { ...(m.annotations ?? {}), ...a };
};

/** JOIN-1 step 3: `aws-load-balancer-type: external` + `aws-load-balancer-nlb-target-type` → AWS Load Balancer Controller. */
export const lbc = (targetType: "ip" | "instance", extra: Record<string, string> = {}) => (s: Snapshot) => {
  s.kubernetes.services[0].metadata.annotations = { [`${ANN}aws-load-balancer-type`]: "external", [`${ANN}aws-load-balancer-nlb-target-type`]: targetType, ...extra };
};

export const compose = (...fs: ((s: Snapshot) => void)[]) => (s: Snapshot) => fs.forEach((f) => f(s));

/** The `-p` JSON of a `kubectl patch … --type merge -p '<json>'` line, read back the way a POSIX shell would. */
export function patchBody(line: string): { metadata?: { annotations?: Record<string, string | null> }; spec?: Record<string, unknown> } {
  const word = line.slice(line.indexOf(" -p ") + 4);
  let out = "";
  for (let i = 0; i < word.length; ) {
    if (word[i] === "'") {
      const end = word.indexOf("'", i + 1);
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (word[i] === "\\") {
      out += word[i + 1];
      i += 2;
    } else throw new Error(`unquoted ${JSON.stringify(word.slice(i))}`);
  }
  return JSON.parse(out);
}

export const hcOf = (p: Prediction, which: "before" | "after" = "after") => p[which].paths[0].targetGroup?.healthCheck ?? p[which].paths[0].classicHealthCheck;
export const codesOf = (p: Prediction) => p.costs.map((c) => c.code);

/** Two zones, a pod on n1 only (the blog's example, TC-01). */
export const BLOG: Pick<CaseSpec, "lbZones" | "nodes"> = { lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b" }] };
/** Two zones, a pod on each node. */
export const TWO: Pick<CaseSpec, "lbZones" | "nodes"> = { lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] };
