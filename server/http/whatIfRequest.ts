import "server-only";
import { paramToCandidate, WhatIfRequest, type Change } from "@/lib/api/whatIf";
import { ApiProblem } from "./respond";

/** Bodies larger than this are not a what-if anyone typed (20 changes fit in 2 KB). */
const MAX_BODY = 16 * 1024;

function invalid(issues: { path: PropertyKey[]; message: string }[]): ApiProblem {
  const first = issues[0];
  const field = first.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "body";
  return new ApiProblem(400, "INVALID_CHANGE", `${field}: ${first.message}`, "Send { \"changes\": [ { \"kind\": …, \"value\": … } ] } with kinds and values as docs/api.md lists them.");
}

/** The POST body: JSON only (a plain form cannot post it cross-site), bounded, validated with zod. */
export async function readWhatIfRequest(req: Request): Promise<Change[]> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "The what-if body must be JSON.", "Send Content-Type: application/json.");
  const text = await req.text();
  if (text.length > MAX_BODY) throw new ApiProblem(413, "BODY_TOO_LARGE", `The body is ${text.length} bytes; at most ${MAX_BODY} are accepted.`, "Send at most 20 changes.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiProblem(400, "INVALID_JSON", "The body is not valid JSON.", "Send { \"changes\": [ … ] }.");
  }
  const parsed = WhatIfRequest.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data.changes;
}

/** `?change=kind:value` (repeatable), the link form of the same request. */
export function whatIfFromQuery(params: URLSearchParams): Change[] {
  const raw = params.getAll("change").slice(0, 21);
  const parsed = WhatIfRequest.safeParse({ changes: raw.map(paramToCandidate) });
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ ...i, path: i.path.map((p) => (p === "changes" ? "change" : p)) })));
  return parsed.data.changes;
}
