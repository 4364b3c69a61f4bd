import type { AuthSettings } from "./authCore";

/** LBPATH_AUTH* from the environment (docs/security.md lists them). Read per call: tests and restarts change them. */
export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const ttl = Number(env.LBPATH_SESSION_TTL_SECONDS);
  return {
    requested: env.LBPATH_AUTH,
    tokenFile: env.LBPATH_TOKEN_FILE || undefined,
    proxyUserHeader: (env.LBPATH_AUTH_PROXY_HEADER || "x-forwarded-user").toLowerCase(),
    proxyKeyHeader: (env.LBPATH_AUTH_PROXY_SECRET_HEADER || "x-lbpath-proxy-secret").toLowerCase(),
    proxyKeyFile: env.LBPATH_AUTH_PROXY_SECRET_FILE || undefined,
    // 12 h: one working day; rotating the token also ends every session.
    sessionTtlSeconds: Number.isFinite(ttl) && ttl >= 60 ? Math.floor(ttl) : 12 * 3600,
  };
}
