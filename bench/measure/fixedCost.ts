import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { request } from "node:http";
import { Agent } from "node:http";
import { percentile } from "./stats";

/**
 * The fixed cost of a request, side by side (issue 10, item 6): lbpath (`next start`) against a bare `node:http`
 * server that answers with the very bytes lbpath sent (status, headers, body as it went on the wire, gzip included),
 * so the bare figure is what HTTP and Node cost on this machine and everything above it is Next and lbpath. Both
 * are asked by the same load generator: sequential GETs over one keep-alive connection, as a browser asks.
 */

export interface SideBySide {
  path: string;
  /** Bytes on the wire (the body as sent). */
  wireBytes: number;
  lbpath: { p50: number; p95: number };
  bare: { p50: number; p95: number };
}

interface Recorded {
  status: number;
  headers: IncomingHttpHeaders;
  wire: Buffer;
}

const HEADERS = { "accept-encoding": "gzip", accept: "application/json" };

/** One GET; the body is kept as it came (not decoded). */
function rawGet(url: string, agent: Agent): Promise<Recorded & { ms: number }> {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") throw new Error(`refusing non-loopback URL ${url}`);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request(u, { agent, headers: HEADERS, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, wire: Buffer.concat(chunks), ms: performance.now() - t }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
    req.end();
  });
}

async function timings(url: string, n: number): Promise<{ p50: number; p95: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 5; i++) await rawGet(url, agent); // warm-up: connection, JIT, caches
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await rawGet(url, agent);
      if (r.status !== 200) throw new Error(`GET ${url} → ${r.status}`);
      times.push(r.ms);
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  } finally {
    agent.destroy();
  }
}

/** A bare server replaying recorded answers by path: no routing, no parsing, no work beyond writing the bytes. */
function bareServer(answers: Map<string, Recorded>): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const a = answers.get(req.url ?? "");
    if (!a) {
      res.writeHead(404).end();
      return;
    }
    const headers = { ...a.headers };
    delete headers["transfer-encoding"]; // sent with a length instead
    delete headers.date;
    delete headers.connection;
    delete headers["keep-alive"];
    headers["content-length"] = String(a.wire.length);
    res.writeHead(a.status, headers as Record<string, string | string[]>);
    res.end(a.wire);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** Time `paths` on lbpath (base) and on a bare server replaying lbpath's own answers; `n` requests each. */
export async function measureFixedCost(base: string, paths: string[], n: number): Promise<SideBySide[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const answers = new Map<string, Recorded>();
  try {
    for (const p of paths) {
      const r = await rawGet(base + p, agent);
      if (r.status !== 200) throw new Error(`GET ${p} → ${r.status}`);
      answers.set(p, r);
    }
  } finally {
    agent.destroy();
  }
  const bare = await bareServer(answers);
  try {
    const out: SideBySide[] = [];
    // Interleaved per path, so a burst of load from elsewhere on the machine hits both sides alike.
    for (const p of paths) {
      const lb1 = await timings(base + p, Math.ceil(n / 2));
      const bare1 = await timings(bare.base + p, Math.ceil(n / 2));
      const lb2 = await timings(base + p, Math.floor(n / 2));
      const bare2 = await timings(bare.base + p, Math.floor(n / 2));
      const mid = (a: { p50: number; p95: number }, b: { p50: number; p95: number }) => ({ p50: (a.p50 + b.p50) / 2, p95: (a.p95 + b.p95) / 2 });
      out.push({ path: p, wireBytes: answers.get(p)!.wire.length, lbpath: mid(lb1, lb2), bare: mid(bare1, bare2) });
    }
    return out;
  } finally {
    await new Promise<void>((r) => bare.server.close(() => r()));
  }
}
