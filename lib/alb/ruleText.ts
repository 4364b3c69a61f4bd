import type { RuleView } from "@/lib/api/topology";

/**
 * A listener rule in words, for the rules table, the graph's rule cards and the exported picture. Every value is
 * cluster/AWS text, only ever rendered as text.
 */

const FIELD: Record<string, string> = {
  "host-header": "host",
  "path-pattern": "path",
  "http-request-method": "method",
  "source-ip": "source IP",
  "query-string": "query",
};

export function conditionText(c: RuleView["conditions"][number]): string {
  const label = c.field === "http-header" ? `header ${c.name ?? ""}` : (FIELD[c.field] ?? c.field);
  return `${label} is ${c.values.join(" or ")}`;
}

/** "host shop.example.com · path /api/*": the conditions short enough for a card line. */
export function conditionsShort(r: RuleView): string {
  if (r.isDefault) return "any request (default)";
  if (r.conditions.length === 0) return "any request";
  return r.conditions.map((c) => `${c.field === "http-header" ? (c.name ?? "header") : (FIELD[c.field] ?? c.field)} ${c.values.join("|")}`).join(" · ");
}

export function actionText(a: RuleView["actions"][number]): string {
  if (a.type === "forward") {
    const many = (a.targetGroups?.length ?? 0) > 1;
    return `forward to ${(a.targetGroups ?? []).map((t) => `${t.name ?? t.arn}${t.service ? ` (${t.service.namespace}/${t.service.name}:${t.service.port})` : " (no Service bound)"}${many ? ` ${Math.round(t.share * 1000) / 10} %` : ""}`).join(", ")}`;
  }
  if (a.type === "fixed-response") return `fixed response ${a.fixedResponse?.statusCode ?? ""}${a.fixedResponse?.messageBody ? ` "${a.fixedResponse.messageBody}"` : ""}`;
  if (a.type === "redirect") return `redirect ${a.redirect?.statusCode ?? ""} to ${a.redirect?.location ?? ""}`;
  return a.type;
}

/** The fraction of the rule's requests its forward action sends to target group `arn` (0 when it sends none there). */
export function forwardShare(r: RuleView, arn: string): number {
  let share = 0;
  for (const a of r.actions) if (a.type === "forward") for (const t of a.targetGroups ?? []) if (t.arn === arn) share += t.share;
  return share;
}

export function ruleTitle(r: RuleView): string {
  return r.isDefault ? "Default rule" : `Rule ${r.priority}`;
}
