import type { Rule, RuleCondition } from "../model/elbv2";
import { cidrCovers, conditionValues } from "./ruleMatch";

/**
 * Static shadowing (ALB-R1, ALB-R9): rule B can never win when an earlier rule A (lower priority number) matches
 * every request B matches. Sound, not complete: "A covers B" is claimed only when it is certain —
 * - for each condition field A has, B has the same field and every value of B is covered by one value of A
 *   (A has no condition of a field ⇒ A matches every request there);
 * - host-header, path-pattern: A's pattern covers B's pattern as a pattern (a `*` in A covers anything, a `?` in A
 *   covers one character of B but not B's `*`), host case-insensitively, path case-sensitively (ALB-R3, R4);
 * - http-request-method: B's values are a subset of A's; source-ip: each of B's blocks lies inside one of A's;
 * - http-header, query-string, regex values: only an identical condition counts as covering.
 * The default rule is evaluated last and is never shadowed in this sense (ALB-R1).
 */

/** Does pattern `a` match every string pattern `b` matches? `caseInsensitive` for host names. */
export function patternCovers(a: string, b: string, caseInsensitive: boolean): boolean {
  const A = caseInsensitive ? a.toLowerCase() : a;
  const B = caseInsensitive ? b.toLowerCase() : b;
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === A.length) r = j === B.length;
    else if (A[i] === "*") r = go(i + 1, j) || (j < B.length && go(i, j + 1));
    else if (j === B.length) r = false;
    else if (A[i] === "?") r = B[j] !== "*" && go(i + 1, j + 1);
    else r = A[i] === B[j] && B[j] !== "*" && B[j] !== "?" && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

const same = (x: RuleCondition, y: RuleCondition) => JSON.stringify(conditionValues(x)) === JSON.stringify(conditionValues(y)) && JSON.stringify(x.httpHeaderConfig?.httpHeaderName?.toLowerCase()) === JSON.stringify(y.httpHeaderConfig?.httpHeaderName?.toLowerCase()) && JSON.stringify(x.queryStringConfig) === JSON.stringify(y.queryStringConfig);

function conditionCovers(a: RuleCondition, b: RuleCondition): boolean {
  const av = conditionValues(a);
  const bv = conditionValues(b);
  if (av.regex.length || bv.regex.length) return same(a, b);
  switch (a.field) {
    case "host-header":
      return bv.values.length > 0 && bv.values.every((v) => av.values.some((p) => patternCovers(p, v, true)));
    case "path-pattern":
      return bv.values.length > 0 && bv.values.every((v) => av.values.some((p) => patternCovers(p, v, false)));
    case "http-request-method":
      return bv.values.length > 0 && bv.values.every((v) => av.values.includes(v));
    case "source-ip":
      return bv.values.length > 0 && bv.values.every((v) => av.values.some((p) => cidrCovers(p, v)));
    default:
      return same(a, b);
  }
}

/** True when every request `b` matches is matched by `a` as well. */
export function ruleCovers(a: RuleCondition[], b: RuleCondition[]): boolean {
  return a.every((ca) => b.some((cb) => cb.field === ca.field && conditionCovers(ca, cb)));
}

const rank = (r: Rule) => (r.isDefault || r.priority === "default" ? Number.POSITIVE_INFINITY : Number(r.priority));

/** For each rule (by ARN), the earliest rule that shadows it, or null. */
export function shadowedBy(rules: Rule[]): Map<string, Rule | null> {
  const ordered = [...rules].sort((x, y) => rank(x) - rank(y));
  const out = new Map<string, Rule | null>();
  ordered.forEach((b, j) => {
    if (b.isDefault || b.priority === "default") { out.set(b.ruleArn, null); return; }
    out.set(b.ruleArn, ordered.slice(0, j).find((a) => !a.isDefault && ruleCovers(a.conditions, b.conditions)) ?? null);
  });
  return out;
}
