import "server-only";
import type { z } from "zod";
import { authorize } from "./auth";
import { describeParamError } from "@/lib/api/params";
import { SourceError, isSourceError } from "@/server/sources/errors";
import { getClusterSource } from "@/server/sources/registry";
import type { ClusterSource } from "@/server/sources/types";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { DataAge } from "@/lib/api/topology";
import { log } from "@/server/log";

const NO_STORE = { "cache-control": "no-store" };

/**
 * Below this size an answer goes out as it is. Next gzips every route handler's body, whatever its size (it streams
 * it, so its compression never sees a length to compare with its own 1 KB threshold): for a probe or an error that
 * meant a fresh zlib stream per request, costing more time than the few bytes it saved (docs/benchmarks.md).
 * `no-transform` is the standard way to say "send as is", and the one Next's compression honours.
 */
export const SMALL_BODY_BYTES = 1024;

/** A JSON answer, never cached; small ones uncompressed (see SMALL_BODY_BYTES). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const small = text.length < SMALL_BODY_BYTES; // characters ≤ bytes: a small text may be a little bigger in UTF-8, harmless
  return new Response(text, {
    status,
    headers: { "content-type": "application/json", "cache-control": small ? "no-store, no-transform" : "no-store", ...headers },
  });
}

// Serialised bodies of memoised answers (topologies, summaries and triage are memoised per snapshot object), so
// a warm request writes cached bytes instead of re-stringifying and re-encoding megabytes (docs/benchmarks.md).
const encoded = new WeakMap<object, Buffer>();

/**
 * A memoised answer plus its per-response `age`: the body is serialised once per object, without its own
 * `age`, and the fresh age is appended. The cached prefix is streamed as it is, not copied into a new buffer per
 * response (a 3 MB copy per request showed up as garbage-collection pauses in the p95).
 *
 * The body goes out uncompressed and Next's compression gzips it per request: Next drops a route handler's
 * Content-Encoding header (next/dist/server/send-response.js, FORBIDDEN_HEADERS), so a cached gzip cannot be
 * served from here (docs/benchmarks.md).
 */
export function jsonWithAge(body: object, age: DataAge): Response {
  let prefix = encoded.get(body);
  if (!prefix) {
    const text = JSON.stringify({ ...body, age: undefined });
    prefix = Buffer.from(text.slice(0, -1)); // without the closing brace
    encoded.set(body, prefix);
  }
  const sep = prefix.length > 1 ? "," : "";
  const tail = Buffer.from(`${sep}"age":${JSON.stringify(age)}}`);
  const cached = prefix;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(cached);
      controller.enqueue(tail);
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { ...NO_STORE, "content-type": "application/json" } });
}

/** The error shape of the v1 API: `{ error: { code, message, fix? } }`, never HTML, never a stack trace. */
export function apiError(status: number, code: string, message: string, fix?: string): Response {
  return json({ error: { code, message, ...(fix ? { fix } : {}) } }, status);
}

/** Thrown inside handlers to answer with a designed error. */
export class ApiProblem extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fix?: string) {
    super(message);
  }
}

/**
 * Wraps a route handler: authorize (in every handler, not only the proxy), validate the route parameters
 * with zod, then run; any throw becomes a JSON error that names cause and fix.
 */
export function apiRoute<S extends z.ZodType>(schema: S, handler: (params: z.infer<S>, req: Request) => Promise<Response>) {
  return async (req: Request, ctx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const denied = authorize(req);
    if (denied) return denied;
    // Routes without dynamic segments get no params object at all.
    const raw = (await ctx?.params) ?? {};
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return apiError(400, "INVALID_PARAMETER", `Invalid route parameter: ${describeParamError(parsed.error)}.`, "Fix the URL: names are Kubernetes DNS-1123 labels.");
    try {
      return await handler(parsed.data, req);
    } catch (e) {
      if (e instanceof ApiProblem) return apiError(e.status, e.code, e.message, e.fix);
      if (isSourceError(e)) return apiError(e.status, e.code, e.message, e.fix);
      log.error("api.unhandled", { url: new URL(req.url).pathname, error: e });
      return apiError(500, "INTERNAL", "lbpath failed to answer this request; the server log has the details.", "Retry; if it persists, file a bug with the server log line.");
    }
  };
}

export async function clusterOr404(name: string): Promise<ClusterSource> {
  const source = await getClusterSource(name);
  if (!source) throw new ApiProblem(404, "CLUSTER_NOT_FOUND", `There is no cluster named "${name}".`, "Pick a cluster from GET /api/v1/clusters (kubeconfig context names, demo-… or snapshot-…).");
  return source;
}

/**
 * The `age` of an answer built from `snapshot` (docs/api.md "Data age"): the halves' read times, the source's
 * refresh intervals (null for demo and snapshot files) and the server's clock when the snapshot was taken. Set
 * per response: topologies are memoised per snapshot object, and a live cache moves that object's read times on
 * while its data is unchanged.
 */
export function ageOf(snapshot: Snapshot, source: ClusterSource, servedAt: Date = new Date()): DataAge {
  const r = source.refreshSeconds;
  return {
    capturedAt: snapshot.capturedAt,
    kubernetes: snapshot.ages?.kubernetes ?? null,
    aws: snapshot.ages?.aws ?? null,
    refreshSeconds: r ? { kubernetes: r.kubernetes, aws: r.aws } : null,
    servedAt: servedAt.toISOString(),
  };
}

/** The cluster's snapshot, or a 502/503 naming why nothing can be shown. */
export async function snapshotOf(source: ClusterSource): Promise<Snapshot> {
  try {
    return await source.snapshot();
  } catch (e) {
    if (isSourceError(e)) throw e;
    throw new SourceError("CLUSTER_UNAVAILABLE", `Cluster "${source.name}" cannot be read: ${e instanceof Error ? e.message : String(e)}`, "Check the kubeconfig context and that the API server is reachable.", 503);
  }
}
