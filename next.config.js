/**
 * The API's security headers (server/http/headers.ts, apiHeaders: tests/unit/security/apiHeaders.test.ts checks that
 * these are the same). Set here, in Next's router, so API requests skip proxy.ts. HSTS only when the browser came over
 * TLS, which for `next start` behind an ingress means X-Forwarded-Proto's first value is https.
 */
const API_HEADERS = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-site" },
  { key: "X-XSS-Protection", value: "0" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];
export const apiHeaderRules = [
  { source: "/api/:path*", headers: API_HEADERS },
  {
    source: "/api/:path*",
    has: [{ type: "header", key: "x-forwarded-proto", value: "\\s*[hH][tT][tT][pP][sS]\\s*(,.*)?" }],
    headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000" }],
  },
];

/** @type {import('next').NextConfig} */
export default {
  async headers() {
    return apiHeaderRules;
  },
  // client-node is ESM with many files; keeping it external makes builds faster and the server bundle smaller.
  serverExternalPackages: ["@kubernetes/client-node"],
  poweredByHeader: false,
  // Separate build dirs let several people build and test from one checkout at once.
  distDir: process.env.LBPATH_DIST_DIR || ".next",
  output: process.env.LBPATH_STANDALONE ? "standalone" : undefined,
  // The demo scenarios are read from disk at run time; ship them with the standalone server.
  outputFileTracingIncludes: { "/**": ["./server/sources/demo/scenarios/*.json"] },
  // next dev blocks /_next dev assets for non-localhost origins otherwise (stack notes, pitfall 14).
  allowedDevOrigins: ["127.0.0.1"],
  experimental: {
    // The stylesheet goes into the HTML instead of a separate request: a pending stylesheet holds back first
    // paint and every inline script after it (the early topology fetch, the server-drawn graph's reveal), and
    // on a busy server that request came back last (docs/benchmarks.md). 51 KB raw, about 9 KB gzip.
    inlineCss: true,
  },
};
