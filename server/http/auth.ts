import "server-only";

/**
 * Access check run by every route handler (never only in middleware: CVE-2025-29927).
 * Returns a Response to send instead of the handler's, or null when the request may proceed.
 * TODO(issue 5): bearer token / trusted proxy headers when not bound to localhost.
 */
export function authorize(_req: Request): Response | null {
  return null;
}
