import { createServer, type Server } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/topology";
import { authorize, sessionCookieForLogin } from "@/server/http/auth";
import { isLoopbackAddress, isLoopbackHostHeader, listeningAddresses, listensOnLoopbackOnly } from "@/server/http/bindAddress";

// The shell reads where this process listens from its own sockets, so the tests listen for real.
let server: Server;
const dir = mkdtempSync(join(tmpdir(), "lbpath-auth-"));
const tokenFile = join(dir, "token");
const TOKEN = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";
const saved = { ...process.env };

beforeAll(async () => {
  writeFileSync(tokenFile, `${TOKEN}\n`); // a trailing newline, as `kubectl create secret --from-file` keeps it
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("LBPATH_")) delete process.env[k];
  Object.assign(process.env, saved);
});

const req = (headers: Record<string, string> = {}) => new Request("http://127.0.0.1:3000/api/v1/clusters", { headers: { host: "127.0.0.1:3000", ...headers } });

describe("bind address detection", () => {
  it("sees this process's listening socket and classifies loopback", () => {
    expect(listeningAddresses()).toContain("127.0.0.1");
    expect(listensOnLoopbackOnly()).toBe(true);
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "[::1]"].every(isLoopbackAddress)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "::ffff:10.0.0.1", "128.0.0.1"].some(isLoopbackAddress)).toBe(false);
    expect(isLoopbackHostHeader("[::1]:8080")).toBe(true);
    expect(isLoopbackHostHeader(null)).toBe(false);
  });
});

describe("authorize(req): the check every route handler runs", () => {
  it("lets local requests through when listening on 127.0.0.1 without configuration", () => {
    expect(authorize(req())).toBeNull();
  });

  it("answers JSON 401 {error:{code:UNAUTHENTICATED,message,fix}} without a token", async () => {
    process.env.LBPATH_AUTH = "token";
    process.env.LBPATH_TOKEN_FILE = tokenFile;
    const res = authorize(req());
    expect(res?.status).toBe(401);
    expect(res?.headers.get("content-type")).toContain("application/json");
    expect(res?.headers.get("www-authenticate")).toContain("Bearer");
    expect(res?.headers.get("cache-control")).toBe("no-store");
    const body = ApiError.parse(await res?.json());
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(body.error.fix).toMatch(/login|Bearer/);
    expect(JSON.stringify(body)).not.toContain(TOKEN);
  });

  it("accepts the token from the file (newline trimmed) as bearer and as a login cookie", () => {
    process.env.LBPATH_AUTH = "token";
    process.env.LBPATH_TOKEN_FILE = tokenFile;
    expect(authorize(req({ authorization: `Bearer ${TOKEN}` }))).toBeNull();
    expect(sessionCookieForLogin(req(), "wrong-token-wrong-token")).toBeNull();
    const setCookie = sessionCookieForLogin(req(), TOKEN);
    expect(setCookie).toMatch(/^lbpath_session=v1\.\d+\.[\w-]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie!.split(";")[0];
    expect(authorize(req({ cookie }))).toBeNull();
    expect(sessionCookieForLogin(req({ "x-forwarded-proto": "https" }), TOKEN)).toContain("; Secure");
  });

  it("fails closed with 503 AUTH_NOT_CONFIGURED when the token file cannot be read", async () => {
    process.env.LBPATH_AUTH = "token";
    process.env.LBPATH_TOKEN_FILE = join(dir, "missing");
    const res = authorize(req({ authorization: "Bearer anything-at-all-here" }));
    expect(res?.status).toBe(503);
    expect(ApiError.parse(await res!.json()).error.code).toBe("AUTH_NOT_CONFIGURED");
  });

  it("proxy mode reads the configured header", () => {
    process.env.LBPATH_AUTH = "proxy";
    process.env.LBPATH_AUTH_PROXY_HEADER = "X-Auth-Request-Email";
    expect(authorize(req({ "x-auth-request-email": "alice@example.com" }))).toBeNull();
    expect(authorize(req({ "x-forwarded-user": "alice" }))?.status).toBe(401);
  });

  it("rejects a foreign Host in unauthenticated mode", () => {
    expect(authorize(req({ host: "rebind.attacker.example" }))?.status).toBe(403);
  });
});
