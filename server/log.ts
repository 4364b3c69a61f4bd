/**
 * Structured logs: one JSON object per line on stdout, the format log collectors in a cluster (Fluent Bit,
 * CloudWatch, Loki) parse without configuration. Use `logStateChange` for anything that retries (watches,
 * refresh loops, probes) so a failing upstream produces one line when it breaks and one when it recovers,
 * not one per retry (issue 5: "a log line per state change, not per retry").
 *
 * Deliberately free of `server-only` and Next imports so instrumentation.ts, scripts and tests can use it.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names whose values must never reach a log line (tokens, auth headers, AWS keys, cookies).
const REDACT = /(token|secret|password|passwd|authorization|cookie|credential|session|api[-_]?key|access[-_]?key)/i;
// ...but names that describe such a value rather than hold it stay readable (tokenFile, credentialsExpiry).
const DESCRIBES = /(file|path|source|provider|kind|type|mode|header|expiry|expiration|expiresat|name)$/i;
const MAX_STRING = 2_000;
const MAX_DEPTH = 5;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** Receives each finished line (without the newline). Default: process.stdout. */
  write?: (line: string) => void;
  now?: () => Date;
  /** Lines below this level are dropped. Default: LBPATH_LOG_LEVEL or "info". */
  level?: LogLevel;
}

function envLevel(): LogLevel {
  const v = (process.env.LBPATH_LOG_LEVEL ?? "").toLowerCase();
  return v in LEVELS ? (v as LogLevel) : "info";
}

/** Makes a value safe for JSON.stringify: no secrets, no cycles, no huge strings, Errors as plain fields. */
export function sanitize(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} chars)` : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return String(value);
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[truncated]";
  seen.add(value);
  if (value instanceof Error) {
    // SDK and client-node errors carry their useful parts (code, HTTP status) outside `message`.
    const e = value as Error & { code?: unknown; statusCode?: unknown; $metadata?: { httpStatusCode?: unknown } };
    return sanitize(
      { name: e.name, message: e.message, code: e.code, statusCode: e.statusCode ?? e.$metadata?.httpStatusCode },
      depth + 1,
      seen,
    );
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => sanitize(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const clean = REDACT.test(k) && !DESCRIBES.test(k) ? "[redacted]" : sanitize(v, depth + 1, seen);
    if (clean !== undefined) out[k] = clean;
  }
  return out;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, event: string, fields?: LogFields) => {
    if (LEVELS[level] < LEVELS[options.level ?? envLevel()]) return;
    const body = (sanitize(fields ?? {}) ?? {}) as Record<string, unknown>;
    // Reserved keys come last so a field cannot forge the time, level or event of a line.
    write(JSON.stringify({ ...body, time: now().toISOString(), level, event }));
  };
  return {
    debug: (event, fields) => emit("debug", event, fields),
    info: (event, fields) => emit("info", event, fields),
    warn: (event, fields) => emit("warn", event, fields),
    error: (event, fields) => emit("error", event, fields),
  };
}

export const log: Logger = createLogger();

interface KeyState {
  state: string;
  since: number;
  repeats: number;
}

/**
 * Remembers the last state per key and logs only transitions. Next can load a module more than once
 * (instrumentation, route bundles), so the default tracker keeps its memory on globalThis.
 */
export class StateChangeLog {
  constructor(
    private readonly logger: Logger = log,
    private readonly states: Map<string, KeyState> = new Map(),
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Logs `event: "state_change"` when `state` differs from the last one reported for `key` (or on the first
   * report), with the previous state, how long it lasted and how many times it was reported meanwhile.
   * Returns true when a line was written.
   */
  change(key: string, state: string, fields: LogFields = {}, level: LogLevel = "info"): boolean {
    const now = this.clock();
    const prev = this.states.get(key);
    if (prev && prev.state === state) {
      prev.repeats += 1;
      return false;
    }
    this.states.set(key, { state, since: now, repeats: 1 });
    this.logger[level]("state_change", {
      ...fields,
      key,
      state,
      previousState: prev?.state ?? null,
      previousDurationMs: prev ? now - prev.since : null,
      previousReports: prev?.repeats ?? null,
    });
    return true;
  }

  /** Forget a key (a cluster removed from the config), so a later report logs again. */
  forget(key: string): void {
    this.states.delete(key);
  }

  current(key: string): string | undefined {
    return this.states.get(key)?.state;
  }
}

const GLOBAL_KEY = Symbol.for("lbpath.log.states");
function sharedStates(): Map<string, KeyState> {
  const g = globalThis as unknown as Record<symbol, Map<string, KeyState> | undefined>;
  return (g[GLOBAL_KEY] ??= new Map());
}

const shared = new StateChangeLog(log, sharedStates());

/** `logStateChange("k8s:prod:pods", "forbidden", { verb: "list" }, "warn")`: one line per transition. */
export function logStateChange(key: string, state: string, fields?: LogFields, level?: LogLevel): boolean {
  return shared.change(key, state, fields, level);
}
