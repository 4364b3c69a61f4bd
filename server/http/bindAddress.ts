import net from "node:net";

/**
 * Where this process listens, read from its own listening sockets.
 *
 * Why not the HOST/HOSTNAME environment: `next start -H 127.0.0.1` passes the address to the server but
 * exports nothing, `next start` without -H listens on every interface, and Kubernetes sets HOSTNAME to the
 * pod name. The socket is the only source that cannot disagree with what is reachable, so unauthenticated
 * mode (LBPATH_AUTH=none) is decided from it and refused whenever it cannot be read (docs/security.md).
 */

type ProcessWithHandles = NodeJS.Process & { _getActiveHandles?: () => unknown[] };

/** Addresses of the TCP servers listening in this process, or null when none can be seen. */
export function listeningAddresses(): string[] | null {
  const handles = (process as ProcessWithHandles)._getActiveHandles?.() ?? [];
  const addresses: string[] = [];
  for (const h of handles) {
    if (!(h instanceof net.Server) || !h.listening) continue;
    const a = h.address();
    // A string address is a Unix socket or pipe: reachable only through the file system, never remotely.
    if (a && typeof a === "object") addresses.push(a.address);
  }
  return addresses.length > 0 ? addresses : null;
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. "0.0.0.0" and "::" (every interface) are not loopback. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, "");
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * True when a Host header names this machine's loopback (localhost, *.localhost, 127.x, [::1]).
 * Unauthenticated mode answers only such requests: a web page cannot reach a loopback-only server through
 * a DNS name it controls (DNS rebinding) when the server refuses foreign Host headers.
 */
export function isLoopbackHostHeader(host: string | null): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.replace(/:\d+$/, "");
  return name === "localhost" || name.endsWith(".localhost") || isLoopbackAddress(name);
}

let cached: boolean | null = null;

/**
 * True when every listening socket is a loopback address; null when it cannot be told (no listening
 * socket seen, e.g. outside a server). Cached once known: a server does not change its address.
 */
export function listensOnLoopbackOnly(): boolean | null {
  if (cached !== null) return cached;
  const addresses = listeningAddresses();
  if (!addresses) return null;
  cached = addresses.every(isLoopbackAddress);
  return cached;
}
