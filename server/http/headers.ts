/**
 * HTTP security headers (OWASP HTTP headers cheat sheet) and the per-request nonce CSP of the Next.js App
 * Router CSP guide. Pure: proxy.ts applies them to every page; next.config.js sets the API's (apiHeaders), which
 * need no nonce, so API requests skip the proxy. Rationale per directive is in docs/security.md; keep it in step.
 */

/** 128 random bits, base64: unguessable per response, so an injected <script> cannot carry it. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // The App Router emits inline bootstrap scripts: Next stamps them with the nonce it reads from this
    // header; 'strict-dynamic' lets those scripts load the chunks. No 'unsafe-inline' for scripts, and
    // 'unsafe-eval' only for `next dev` (React's dev tooling evaluates server stacks).
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    // Server-rendered style="" attributes (Next's built-in error pages, any component that renders
    // style={...} on the server, React Flow included) cannot carry a nonce. Styles set from script are not
    // restricted by CSP either way. No nonce here on purpose: it would make browsers ignore 'unsafe-inline'.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    // The dashboard talks only to its own API (JSON, server-sent events; in dev also the HMR websocket).
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Headers for every response besides the CSP. `https`: the browser reached us over TLS (HSTS is ignored otherwise). */
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  const h: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // frame-ancestors 'none' for current browsers, X-Frame-Options for old ones.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-site",
    // OWASP: disable the legacy XSS auditor, which itself caused leaks.
    "X-XSS-Protection": "0",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
  if (opts.https) h["Strict-Transport-Security"] = "max-age=63072000";
  return h;
}

/**
 * The API's CSP: JSON is never a document that runs or loads anything, so nothing is allowed (the OWASP REST
 * cheat sheet's advice), and nothing may frame it.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Every header an API response carries. Static, so next.config.js sets them in Next's router and API requests do not
 * go through proxy.ts, whose run (a nonce, a copy of the request headers, Next's middleware plumbing) was a
 * measurable part of a small answer's time (docs/benchmarks.md, "Request fixed cost"). Authorization does not move:
 * every route handler checks it itself (server/http/respond.ts, apiRoute / authorize).
 */
export function apiHeaders(opts: { https: boolean }): Record<string, string> {
  return { "Content-Security-Policy": API_CSP, ...securityHeaders(opts) };
}
