import { describe, expect, it } from "vitest";
import { createLogger, sanitize, StateChangeLog } from "@/server/log";

function capture(level: "debug" | "info" | "warn" | "error" = "info") {
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), now: () => new Date("2026-01-02T03:04:05.000Z"), level });
  return { lines, logger, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured JSON logs", () => {
  it("writes one JSON object per line with time, level and event", () => {
    const { lines, logger, parsed } = capture();
    logger.info("cache_synced", { cluster: "prod", informers: 4 });
    logger.error("watch_failed", { cluster: "prod" });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => !l.includes("\n"))).toBe(true);
    expect(parsed()[0]).toEqual({ time: "2026-01-02T03:04:05.000Z", level: "info", event: "cache_synced", cluster: "prod", informers: 4 });
    expect(parsed()[1]).toMatchObject({ level: "error", event: "watch_failed" });
  });

  it("drops lines below the configured level", () => {
    const { lines, logger } = capture("warn");
    logger.debug("x");
    logger.info("y");
    logger.warn("z");
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(["z"]);
  });

  it("fields cannot forge time, level or event", () => {
    const { logger, parsed } = capture();
    logger.info("real", { event: "fake", level: "debug", time: "yesterday" });
    expect(parsed()[0]).toMatchObject({ event: "real", level: "info", time: "2026-01-02T03:04:05.000Z" });
  });

  it("redacts tokens, auth headers, cookies and AWS keys at any depth", () => {
    const { lines, logger } = capture();
    logger.warn("request", {
      token: "s3cr3t-token-value",
      headers: { authorization: "Bearer abcdef123456", cookie: "lbpath_session=xyz" },
      aws: { secretAccessKey: "wJalrXUtnFEMI", accessKeyId: "AKIDEXAMPLE" },
    });
    for (const secret of ["s3cr3t-token-value", "abcdef123456", "lbpath_session=xyz", "wJalrXUtnFEMI", "AKIDEXAMPLE"]) {
      expect(lines[0]).not.toContain(secret);
    }
    expect(JSON.parse(lines[0]).headers.authorization).toBe("[redacted]");
  });

  it("keeps fields that describe a credential without holding it", () => {
    const { parsed, logger } = capture();
    logger.info("auth", { tokenFile: "/var/run/secrets/lbpath/token", credentialsExpiry: "2026-01-01T00:00:00Z", authHeader: "x-forwarded-user" });
    expect(parsed()[0]).toMatchObject({ tokenFile: "/var/run/secrets/lbpath/token", credentialsExpiry: "2026-01-01T00:00:00Z" });
  });

  it("serialises errors (with SDK status codes), cycles, bigints and long strings", () => {
    const err = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const out = sanitize({ err, cyclic, n: 10n, s: "x".repeat(5000) }) as Record<string, Record<string, unknown> | string>;
    expect(out.err).toEqual({ name: "ThrottlingException", message: "Rate exceeded", statusCode: 400 });
    expect((out.cyclic as Record<string, unknown>).self).toBe("[circular]");
    expect(out.n).toBe("10");
    expect((out.s as string).length).toBeLessThan(2100);
  });
});

describe("logStateChange: one line per transition, not per retry", () => {
  it("logs the first report and each change, with how long the previous state lasted", () => {
    const { logger, parsed } = capture();
    let t = 1_000;
    const states = new StateChangeLog(logger, new Map(), () => t);
    expect(states.change("k8s:prod:pods", "ok")).toBe(true);
    t += 5_000;
    // 20 failing retries produce one line.
    const logged = Array.from({ length: 20 }, () => states.change("k8s:prod:pods", "forbidden", { verb: "list" }, "warn"));
    expect(logged.filter(Boolean)).toHaveLength(1);
    t += 60_000;
    expect(states.change("k8s:prod:pods", "ok")).toBe(true);
    const lines = parsed();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ event: "state_change", key: "k8s:prod:pods", state: "ok", previousState: null });
    expect(lines[1]).toMatchObject({ level: "warn", state: "forbidden", previousState: "ok", previousDurationMs: 5_000, verb: "list" });
    expect(lines[2]).toMatchObject({ state: "ok", previousState: "forbidden", previousDurationMs: 60_000, previousReports: 20 });
  });

  it("keeps keys independent and logs again after forget()", () => {
    const { lines, logger } = capture();
    const states = new StateChangeLog(logger);
    states.change("a", "ok");
    states.change("b", "ok");
    states.change("a", "ok");
    expect(lines).toHaveLength(2);
    states.forget("a");
    expect(states.change("a", "ok")).toBe(true);
    expect(states.current("b")).toBe("ok");
  });
});
