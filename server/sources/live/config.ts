/**
 * Live-mode settings from the environment (documented in docs/live.md). Pure: pass the env in.
 */
export interface LiveConfig {
  /** Poll mode: how long a snapshot is served before the next read (LBPATH_REFRESH_SECONDS, default 15). */
  refreshMs: number;
  /** Per-request deadline for Kubernetes and per-call deadline for AWS (LBPATH_TIMEOUT_SECONDS, default 10). */
  timeoutMs: number;
  /** AWS calls in flight per read (LBPATH_AWS_CONCURRENCY, default 4). */
  awsConcurrency: number;
  /** Kubernetes list page size (default 500). */
  pageSize: number;
  /** Only these kubeconfig contexts (LBPATH_CONTEXTS, comma-separated); default all. */
  contexts?: string[];
  /**
   * LBPATH_LIVE_CACHE: "shared" (default) = informers (list + watch) and per-region AWS loops in the background,
   * shared by every viewer (issue 5); "poll" = one full read per refresh interval, on demand, single flight.
   */
  cache: "poll" | "shared";
  /** Start reading when the cluster is created (default true; capture turns it off). */
  eager: boolean;
  /**
   * Shared cache only: how long a read waits for the region's first AWS cycle before it serves the Kubernetes half
   * alone, marked AWS_FIRST_READ (LBPATH_AWS_FIRST_READ_WAIT_SECONDS, default 5: a small account's ~25 calls at
   * 5 calls/s fit).
   */
  firstAwsReadWaitMs: number;
  /** Shared cache only: AWS loop settings. */
  aws: {
    callsPerSecond: number; structureMs: number; healthMs: number; tagsMs: number; maxBackoffMs?: number;
    /** LBPATH_METRICS_SECONDS (default 60; 0 or "off": CloudWatch is not read). */
    metricsMs: number;
    /** LBPATH_METRICS_WINDOW_MINUTES (default 15, 5 … 180). */
    metricsWindowMinutes: number;
    /** LBPATH_TIMELINE_HOURS (default 6, at most 24) and LBPATH_TIMELINE_SPANS (default 64 per target, 4 … 1,024). */
    timeline: { windowMs: number; maxSpans: number };
  };
  /** The timeline's Kubernetes changes kept per cluster (LBPATH_TIMELINE_EVENTS, default 2,000) for LBPATH_TIMELINE_HOURS. */
  events: { windowMs: number; capacity: number };
  /**
   * Shared cache only: the longest wait between retries of something failing, a watch that cannot reconnect (default
   * 30 s) or a tripped AWS stage (default 4 of its intervals) (LBPATH_MAX_BACKOFF_SECONDS; unset: the defaults).
   */
  maxBackoffMs?: number;
}

function seconds(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v && Number.isFinite(n) && n > 0 ? n * 1000 : fallback * 1000;
}

/** An integer in [min, max], else the fallback. */
function bounded(v: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(v);
  return v && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function liveConfig(env: Record<string, string | undefined> = process.env): LiveConfig {
  const metricsOff = env.LBPATH_METRICS_SECONDS === "0" || env.LBPATH_METRICS_SECONDS === "off";
  const timelineMs = bounded(env.LBPATH_TIMELINE_HOURS, 6, 1, 24) * 3600_000;
  const conc = Number(env.LBPATH_AWS_CONCURRENCY);
  const contexts = env.LBPATH_CONTEXTS?.split(",").map((s) => s.trim()).filter(Boolean);
  const maxBackoffMs = env.LBPATH_MAX_BACKOFF_SECONDS ? seconds(env.LBPATH_MAX_BACKOFF_SECONDS, NaN) : NaN;
  const backoff = Number.isFinite(maxBackoffMs) ? { maxBackoffMs } : {};
  return {
    refreshMs: seconds(env.LBPATH_REFRESH_SECONDS, 15),
    timeoutMs: seconds(env.LBPATH_TIMEOUT_SECONDS, 10),
    awsConcurrency: Number.isInteger(conc) && conc > 0 ? conc : 4,
    pageSize: 500,
    ...(contexts?.length ? { contexts } : {}),
    cache: env.LBPATH_LIVE_CACHE === "poll" ? "poll" : "shared",
    eager: true,
    firstAwsReadWaitMs: seconds(env.LBPATH_AWS_FIRST_READ_WAIT_SECONDS, 5),
    aws: {
      callsPerSecond: Number(env.LBPATH_AWS_CALLS_PER_SECOND) > 0 ? Number(env.LBPATH_AWS_CALLS_PER_SECOND) : 5,
      structureMs: seconds(env.LBPATH_AWS_STRUCTURE_SECONDS, 60),
      healthMs: seconds(env.LBPATH_HEALTH_SECONDS, 15),
      tagsMs: seconds(env.LBPATH_TAGS_SECONDS, 300),
      metricsMs: metricsOff ? 0 : seconds(env.LBPATH_METRICS_SECONDS, 60),
      metricsWindowMinutes: bounded(env.LBPATH_METRICS_WINDOW_MINUTES, 15, 5, 180),
      timeline: { windowMs: timelineMs, maxSpans: bounded(env.LBPATH_TIMELINE_SPANS, 64, 4, 1024) },
      ...backoff,
    },
    ...backoff,
    events: { windowMs: timelineMs, capacity: bounded(env.LBPATH_TIMELINE_EVENTS, 2_000, 100, 100_000) },
  };
}
