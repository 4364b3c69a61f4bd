import { request, Agent } from "node:http";
import { gunzipSync } from "node:zlib";

/**
 * One GET over a keep-alive connection, as a browser asks (Accept-Encoding: gzip): wall time to the last byte,
 * bytes on the wire and decoded. Loopback only.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export interface HttpResult {
  status: number;
  ms: number;
  wireBytes: number;
  bytes: number;
  body: Buffer;
  encoding: string | null;
}

export function get(url: string, timeoutMs = 60_000): Promise<HttpResult> {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") throw new Error(`refusing non-loopback URL ${url}`);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request(u, { agent, headers: { "accept-encoding": "gzip", accept: "application/json" }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - t;
        const raw = Buffer.concat(chunks);
        const encoding = (res.headers["content-encoding"] as string | undefined) ?? null;
        const body = encoding === "gzip" ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, ms, wireBytes: raw.length, bytes: body.length, body, encoding });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on("error", reject);
    req.end();
  });
}

/** `n` sequential GETs after one warm-up; throws on a non-200 answer. */
export async function sample(url: string, n: number): Promise<{ times: number[]; last: HttpResult }> {
  let last = await get(url);
  if (last.status !== 200) throw new Error(`GET ${url} → ${last.status}: ${last.body.toString("utf8").slice(0, 300)}`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    last = await get(url);
    if (last.status !== 200) throw new Error(`GET ${url} → ${last.status}`);
    times.push(last.ms);
  }
  return { times, last };
}

export function closeAgent(): void {
  agent.destroy();
}
