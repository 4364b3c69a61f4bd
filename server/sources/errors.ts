/**
 * An error a source raises when it can show nothing at all for a cluster. It carries what the API and the
 * UI tell the operator: the cause and the fix, never a stack trace.
 */
export class SourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fix?: string,
    readonly status: 502 | 503 | 404 = 503,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

/**
 * `instanceof` is not enough: instrumentation.ts and the route handlers are separate bundles, each with its own
 * copy of this class, and the sources (built once per process) may come from either. Recognise the shape.
 */
export function isSourceError(e: unknown): e is SourceError {
  if (e instanceof SourceError) return true;
  const x = e as { code?: unknown; status?: unknown; message?: unknown } | null;
  return !!x && e instanceof Error && typeof x.code === "string" && (x.status === 502 || x.status === 503 || x.status === 404);
}
