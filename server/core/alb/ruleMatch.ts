import { BlockList, isIP } from "node:net";
import type { RuleCondition } from "../model/elbv2";

/**
 * ALB listener-rule conditions (ALB-R1..R8 in docs/alb.md), as the ELBv2 API reference words them (W1 shapes:
 * HostHeaderConditionConfig, PathPatternConditionConfig, HttpHeaderConditionConfig, QueryStringConditionConfig,
 * HttpRequestMethodConditionConfig, SourceIpConditionConfig; ALB guide "Condition types for listener rules"):
 * - values within one condition are ORed; a rule's conditions are ANDed (ALB-R2);
 * - host-header: case-insensitive, `*` (0 or more characters) and `?` (exactly one) (ALB-R3);
 * - path-pattern: case-sensitive, same wildcards, compared with the path only, never the query string (ALB-R4);
 * - http-header: the header name and the values are compared case-insensitively, with wildcards (ALB-R5);
 * - query-string: key/value pairs or values, case-insensitive, wildcards (ALB-R6);
 * - http-request-method: case-sensitive, exact, no wildcards (ALB-R7);
 * - source-ip: CIDR blocks; the TCP peer's address, never X-Forwarded-For (ALB-R8).
 * Regex values (`RegexValues`, newer rules) are matched with JavaScript regular expressions (MODEL: AWS documents a
 * restricted syntax; anchoring UNVERIFIED, a match anywhere counts).
 */

export interface HttpRequest {
  host: string;
  path: string;
  /** Header name → value (names compared case-insensitively). */
  headers?: Record<string, string>;
  method?: string;
  /** Query string without "?", e.g. "a=1&b=2" (or pairs already split). */
  query?: string;
  sourceIp?: string;
}

/** Glob with `*` and `?` (a backslash escapes the next character, as in query-string values). */
export function globMatch(pattern: string, text: string, caseInsensitive: boolean): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const t = caseInsensitive ? text.toLowerCase() : text;
  // Iterative wildcard match with backtracking on the last `*` (linear in practice, no regex built from input).
  let pi = 0, ti = 0, star = -1, mark = 0;
  while (ti < t.length) {
    const c = p[pi];
    if (c === "\\" && pi + 1 < p.length && p[pi + 1] === t[ti]) { pi += 2; ti++; continue; }
    if (pi < p.length && c !== "*" && c !== "\\" && (c === "?" || c === t[ti])) { pi++; ti++; continue; }
    if (pi < p.length && c === "*") { star = pi++; mark = ti; continue; }
    if (star >= 0) { pi = star + 1; ti = ++mark; continue; }
    return false;
  }
  while (p[pi] === "*") pi++;
  return pi === p.length;
}

function regexMatch(pattern: string, text: string, caseInsensitive: boolean): boolean {
  try {
    return new RegExp(pattern, caseInsensitive ? "i" : "").test(text);
  } catch {
    return false;
  }
}

/** The values of a condition, from the typed config, else the legacy `values` (host-header, path-pattern only). */
export function conditionValues(c: RuleCondition): { values: string[]; regex: string[] } {
  const cfg: { values?: string[]; regexValues?: string[] } | undefined = c.hostHeaderConfig ?? c.pathPatternConfig ?? c.httpHeaderConfig ?? c.httpRequestMethodConfig ?? c.sourceIpConfig;
  return { values: cfg?.values ?? c.values ?? [], regex: cfg?.regexValues ?? [] };
}

function parseQuery(q: string | undefined): { key: string; value: string }[] {
  if (!q) return [];
  return q.replace(/^\?/, "").split("&").filter(Boolean).map((part) => {
    const i = part.indexOf("=");
    const dec = (s: string) => { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch { return s; } };
    return i < 0 ? { key: "", value: dec(part) } : { key: dec(part.slice(0, i)), value: dec(part.slice(i + 1)) };
  });
}

/** CIDR containment for IPv4 and IPv6 source addresses (ALB-R8); an address of the other family never matches. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const family = isIP(base) === 6 ? "ipv6" : isIP(base) === 4 ? "ipv4" : null;
  if (!family || isIP(ip) !== isIP(base)) return false;
  const bits = bitsText === undefined ? (family === "ipv4" ? 32 : 128) : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === "ipv4" ? 32 : 128)) return false;
  // ALB-R8: IPv4 and IPv6 blocks alike; node's BlockList does the prefix arithmetic for both families.
  const block = new BlockList();
  block.addSubnet(base, bits, family);
  return block.check(ip, family);
}

/** True when every address of block `inner` lies in block `outer` (same family, outer no longer a prefix). */
export function cidrCovers(outer: string, inner: string): boolean {
  const [ib, ibits] = inner.split("/");
  const [, obits] = outer.split("/");
  const max = isIP(ib) === 6 ? 128 : 32;
  return Number(obits ?? max) <= Number(ibits ?? max) && inCidr(ib, outer);
}

export type ConditionOutcome = "match" | "no-match" | "unknown";

/** One condition against a request: "unknown" when the request does not say (no source IP given, say). */
export function matchCondition(c: RuleCondition, r: HttpRequest): ConditionOutcome {
  const { values, regex } = conditionValues(c);
  const any = (text: string, ci: boolean) => values.some((v) => globMatch(v, text, ci)) || regex.some((v) => regexMatch(v, text, ci));
  const yes = (b: boolean): ConditionOutcome => (b ? "match" : "no-match");
  switch (c.field) {
    case "host-header":
      // The Host header's port is not part of the host name compared (MODEL).
      return yes(any(r.host.replace(/:\d+$/, ""), true));
    case "path-pattern":
      return yes(any(r.path.split("?")[0] || "/", false));
    case "http-header": {
      const name = (c.httpHeaderConfig?.httpHeaderName ?? "").toLowerCase();
      // A header sent more than once: AWS tries each occurrence until one matches (ALB-R5).
      const sent = Object.entries(r.headers ?? {}).filter(([k]) => k.toLowerCase() === name);
      if (sent.length === 0) return "no-match";
      return yes(sent.some(([, v]) => any(v, true)));
    }
    case "http-request-method":
      return yes(values.includes(r.method ?? "GET"));
    case "query-string": {
      const pairs = parseQuery(r.query);
      const wanted = c.queryStringConfig?.values ?? [];
      return yes(wanted.some((w) => pairs.some((p) => (w.key === undefined || globMatch(w.key, p.key, true)) && globMatch(w.value ?? "*", p.value, true))));
    }
    case "source-ip":
      if (!r.sourceIp) return "unknown";
      return yes(values.some((cidr) => inCidr(r.sourceIp!, cidr)));
    default:
      return "unknown";
  }
}

/** ALB-R2: every condition must match; any no-match fails the rule; otherwise unknown stays unknown. */
export function matchRule(conditions: RuleCondition[], r: HttpRequest): ConditionOutcome {
  let unknown = false;
  for (const c of conditions) {
    const o = matchCondition(c, r);
    if (o === "no-match") return "no-match";
    if (o === "unknown") unknown = true;
  }
  return unknown ? "unknown" : "match";
}
