import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";

/**
 * Security headers, CSP and dashboard access against `next start` (docs/security.md).
 * The config's server listens on 127.0.0.1 without LBPATH_AUTH (no login on loopback); the token-mode
 * tests start a second server of the same build with LBPATH_AUTH=token.
 */

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

function nonceOf(res: APIResponse): string {
  const script = directive(res.headers()["content-security-policy"] ?? "", "script-src");
  const m = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script);
  expect(m, `script-src has a nonce: ${script}`).not.toBeNull();
  return m![1];
}

test.describe("security headers", () => {
  test("pages: per-request nonce CSP without unsafe-eval, framing refused, nosniff, referrer policy", async ({ request }) => {
    const res = await request.get("/");
    expect(res.status()).toBe(200);
    const h = res.headers();
    const csp = h["content-security-policy"];
    const script = directive(csp, "script-src").split(" ");
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["cross-origin-opener-policy"]).toBe("same-origin");
    expect(h["cross-origin-resource-policy"]).toBe("same-site");
    expect(h["x-powered-by"]).toBeUndefined();

    // Next stamped the nonce on every script it emitted (the page is rendered per request).
    const nonce = nonceOf(res);
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const again = await request.get("/");
    expect(nonceOf(again)).not.toBe(nonce);
  });

  test("API responses carry the headers too", async ({ request }) => {
    const res = await request.get("/api/healthz");
    expect(res.status()).toBe(200);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(directive(res.headers()["content-security-policy"], "frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  test("the page hydrates under the CSP with no violation reported", async ({ page }) => {
    const messages: string[] = [];
    page.on("console", (m) => {
      if (/content security policy|refused to (execute|load|apply)/i.test(m.text())) messages.push(m.text());
    });
    page.on("pageerror", (e) => messages.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto("/");

    // React attached itself to the server-rendered DOM: only possible if the nonce'd scripts ran.
    await expect
      .poll(() => page.evaluate(() => Object.keys(document.querySelector("header a") ?? {}).some((k) => k.startsWith("__reactFiber$"))))
      .toBe(true);

    // React Flow (inline styles under 'unsafe-inline', scripts under the nonce) draws its nodes.
    if ((await page.locator(".react-flow").count()) > 0) await expect(page.locator(".react-flow__node").first()).toBeVisible();

    // A client-side navigation keeps the window (a blocked router would load the next page from scratch).
    // Only to a page that exists: Next falls back to a full load for a 404.
    const hrefs = await page.locator('header nav a[href^="/"]:not([href="/"])').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    let target: string | undefined;
    for (const h of hrefs) if ((await page.request.get(h)).status() === 200) { target = h; break; }
    if (target) {
      await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
      await page.locator(`header nav a[href="${target}"]`).first().click();
      await page.waitForURL((u) => u.pathname === target);
      expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
    }

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(messages).toEqual([]);
  });

  test("a Service page draws its React Flow graph under the CSP with no violation", async ({ page, request }) => {
    const { services } = await (await request.get("/api/v1/clusters/demo-blog-local/services")).json();
    const svc = services[0] as { namespace: string; name: string };
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(`/clusters/demo-blog-local/namespaces/${svc.namespace}/services/${svc.name}`);
    await expect(page.locator(".react-flow__node").first()).toBeVisible();
    // React Flow placed the nodes (inline transforms) and its scripts ran without tripping the policy.
    expect(await page.locator(".react-flow__node").first().getAttribute("style")).toContain("transform");
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });

  test("hostile cluster text (demo-hostile-text) never becomes markup or script", async ({ page }) => {
    // The scenario puts `<img src=x onerror=alert(1)>` in an annotation and a target health description.
    // Rendering it as text is the pages' job (and their tests'); this checks the outcome with the CSP on.
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto("/clusters/demo-hostile-text/namespaces/default/services/render-check");
    await expect(page.locator("main")).toContainText("render-check");
    await expect(page.locator(".react-flow__node").first()).toBeVisible();
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test("readiness answers without credentials and names clusters to local callers", async ({ request }) => {
    const res = await request.get("/api/readyz");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ready");
    expect(Array.isArray(body.clusters)).toBe(true);
    expect(res.headers()["cache-control"]).toMatch(/(^|,\s*)no-store(,|$)/);
  });

  test("unauthenticated mode refuses a foreign Host header (DNS rebinding)", async ({ request }) => {
    const res = await request.get("/api/v1/clusters", { headers: { host: "rebind.attacker.example" } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN_HOST");
  });
});

test.describe("token mode", () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 1000;
  const base = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString("base64url");
  let server: ChildProcess | undefined;

  test.use({ baseURL: base });

  test.beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "lbpath-e2e-token-"));
    writeFileSync(join(dir, "token"), `${token}\n`);
    server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
      env: { ...process.env, LBPATH_MODE: "demo", LBPATH_AUTH: "token", LBPATH_TOKEN_FILE: join(dir, "token"), NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`token-mode server on ${base} did not start`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  test("API: JSON 401 without a token, 200 with the bearer token; probes stay open", async ({ request }) => {
    const denied = await request.get("/api/v1/clusters");
    expect(denied.status()).toBe(401);
    const body = await denied.json();
    expect(body.error).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(typeof body.error.message).toBe("string");
    expect(body.error.fix).toContain("/login");

    expect((await request.get("/api/v1/clusters", { headers: { authorization: `Bearer ${token}x` } })).status()).toBe(401);
    const allowed = await request.get("/api/v1/clusters", { headers: { authorization: `Bearer ${token}` } });
    expect([401, 403, 503]).not.toContain(allowed.status());

    expect((await request.get("/api/healthz")).status()).toBe(200);
    // Readiness is open to the kubelet, but names clusters only to callers with the token.
    const anonymous = await request.get("/api/readyz");
    expect(anonymous.status()).toBe(200);
    expect(typeof (await anonymous.json()).clusters).toBe("number");
    const signedIn = await request.get("/api/readyz", { headers: { authorization: `Bearer ${token}` } });
    expect(Array.isArray((await signedIn.json()).clusters)).toBe(true);
  });

  test("public/: robots.txt keeps crawlers out and the icons load without signing in; pages say noindex", async ({ request }) => {
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
    for (const [path, type] of [["/favicon.ico", "image/"], ["/icon.svg", "image/svg+xml"], ["/apple-touch-icon.png", "image/png"], ["/icon-192.png", "image/png"], ["/site.webmanifest", ""]] as const) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"] ?? "", path).toContain(type);
    }
    // The login page (the only page an anonymous visitor gets) links the icons and asks not to be indexed.
    const login = await (await request.get("/login")).text();
    expect(login).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(login).toContain('rel="icon" href="/favicon.ico"');
    expect(login).toContain('rel="apple-touch-icon" href="/apple-touch-icon.png"');
    expect(login).toContain('rel="manifest" href="/site.webmanifest"');
  });

  test("pages: redirect to /login, wrong token refused, right token signs in with an HttpOnly cookie", async ({ page, context }) => {
    await page.goto("/?view=x");
    await expect(page).toHaveURL(/\/login\?next=%2F%3Fview%3Dx$/);

    await page.getByLabel("Dashboard token").fill("not-the-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();

    await page.getByLabel("Dashboard token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${base}/?view=x`);

    const cookie = (await context.cookies()).find((c) => c.name === "lbpath_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(cookie?.value).not.toContain(token);
    expect(await page.evaluate(() => document.cookie)).not.toContain("lbpath_session");

    // The browser's API calls now pass with the cookie.
    expect([401, 403, 503]).not.toContain((await page.request.get("/api/v1/clusters")).status());

    // Sign out drops the session.
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get("/api/v1/clusters")).status()).toBe(401);
  });
});
