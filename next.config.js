/** @type {import('next').NextConfig} */
export default {
  // client-node is ESM with many files; keeping it external makes builds faster and the server bundle smaller.
  serverExternalPackages: ["@kubernetes/client-node"],
  poweredByHeader: false,
  output: process.env.LBPATH_STANDALONE ? "standalone" : undefined,
  // next dev blocks /_next dev assets for non-localhost origins otherwise (stack notes, pitfall 14).
  allowedDevOrigins: ["127.0.0.1"],
};
