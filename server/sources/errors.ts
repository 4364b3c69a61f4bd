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
