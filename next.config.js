/** @type {import('next').NextConfig} */
export default {
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
