import { z } from "zod";
import { DataAge, TargetSince, Verdict, Warning } from "./topology";

/**
 * The wire contract of `GET /api/v1/clusters/{cluster}/namespaces/{namespace}/services/{name}/timeline`
 * (docs/api.md "Timeline"): one Service's targets as rows of health spans over a window, and the Kubernetes changes
 * that explain them as marks. Kept out of the topology answer so the service page's first paint stays small.
 */

/** Window lengths the API accepts: `15m`, `1h`, … from 5 minutes to 6 hours (the history the live cache keeps). */
export const MIN_WINDOW_SECONDS = 300;
export const MAX_WINDOW_SECONDS = 6 * 3600;
export const DEFAULT_WINDOW = "1h";

/** "15m" → 900, "1h" → 3600; null for anything else (or outside 5 min … 6 h). */
export function windowSeconds(text: string): number | null {
  const m = /^(\d{1,4})(m|h)$/.exec(text);
  if (!m) return null;
  const s = Number(m[1]) * (m[2] === "h" ? 3600 : 60);
  return s >= MIN_WINDOW_SECONDS && s <= MAX_WINDOW_SECONDS ? s : null;
}

export const TimelineQuery = z.object({
  window: z
    .string()
    .default(DEFAULT_WINDOW)
    .refine((w) => windowSeconds(w) !== null, "must be a duration like 15m or 1h, from 5m to 6h"),
  /** The window's end (ISO 8601); default and maximum: the data's time (capturedAt). */
  end: z.iso.datetime({ offset: true }).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

/** A stretch of one state inside the window (clipped to it). `open`: the target is still in it at the data's time. */
export const TimelineSpan = z.object({ state: z.string(), reason: z.string().nullable(), from: z.string(), to: z.string(), open: z.boolean() });
export type TimelineSpan = z.infer<typeof TimelineSpan>;

export const TimelineRow = z.object({
  /** Unique in the answer: `<pathId>|<target key>` (one target can be in several target groups). */
  key: z.string(),
  pathId: z.string(),
  /** The target's element key in the topology (Target:<id>:<port>), for links into the graph. */
  target: z.string(),
  id: z.string(),
  port: z.number().nullable(),
  zone: z.string().nullable(),
  node: z.string().nullable(),
  pod: z.string().nullable(),
  /** Now (the data's time): state, verdict and since when. */
  state: z.string(),
  verdict: Verdict,
  since: TargetSince.nullable(),
  recentChanges: z.number().nullable(),
  /** When lbpath began watching this target; null: no history for it (the spans are then empty). */
  observedSince: z.string().nullable(),
  spans: z.array(TimelineSpan),
  /** Older spans were dropped (the fixed per-target bound). */
  truncated: z.boolean(),
});
export type TimelineRow = z.infer<typeof TimelineRow>;

export const TimelineMark = z.object({
  at: z.string(),
  kind: z.string(),
  pod: z.string().nullable(),
  node: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.string().nullable(),
  /** Row keys this change concerns (the pod's own target, or the targets on its node). */
  rows: z.array(z.string()),
});
export type TimelineMark = z.infer<typeof TimelineMark>;

export const ServiceTimeline = z.object({
  cluster: z.string(),
  service: z.object({ namespace: z.string(), name: z.string() }),
  window: z.object({ start: z.string(), end: z.string(), seconds: z.number() }),
  /** What the recorded history covers; null when the source records none (a snapshot without a timeline). */
  coverage: z.object({ start: z.string(), end: z.string() }).nullable(),
  rows: z.array(TimelineRow),
  events: z.array(TimelineMark),
  warnings: z.array(Warning),
  age: DataAge,
});
export type ServiceTimeline = z.infer<typeof ServiceTimeline>;
