import { clusterExpectations } from "../demo/expectations/clusters";
import type { ScenarioExpectation } from "../demo/expectations/dsl";
import { sourceIpExpectations } from "../demo/expectations/sourceIp";
import { workedExpectations } from "../demo/expectations/worked";
import { albExpectations } from "../demo/expectations/alb";
import { overTimeExpectations } from "../demo/expectations/overTime";

/**
 * Hand-derived outcomes for every demo scenario (server/sources/demo/scenarios/<id>.json), keyed by scenario id.
 * Derived by hand from the rules (lib/api/rules.ts, docs/rules.md) and the reference they come from — not from any analysis code; each entry cites
 * its rules, and the readings taken where the reference leaves room are written down next to the entries
 * (tests/unit/demo/expectations/*.ts; the general ones at the top of worked.ts).
 *
 * Per Service ("namespace/name") and per path (listener port): per pod (by name) share / seenAs / header, per
 * target (by instance ID or pod IP) verdict and code (lib/api/codes.ts), dropped, rejected, imbalance level and
 * the finding codes expected to be present (a subset: other findings may appear too). Shares are rounded to
 * 3 decimals: compare with a tolerance of 0.001.
 */
export type { PathExpectation, PodExpectation, ScenarioExpectation, ServiceExpectation, TargetExpectation } from "../demo/expectations/dsl";

export const expectations: Record<string, ScenarioExpectation> = {
  ...workedExpectations,
  ...sourceIpExpectations,
  ...clusterExpectations,
  ...albExpectations,
  ...overTimeExpectations,
};
